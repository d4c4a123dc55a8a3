import { randomUUID } from 'node:crypto';
import { and, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eventually } from '@busline/shared/testing';
import { bookings } from '../src/db/schema';
import { ADDRESS_LIMIT } from '../src/repositories/message-repository';
import {
  cancelTrip,
  confirmedPayload,
  historyOf,
  messagesOf,
  person,
  publish,
  startNotificationSubgraph,
  world,
  type NotificationSubgraph,
} from './helpers';

/**
 * Whoever can make the platform write messages (anyone can register an account with any phone number and
 * hold seats without paying) cannot flood one phone or mailbox, nor text without end: an address is written
 * a few messages an hour over every account, and an account a few hold reminders a day.
 */
let subgraph: NotificationSubgraph;
beforeAll(async () => {
  subgraph = await startNotificationSubgraph({ perAddressPerHour: 3, remindersPerAccountPerDay: 2 });
});
afterAll(() => subgraph?.stop());

const settled = async (userId: string, count: number) =>
  (await eventually(async () => {
    const rows = await messagesOf(subgraph, userId);
    return rows.length >= count && rows.every((m) => m.status === 'SENT' || m.status === 'FAILED') ? rows : undefined;
  }))!;

const heldNow = (w: Awaited<ReturnType<typeof world>>, userId: string, seat = '3A') => ({
  bookingId: randomUUID(),
  tripId: w.tripId,
  companyId: w.companyId,
  userId,
  tickets: [{ ticketId: randomUUID(), seatNumber: seat, passengerName: 'Aline Uwase' }],
  totalAmount: { amount: 5000, currency: 'RWF' },
  // Due at once: the reminder comes 3 minutes before the hold lapses.
  expiresAt: new Date(Date.now() + 2 * 60_000).toISOString(),
  departureAt: w.departureAt.toISOString(),
});

it('reminds one phone at most three times an hour over every account; paid bookings are still texted', async () => {
  const w = await world(subgraph);
  const victim = '+250788771234';
  // Four accounts that all gave the victim's number, each holding a seat it does not pay.
  const accounts = [];
  for (let i = 0; i < 4; i++) accounts.push(await person(subgraph, { phone: victim }));
  for (const account of accounts) {
    await publish(subgraph, 'booking.held', heldNow(w, account.userId));
    await settled(account.userId, 2);
  }
  const sms = (await Promise.all(accounts.map((a) => messagesOf(subgraph, a.userId))))
    .flat()
    .filter((m) => m.channel === 'SMS');
  expect(sms.filter((m) => m.status === 'SENT')).toHaveLength(3);
  const refused = sms.filter((m) => m.status === 'FAILED');
  expect(refused).toHaveLength(1);
  expect(refused[0]!.lastError).toBe(ADDRESS_LIMIT);
  expect((await historyOf(subgraph, refused[0]!.id)).map((e) => e.status)).toEqual(['FAILED']);
  expect(subgraph.simulator.messages.smsTo(victim)).toHaveLength(3);
  // Each account's own e-mail address went on receiving.
  for (const account of accounts) expect(subgraph.simulator.messages.mailTo(account.email)).toHaveLength(1);
  // A paid booking's ticket is never held back.
  await publish(subgraph, 'booking.confirmed', confirmedPayload(w, accounts[0]!));
  await eventually(() => subgraph.simulator.messages.smsTo(victim).length === 4);
});

it('reminds an account of at most two unpaid holds a day', async () => {
  const w = await world(subgraph);
  const p = await person(subgraph, { phone: null });
  for (let i = 0; i < 3; i++) await publish(subgraph, 'booking.held', heldNow(w, p.userId, `${i + 1}A`));
  await eventually(async () => (await messagesOf(subgraph, p.userId)).filter((m) => m.status === 'SENT').length === 2);
  // The third hold's reminder is not written: every due reminder was looked at by now.
  await eventually(
    async () =>
      (
        await subgraph.database.handle.db
          .select()
          .from(bookings)
          .where(and(eq(bookings.userId, p.userId), isNotNull(bookings.remindAt)))
      ).length === 0,
  );
  expect(await messagesOf(subgraph, p.userId)).toHaveLength(2);
});

it('texts a number a seller typed at most three messages an hour, tickets included: a sale cancelled at once costs little', async () => {
  const w = await world(subgraph);
  const agent = await person(subgraph);
  const stranger = '+447700900123';
  // Four counter sales for a walk-in at the same number (each paid in cash, and cancelled at once).
  for (const seat of ['1A', '1B', '1C', '1D']) {
    const sale = confirmedPayload(w, { userId: agent.userId, role: 'COUNTER_AGENT', companyId: w.companyId }, [seat]);
    await publish(subgraph, 'booking.confirmed', {
      ...sale,
      channel: 'COUNTER',
      soldBy: agent.userId,
      contact: { name: 'Jean Habimana', phone: stranger, email: null, language: 'en' },
    });
  }
  const texts = await eventually(async () => {
    const rows = (await messagesOf(subgraph, agent.userId)).filter((m) => m.address === stranger);
    return rows.length === 4 && rows.every((m) => m.status === 'SENT' || m.status === 'FAILED') ? rows : undefined;
  });
  expect(texts!.filter((m) => m.status === 'SENT')).toHaveLength(3);
  expect(texts!.filter((m) => m.status === 'FAILED').map((m) => [m.kind, m.lastError])).toEqual([
    ['BOOKING_CONFIRMED', ADDRESS_LIMIT],
  ]);
  expect(subgraph.simulator.messages.smsTo(stranger)).toHaveLength(3);
  // The trip's cancellation is its company's doing, not the seller's: all four are told, past the limit.
  await cancelTrip(subgraph, w);
  await eventually(() => subgraph.simulator.messages.smsTo(stranger).length === 7);
});
