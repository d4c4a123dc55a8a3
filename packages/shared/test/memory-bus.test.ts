import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MemoryEventBus } from '../src/events/memory-bus';
import type { DomainEvent } from '../src/events/types';
import { eventually, testLogger } from '../src/testing/infra';

const event = (type = 'trip.scheduled'): DomainEvent => ({
  id: randomUUID(),
  type,
  source: 'test',
  occurredAt: new Date().toISOString(),
  payload: {},
});

describe('in-memory event bus', () => {
  it('gives a consumer group that subscribes late what was published before it', async () => {
    const bus = new MemoryEventBus(testLogger());
    const early = event();
    await bus.publish(early);
    const seen: string[] = [];
    bus.subscribe({ group: 'ticketing', types: ['trip.scheduled'], handler: async (e) => void seen.push(e.id) });
    const later = event();
    await bus.publish(later);
    await eventually(() => seen.length === 2);
    expect(seen).toEqual([early.id, later.id]);
    await bus.close();
  });

  it('replays history to a group only once, not to a second subscription of the same group', async () => {
    const bus = new MemoryEventBus(testLogger());
    const history = event();
    await bus.publish(history);
    const seen: string[] = [];
    const first = bus.subscribe({
      group: 'ticketing',
      types: ['trip.scheduled'],
      handler: async (e) => void seen.push(e.id),
    });
    await eventually(() => seen.length === 1);
    await first.stop();
    bus.subscribe({ group: 'ticketing', types: ['trip.scheduled'], handler: async (e) => void seen.push(e.id) });
    // A group's events are handled in order: a replay would reach the handler before this one.
    const next = event();
    await bus.publish(next);
    await eventually(() => seen.includes(next.id));
    expect(seen).toEqual([history.id, next.id]);
    await bus.close();
  });

  it('refuses to publish once closed, so the outbox keeps the event', async () => {
    const bus = new MemoryEventBus(testLogger());
    await bus.close();
    await expect(bus.publish(event())).rejects.toThrow(/closed/);
  });

  it('fails the publish when a consumer group stops before handling the event', async () => {
    const bus = new MemoryEventBus(testLogger());
    let release = () => {};
    const subscription = bus.subscribe({
      group: 'qr',
      types: ['booking.confirmed'],
      handler: () => new Promise<void>((resolve) => (release = resolve)),
    });
    const first = bus.publish(event('booking.confirmed'));
    const second = bus.publish(event('booking.confirmed'));
    await eventually(() => release.toString() !== '() => {}');
    const stopping = subscription.stop();
    release();
    await first;
    await expect(second).rejects.toThrow(/stopped/);
    await stopping;
  });
});
