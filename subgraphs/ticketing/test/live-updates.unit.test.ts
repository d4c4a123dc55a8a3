import type { LivePubSub } from '@busline/shared';
import { describe, expect, it } from 'vitest';
import { LiveUpdates, topics } from '../src/services/live';

/** A pub/sub whose publishes stay unanswered until `answer()`: what each was asked, in order. */
function slowPubSub() {
  const published: { topic: string; payload: unknown }[] = [];
  const waiting: (() => void)[] = [];
  const pubsub = {
    publish: (topic: string, payload: unknown) => {
      published.push({ topic, payload });
      return new Promise<void>((resolve) => waiting.push(resolve));
    },
  } as unknown as LivePubSub;
  return { pubsub, published, answer: () => waiting.splice(0).forEach((resolve) => resolve()) };
}

function unitOfWork() {
  const hooks: (() => unknown)[] = [];
  return { uow: { afterCommit: (hook: () => unknown) => hooks.push(hook) }, hooks };
}

describe('live updates of a booking', () => {
  it("publish the booking's and its trip's seats at once, booking first, without waiting for each other", async () => {
    const { pubsub, published, answer } = slowPubSub();
    const { uow, hooks } = unitOfWork();
    new LiveUpdates(pubsub).bookingChanged(uow, { id: 'b1', tripId: 't1' }, { boardingStop: 0, alightingStop: 2 });
    expect(published).toEqual([]);
    expect(hooks).toHaveLength(1);
    const done = hooks[0]!();
    // The seats' update is asked for before Redis has answered the booking's.
    expect(published).toEqual([
      { topic: topics.booking('b1'), payload: { bookingId: 'b1' } },
      { topic: topics.tripSeats('t1'), payload: { tripId: 't1', segment: { boardingStop: 0, alightingStop: 2 } } },
    ]);
    answer();
    await done;
  });

  it('publish only the booking when no seat changed, and the whole trip when the stretch is unknown', async () => {
    const { pubsub, published, answer } = slowPubSub();
    const { uow, hooks } = unitOfWork();
    const live = new LiveUpdates(pubsub);
    live.bookingChanged(uow, { id: 'b1', tripId: 't1' }, false);
    live.bookingChanged(uow, { id: 'b2', tripId: 't2' });
    const done = Promise.all(hooks.map((hook) => hook()));
    expect(published.map(({ topic }) => topic)).toEqual([
      topics.booking('b1'),
      topics.booking('b2'),
      topics.tripSeats('t2'),
    ]);
    expect(published[2]!.payload).toEqual({ tripId: 't2', segment: null });
    answer();
    await done;
  });
});
