import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eventually } from '@busline/shared/testing';
import { messages } from '../src/db/schema';
import { CHANNEL_OFF, HOLD_ENDED } from '../src/repositories/message-repository';
import {
  confirmedPayload,
  heldPayload,
  historyOf,
  messagesOf,
  person,
  publish,
  startNotificationSubgraph,
  tripSnapshot,
  world,
  type NotificationSubgraph,
  type World,
} from './helpers';

/**
 * A message written and waiting (for its trip alert to settle, or for a retry) that is no longer wanted when it comes
 * due is given up, not sent: a hold reminder once the hold ended, a message on a channel the passenger turned off.
 */
let subgraph: NotificationSubgraph;
beforeAll(async () => {
  subgraph = await startNotificationSubgraph({ tripAlertSettleMs: 60_000, retryMs: 60_000, retryMaxMs: 60_000 });
});
afterAll(() => subgraph?.stop());

const UPDATE = `mutation($input: NotificationPreferencesInput!) {
  updateNotificationPreferences(input: $input) { channels channelsChosen }
}`;

it('gives up a hold reminder waiting for its retry once the hold is paid: no "pay or lose the seats"', async () => {
  const w = await world(subgraph);
  // The simulator answers 500 to the first two sends to a number ending 5002.
  const p = await person(subgraph, { phone: '+250788775002' });
  const bookingId = randomUUID();
  await publish(subgraph, 'booking.held', heldPayload(w, p, bookingId));
  const reminder = (await eventually(async () =>
    (await messagesOf(subgraph, p.userId)).find(
      (m) => m.kind === 'HOLD_EXPIRING' && m.channel === 'SMS' && m.status === 'RETRYING',
    ),
  ))!;
  await publish(subgraph, 'booking.confirmed', confirmedPayload(w, p, ['3A'], bookingId));
  const given = (await eventually(async () => {
    const [row] = await subgraph.database.handle.db.select().from(messages).where(eq(messages.id, reminder.id));
    return row?.status === 'FAILED' ? row : undefined;
  }))!;
  expect(given.lastError).toBe(HOLD_ENDED);
  expect((await historyOf(subgraph, reminder.id)).at(-1)).toMatchObject({ status: 'FAILED', detail: HOLD_ENDED });
  // The ticket is written all the same.
  expect((await messagesOf(subgraph, p.userId)).filter((m) => m.kind === 'BOOKING_CONFIRMED')).toHaveLength(2);
});

/**
 * A confirmed booking of `w` for `p` (its ticket texted), then its trip an hour later: the delay alerts, written and
 * waiting a minute to settle, are read by the function returned.
 */
async function tripDelayedFor(w: World, p: Awaited<ReturnType<typeof person>>) {
  await publish(subgraph, 'booking.confirmed', confirmedPayload(w, p));
  await eventually(() => subgraph.simulator.messages.smsTo(p.phone!).length === 1);
  const departureAt = new Date(w.departureAt.getTime() + 3_600_000);
  await publish(subgraph, 'trip.updated', tripSnapshot({ ...w, version: 2, departureAt }), undefined, 'company');
  const delays = async () => (await messagesOf(subgraph, p.userId)).filter((m) => m.kind === 'TRIP_DELAYED');
  await eventually(async () => (await delays()).length === 2);
  return delays;
}

it('gives up the SMS waiting to be sent when the passenger turns SMS off; the e-mail still goes', async () => {
  const w = await world(subgraph);
  const p = await person(subgraph);
  const delays = await tripDelayedFor(w, p);
  const chosen = await subgraph.request(UPDATE, { input: { channels: ['EMAIL'] } }, p);
  expect(chosen.data?.updateNotificationPreferences).toEqual({ channels: ['EMAIL'], channelsChosen: true });
  expect((await delays()).map((m) => [m.channel, m.status, m.lastError]).sort()).toEqual([
    ['EMAIL', 'PENDING', null],
    ['SMS', 'FAILED', CHANNEL_OFF],
  ]);
  // The minute passes: the e-mail is sent, no text.
  await subgraph.database.handle.db
    .update(messages)
    .set({ nextAttemptAt: new Date() })
    .where(and(eq(messages.userId, p.userId), eq(messages.status, 'PENDING')));
  await eventually(async () => (await delays()).some((m) => m.channel === 'EMAIL' && m.status === 'SENT'));
  expect(subgraph.simulator.messages.smsTo(p.phone!)).toHaveLength(1);
});

it('gives up an SMS left SENDING by a sender that stopped, its lease run out, when SMS is turned off', async () => {
  const w = await world(subgraph);
  const p = await person(subgraph);
  const delays = await tripDelayedFor(w, p);
  // A sender leased the text and stopped before the provider had it; its lease has run out.
  await subgraph.database.handle.db
    .update(messages)
    .set({ status: 'SENDING', attempts: 1, nextAttemptAt: new Date(Date.now() - 1000) })
    .where(and(eq(messages.userId, p.userId), eq(messages.kind, 'TRIP_DELAYED'), eq(messages.channel, 'SMS')));
  expect((await subgraph.request(UPDATE, { input: { channels: ['EMAIL'] } }, p)).errors).toBeUndefined();
  expect((await delays()).find((m) => m.channel === 'SMS')).toMatchObject({ status: 'FAILED', lastError: CHANNEL_OFF });
  expect(subgraph.simulator.messages.smsTo(p.phone!)).toHaveLength(1);
});

it('gives up, once its lease runs out, an SMS being sent when SMS was turned off whose send was never recorded', async () => {
  const w = await world(subgraph);
  const p = await person(subgraph);
  const delays = await tripDelayedFor(w, p);
  // A sender leased the text a moment ago (its lease runs) and stops before the provider has it.
  const where = and(eq(messages.userId, p.userId), eq(messages.kind, 'TRIP_DELAYED'), eq(messages.channel, 'SMS'));
  await subgraph.database.handle.db
    .update(messages)
    .set({ status: 'SENDING', attempts: 1, nextAttemptAt: new Date(Date.now() + 60_000) })
    .where(where);
  expect((await subgraph.request(UPDATE, { input: { channels: ['EMAIL'] } }, p)).errors).toBeUndefined();
  // Left to that send: for all anyone knows it is under way.
  expect((await delays()).find((m) => m.channel === 'SMS')?.status).toBe('SENDING');
  // The lease runs out: the sender taking over gives it up.
  await subgraph.database.handle.db
    .update(messages)
    .set({ nextAttemptAt: new Date(Date.now() - 1000) })
    .where(where);
  const sms = (await eventually(async () => {
    const found = (await delays()).find((m) => m.channel === 'SMS');
    return found?.status === 'FAILED' ? found : undefined;
  }))!;
  expect(sms.lastError).toBe(CHANNEL_OFF);
  expect((await historyOf(subgraph, sms.id)).at(-1)).toMatchObject({ status: 'FAILED', detail: CHANNEL_OFF });
  expect(subgraph.simulator.messages.smsTo(p.phone!)).toHaveLength(1);
});
