import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eventually } from '@busline/shared/testing';
import { messages } from '../src/db/schema';
import { SUPERSEDED } from '../src/repositories/message-repository';
import {
  cancelTrip,
  confirmedPayload,
  historyOf,
  messagesOf,
  person,
  publish,
  startNotificationSubgraph,
  tripSnapshot,
  world,
  type NotificationSubgraph,
} from './helpers';

/**
 * A trip's change of time waits a minute before it is sent: a company moving a departure back and forth texts its
 * passengers once (the latest time, against the one they were last told), or not at all when it ends where it began.
 */
let subgraph: NotificationSubgraph;
beforeAll(async () => {
  // A failed send is retried a minute later: a change of time can come between two attempts.
  subgraph = await startNotificationSubgraph({ tripAlertSettleMs: 60_000, retryMs: 60_000, retryMaxMs: 60_000 });
});
afterAll(() => subgraph?.stop());

const HOUR = 3_600_000;

/** The trip's snapshots at `offsets` (hours from its first departure), versions 2, 3, …, each applied in turn. */
async function moveTrip(w: Awaited<ReturnType<typeof world>>, offsets: number[]) {
  for (const [i, hours] of offsets.entries()) {
    const departureAt = new Date(w.departureAt.getTime() + hours * HOUR);
    const id = await publish(
      subgraph,
      'trip.updated',
      tripSnapshot({ ...w, version: i + 2, departureAt }),
      undefined,
      'company',
    );
    await eventually(() => subgraph.deliveries(id) >= 1);
  }
}

const pendingAlerts = async (userId: string) =>
  (await messagesOf(subgraph, userId)).filter((m) => m.kind !== 'BOOKING_CONFIRMED' && m.status === 'PENDING');

/** Sends what waits now (as the minute having passed would). */
const sendNow = (userId: string) =>
  subgraph.database.handle.db
    .update(messages)
    .set({ nextAttemptAt: new Date() })
    .where(and(eq(messages.userId, userId), eq(messages.status, 'PENDING')));

it('texts a departure moved back and forth eight times once: the last time, against the one the passenger knew', async () => {
  const w = await world(subgraph);
  const p = await person(subgraph);
  await publish(subgraph, 'booking.confirmed', confirmedPayload(w, p));
  await eventually(() => subgraph.simulator.messages.smsTo(p.phone!).length === 1);
  await moveTrip(w, [1, 0, 1, 0, 1, 0, 1, 2]);
  const waiting = await pendingAlerts(p.userId);
  expect(waiting.map((m) => [m.kind, m.channel]).sort()).toEqual([
    ['TRIP_DELAYED', 'EMAIL'],
    ['TRIP_DELAYED', 'SMS'],
  ]);
  const replaced = (await messagesOf(subgraph, p.userId)).filter((m) => m.lastError === SUPERSEDED);
  expect(replaced.length).toBeGreaterThan(0);
  expect((await historyOf(subgraph, replaced[0]!.id)).at(-1)).toMatchObject({ status: 'FAILED', detail: SUPERSEDED });
  await sendNow(p.userId);
  await eventually(() => subgraph.simulator.messages.smsTo(p.phone!).length === 2);
  // 07:00 was what the ticket said; 09:00 is where it ended.
  expect(subgraph.simulator.messages.smsTo(p.phone!)[1]!.message).toMatch(
    /now leaves Jan 15, 2030, 9:00\sAM instead of Jan 15, 2030, 7:00\sAM/,
  );
});

it('texts nothing when the departure ends where the passenger was told it is', async () => {
  const w = await world(subgraph);
  const p = await person(subgraph);
  await publish(subgraph, 'booking.confirmed', confirmedPayload(w, p));
  await eventually(() => subgraph.simulator.messages.smsTo(p.phone!).length === 1);
  await moveTrip(w, [1, 0]);
  expect(await pendingAlerts(p.userId)).toEqual([]);
  const alerts = (await messagesOf(subgraph, p.userId)).filter((m) => m.kind !== 'BOOKING_CONFIRMED');
  expect(alerts.map((m) => m.status)).toEqual(['FAILED', 'FAILED']);
});

it('gives up a change not sent yet when the trip is cancelled, and texts the cancellation', async () => {
  const w = await world(subgraph);
  const p = await person(subgraph);
  await publish(subgraph, 'booking.confirmed', confirmedPayload(w, p));
  await eventually(() => subgraph.simulator.messages.smsTo(p.phone!).length === 1);
  await moveTrip(w, [1]);
  const id = await publish(
    subgraph,
    'trip.updated',
    tripSnapshot({ ...w, version: 3, departureAt: new Date(w.departureAt.getTime() + HOUR) }, { status: 'CANCELLED' }),
    undefined,
    'company',
  );
  await eventually(() => subgraph.deliveries(id) >= 1);
  const rows = await messagesOf(subgraph, p.userId);
  expect(rows.filter((m) => m.kind === 'TRIP_DELAYED').map((m) => m.lastError)).toEqual([SUPERSEDED, SUPERSEDED]);
  await eventually(() => subgraph.simulator.messages.smsTo(p.phone!).length === 2);
  expect(rows.filter((m) => m.kind === 'TRIP_CANCELLED')).toHaveLength(2);
});

it('replaces a change whose send failed and waits for its retry, and corrects only the channel that told the passenger', async () => {
  const w = await world(subgraph);
  // The simulator answers 500 to every send to a number ending 5050: its texts wait for a retry.
  const p = await person(subgraph, { phone: '+250788445050' });
  await publish(subgraph, 'booking.confirmed', confirmedPayload(w, p));
  await eventually(() => subgraph.simulator.messages.mailTo(p.email).length === 1);
  await moveTrip(w, [1]);
  await sendNow(p.userId);
  // The e-mail said 8:00; the text failed and waits.
  await eventually(() => subgraph.simulator.messages.mailTo(p.email).length === 2);
  await eventually(async () =>
    (await messagesOf(subgraph, p.userId)).some(
      (m) => m.kind === 'TRIP_DELAYED' && m.channel === 'SMS' && m.status === 'RETRYING',
    ),
  );
  // Back to 7:00: the text waiting for its retry is replaced (it would have said 8:00 after the correction), and
  // only the e-mail, which told 8:00, is corrected.
  const id = await publish(subgraph, 'trip.updated', tripSnapshot({ ...w, version: 3 }), undefined, 'company');
  await eventually(() => subgraph.deliveries(id) >= 1);
  const rows = await messagesOf(subgraph, p.userId);
  expect(rows.find((m) => m.kind === 'TRIP_DELAYED' && m.channel === 'SMS')).toMatchObject({
    status: 'FAILED',
    lastError: SUPERSEDED,
  });
  expect(rows.filter((m) => m.kind === 'TRIP_RESCHEDULED').map((m) => [m.channel, m.status])).toEqual([
    ['EMAIL', 'PENDING'],
  ]);
  await sendNow(p.userId);
  await eventually(() => subgraph.simulator.messages.mailTo(p.email).length === 3);
  expect(subgraph.simulator.messages.mailTo(p.email)[2]!.text).toMatch(
    /now leaves EARLIER, Jan 15, 2030, 7:00\sAM instead of Jan 15, 2030, 8:00\sAM/,
  );
});

it('gives up a change not sent yet when the booking is cancelled, whatever the trip does', async () => {
  const w = await world(subgraph);
  const p = await person(subgraph);
  const booking = confirmedPayload(w, p);
  await publish(subgraph, 'booking.confirmed', booking);
  await eventually(() => subgraph.simulator.messages.smsTo(p.phone!).length === 1);
  await moveTrip(w, [1]);
  const id = await publish(subgraph, 'booking.cancelled', {
    bookingId: booking.bookingId,
    tripId: w.tripId,
    companyId: w.companyId,
    userId: p.userId,
    reason: 'CUSTOMER_REQUEST',
    refund: { amount: 0, currency: 'RWF' },
    ticketIds: booking.tickets.map((t) => t.ticketId),
  });
  await eventually(() => subgraph.deliveries(id) >= 1);
  expect(
    (await messagesOf(subgraph, p.userId)).filter((m) => m.kind === 'TRIP_DELAYED').map((m) => m.lastError),
  ).toEqual([SUPERSEDED, SUPERSEDED]);
});

it('replaces a change left SENDING by a sender that stopped before the provider had it, once its lease ran out', async () => {
  const w = await world(subgraph);
  const p = await person(subgraph);
  await publish(subgraph, 'booking.confirmed', confirmedPayload(w, p));
  await eventually(() => subgraph.simulator.messages.smsTo(p.phone!).length === 1);
  await moveTrip(w, [1]);
  // A sender leased both alerts and stopped; their lease has run out.
  await subgraph.database.handle.db
    .update(messages)
    .set({ status: 'SENDING', attempts: 1, nextAttemptAt: new Date(Date.now() - 1000) })
    .where(and(eq(messages.userId, p.userId), eq(messages.kind, 'TRIP_DELAYED')));
  const id = await publish(
    subgraph,
    'trip.updated',
    tripSnapshot({ ...w, version: 3, departureAt: new Date(w.departureAt.getTime() + 2 * HOUR) }),
    undefined,
    'company',
  );
  await eventually(() => subgraph.deliveries(id) >= 1);
  const rows = await messagesOf(subgraph, p.userId);
  // The 8:00 alerts are never sent after the 9:00 ones.
  expect(rows.filter((m) => m.kind === 'TRIP_DELAYED' && m.lastError === SUPERSEDED).map((m) => m.status)).toEqual([
    'FAILED',
    'FAILED',
  ]);
  expect(rows.filter((m) => m.kind === 'TRIP_DELAYED' && m.status === 'PENDING')).toHaveLength(2);
});

it('gives up, once its lease runs out, a change being sent when the trip was cancelled whose send was never recorded', async () => {
  const w = await world(subgraph);
  const p = await person(subgraph);
  await publish(subgraph, 'booking.confirmed', confirmedPayload(w, p));
  await eventually(() => subgraph.simulator.messages.smsTo(p.phone!).length === 1);
  await moveTrip(w, [1]);
  // A sender leased the text a moment ago (its lease runs) and stops before the provider has it.
  const where = and(eq(messages.userId, p.userId), eq(messages.kind, 'TRIP_DELAYED'), eq(messages.channel, 'SMS'));
  await subgraph.database.handle.db
    .update(messages)
    .set({ status: 'SENDING', attempts: 1, nextAttemptAt: new Date(Date.now() + 60_000) })
    .where(where);
  await cancelTrip(subgraph, w, 3);
  await eventually(() => subgraph.simulator.messages.smsTo(p.phone!).length === 2);
  // The lease runs out: the sender taking over gives the change up rather than text it after the cancellation.
  await subgraph.database.handle.db
    .update(messages)
    .set({ nextAttemptAt: new Date(Date.now() - 1000) })
    .where(where);
  const delay = (await eventually(async () => {
    const [row] = await subgraph.database.handle.db.select().from(messages).where(where);
    return row?.status === 'FAILED' ? row : undefined;
  }))!;
  expect(delay.lastError).toBe(SUPERSEDED);
  expect(subgraph.simulator.messages.smsTo(p.phone!)).toHaveLength(2);
  expect(subgraph.simulator.messages.smsTo(p.phone!)[1]!.message).toMatch(/cancelled/);
});
