// Notification: a paid booking's cancellation by its trip's cancellation read before the booking (one stream per
// type, docs/events.md): it stored the booking cancelled, so its confirmation, read later, changed nothing and the
// passenger who paid was never told (nor, for a counter sale paid in cash, sent the code of the refund owed).
// Such a cancellation is now retried until the booking is known, as a route edit's already was.
// A counter sale's cancellation for any other reason (nothing to retry) stored the booking without its walk-in
// contact, and the booking's held / confirmed events, read later, changed nothing: its refund texts went to the
// seller's account, or nowhere. They now complete it, and a refund's text waits for them.
import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@busline/shared/testing';
import { messages, processedEvents } from '../src/db/schema';
import {
  cancelTrip,
  confirmedPayload,
  messagesOf,
  person,
  publish,
  startNotificationSubgraph,
  textablePhone,
  world,
  type NotificationSubgraph,
  type World,
} from './helpers';

let subgraph: NotificationSubgraph;
beforeAll(async () => {
  subgraph = await startNotificationSubgraph();
});
afterAll(() => subgraph?.stop());

const db = () => subgraph.database.handle.db;

async function processed(...eventIds: string[]) {
  await eventually(
    async () =>
      (await db().select().from(processedEvents).where(inArray(processedEvents.eventId, eventIds))).length ===
      eventIds.length,
  );
}

/** Waits until the consumer tried the event once (applied, or failed and waiting for its retry). */
const delivered = (eventId: string) => eventually(() => subgraph.deliveries(eventId) >= 1);

/** Lets the sender run a few passes (it sends every 30 ms). */
const settle = () => new Promise((r) => setTimeout(r, 1500));

/** A counter sale of `w` sold by `sellerId` to a walk-in reached at a fresh phone: its booking.confirmed and more. */
function counterSale(w: World, sellerId: string) {
  const phone = textablePhone();
  const base = confirmedPayload(w, { userId: sellerId, role: 'COUNTER_AGENT', companyId: w.companyId });
  const sale = {
    ...base,
    channel: 'COUNTER',
    soldBy: sellerId,
    contact: { name: 'Jean Habimana', phone, email: null, language: 'en' },
  };
  return { phone, base, sale };
}

const cancellation = (w: World, booking: ReturnType<typeof confirmedPayload>, reason: string, extra = {}) => ({
  bookingId: booking.bookingId,
  tripId: w.tripId,
  companyId: w.companyId,
  userId: booking.userId,
  reason,
  cancelledBy: null,
  ticketIds: booking.tickets.map((t) => t.ticketId),
  refund: { amount: 5000, currency: 'RWF' },
  paymentId: booking.paymentId,
  ...extra,
});

describe('a trip cancellation read before the booking it cancels was confirmed here', () => {
  it('still tells the paid passenger their trip is cancelled (as ROUTE_CHANGED does)', async () => {
    const w = await world(subgraph);
    const p = await person(subgraph);
    const booking = confirmedPayload(w, p);
    // booking.confirmed waits on its stream (say, retried while the user was not known yet); meanwhile the company
    // cancels the trip: ticketing emits booking.cancelled (TRIP_CANCELLED, full refund) and company trip.cancelled.
    await delivered(await publish(subgraph, 'booking.cancelled', cancellation(w, booking, 'TRIP_CANCELLED')));
    await delivered(await cancelTrip(subgraph, w));
    await processed(await publish(subgraph, 'booking.confirmed', booking));
    await settle();
    const kinds = (await messagesOf(subgraph, p.userId)).map((m) => `${m.kind} ${m.channel}`).sort();
    // The passenger paid, saw the booking confirmed in the app, and their bus will not run: they must be told.
    expect(kinds).toEqual(expect.arrayContaining(['TRIP_CANCELLED EMAIL', 'TRIP_CANCELLED SMS']));
  });
});

describe("a counter sale's cancellation read before its booking.held / booking.confirmed", () => {
  it('texts the walk-in the code of a cash refund owed, however late the sale itself is read', async () => {
    const w = await world(subgraph);
    const seller = await person(subgraph);
    const { phone, base, sale } = counterSale(w, seller.userId);
    const held = { ...sale, expiresAt: new Date(Date.now() + 10 * 60_000).toISOString() };
    // The trip is cancelled: the cash refund is DUE and payment emits its code; notification reads both before
    // the sale's booking.held / booking.confirmed.
    await delivered(
      await publish(subgraph, 'booking.cancelled', {
        ...cancellation(w, base, 'TRIP_CANCELLED'),
        channel: 'COUNTER',
        soldBy: seller.userId,
      }),
    );
    await delivered(
      await publish(
        subgraph,
        'payment.refund_due',
        {
          refundId: randomUUID(),
          paymentId: sale.paymentId,
          bookingId: sale.bookingId,
          userId: seller.userId,
          amount: { amount: 5000, currency: 'RWF' },
          code: '735101',
          codeNumber: 1,
          channel: 'COUNTER',
        },
        undefined,
        'payment',
      ),
    );
    await processed(await publish(subgraph, 'booking.held', held));
    await processed(await publish(subgraph, 'booking.confirmed', sale));
    await settle();
    const codes = (await db().select().from(messages).where(eq(messages.bookingId, sale.bookingId))).filter(
      (m) => m.kind === 'REFUND_DUE',
    );
    // "A code is sent however late the event is read": the walk-in left a phone, so the code must reach it.
    expect(codes.map((m) => m.address)).toEqual([phone]);
  });
});

describe('a counter sale cancelled by its passenger, the cancellation read before the sale', () => {
  it("writes the refund's code and its mobile-money text to the walk-in, never to the seller", async () => {
    const w = await world(subgraph);
    const seller = await person(subgraph);
    const { phone, base, sale } = counterSale(w, seller.userId);
    await processed(
      await publish(subgraph, 'booking.cancelled', {
        ...cancellation(w, base, 'PASSENGER_CANCELLED'),
        channel: 'COUNTER',
        soldBy: seller.userId,
      }),
    );
    const due = {
      refundId: randomUUID(),
      paymentId: sale.paymentId,
      bookingId: sale.bookingId,
      userId: seller.userId,
      amount: { amount: 5000, currency: 'RWF' },
      code: '735101',
      codeNumber: 1,
      channel: 'COUNTER',
    };
    await delivered(await publish(subgraph, 'payment.refund_due', due, undefined, 'payment'));
    // A second payment of the sale (mobile money) refunded in full.
    const refunded = {
      paymentId: randomUUID(),
      bookingId: sale.bookingId,
      userId: seller.userId,
      refundId: randomUUID(),
      amount: { amount: 5000, currency: 'RWF' },
      method: 'MTN_MOMO',
    };
    await delivered(await publish(subgraph, 'payment.refunded', refunded, undefined, 'payment'));
    await processed(
      await publish(subgraph, 'booking.held', { ...sale, expiresAt: new Date(Date.now() + 10 * 60_000).toISOString() }),
    );
    await processed(await publish(subgraph, 'booking.confirmed', sale));
    const written = async () => await db().select().from(messages).where(eq(messages.bookingId, sale.bookingId));
    await eventually(async () => (await written()).length >= 2);
    await settle();
    expect((await written()).map((m) => [m.kind, m.address]).sort()).toEqual([
      ['REFUND_DUE', phone],
      ['REFUND_SENT', phone],
    ]);
    expect(subgraph.simulator.messages.smsTo(seller.phone!)).toEqual([]);
    expect(subgraph.simulator.messages.mailTo(seller.email)).toEqual([]);
  });
});

describe("a counter sale claimed between its trip's cancellation and the booking's own", () => {
  it('tells its passenger once that the trip is cancelled', async () => {
    const w = await world(subgraph);
    const seller = await person(subgraph);
    const { phone, base, sale } = counterSale(w, seller.userId);
    await processed(await publish(subgraph, 'booking.confirmed', sale));
    await processed(await cancelTrip(subgraph, w));
    // The walk-in, told by SMS, signs up with that phone and claims the sale; then the booking's own cancellation.
    const claimer = await person(subgraph, { phone });
    await processed(
      await publish(subgraph, 'booking.claimed', {
        bookingId: sale.bookingId,
        tripId: w.tripId,
        companyId: w.companyId,
        userId: claimer.userId,
        previousUserId: seller.userId,
        ticketIds: [],
        claimedAt: new Date().toISOString(),
      }),
    );
    await processed(
      await publish(subgraph, 'booking.cancelled', {
        ...cancellation(w, base, 'TRIP_CANCELLED'),
        userId: claimer.userId,
        channel: 'COUNTER',
        soldBy: seller.userId,
      }),
    );
    await settle();
    const alerts = (await db().select().from(messages).where(eq(messages.bookingId, sale.bookingId))).filter(
      (m) => m.kind === 'TRIP_CANCELLED',
    );
    expect(alerts.map((m) => [m.channel, m.address])).toEqual([['SMS', phone]]);
  });
});
