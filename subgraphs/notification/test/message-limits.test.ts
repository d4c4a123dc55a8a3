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
  tripSnapshot,
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

it('counts one phone or mailbox however its address is written: a trunk 0, a +tag, Gmail’s dots and domain', async () => {
  const w = await world(subgraph);
  const remind = async (contact: { phone: string | null; email?: string }) => {
    const account = await person(subgraph, contact);
    await publish(subgraph, 'booking.held', heldNow(w, account.userId));
    return (await settled(account.userId, contact.phone ? 2 : 1)).find(
      (m) => m.channel === (contact.phone ? 'SMS' : 'EMAIL'),
    )!;
  };
  const phones = ['+250788775555', '+2500788775555', '+250788775555', '+2500788775555'];
  const texted = [];
  for (const phone of phones) texted.push(await remind({ phone }));
  expect(texted.map((m) => m.status)).toEqual(['SENT', 'SENT', 'SENT', 'FAILED']);
  expect(texted[3]!.lastError).toBe(ADDRESS_LIMIT);
  const emails = ['mia@gmail.com', 'mia+1@gmail.com', 'm.i.a@gmail.com', 'MIA+2@googlemail.com'];
  const mailed = [];
  for (const email of emails) mailed.push(await remind({ phone: null, email }));
  expect(mailed.map((m) => m.status)).toEqual(['SENT', 'SENT', 'SENT', 'FAILED']);
  // Another mailbox of the same domain is not counted with it.
  expect((await remind({ phone: null, email: 'mia.other@gmail.com' })).status).toBe('SENT');
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
  // A trip alert to a typed number counts too (its company moves or cancels the trip at will): held back past it.
  await cancelTrip(subgraph, w);
  const cancelled = await eventually(async () => {
    const rows = (await messagesOf(subgraph, agent.userId)).filter((m) => m.kind === 'TRIP_CANCELLED');
    return rows.length === 4 ? rows : undefined;
  });
  expect(cancelled!.map((m) => [m.status, m.lastError])).toEqual(Array(4).fill(['FAILED', ADDRESS_LIMIT]));
  expect(subgraph.simulator.messages.smsTo(stranger)).toHaveLength(3);
});

it("holds back trip alerts to a typed number past the limit; an account's own number gets every one", async () => {
  const w = await world(subgraph);
  const agentId = randomUUID();
  const stranger = '+250788661234';
  const sale = confirmedPayload(w, { userId: agentId, role: 'COUNTER_AGENT', companyId: w.companyId });
  await publish(subgraph, 'booking.confirmed', {
    ...sale,
    channel: 'COUNTER',
    soldBy: agentId,
    contact: { name: 'Jean Habimana', phone: stranger, email: null, language: 'en' },
  });
  const p = await person(subgraph, { phone: '+250788662345' });
  await publish(subgraph, 'booking.confirmed', confirmedPayload(w, p));
  await settled(agentId, 1);
  await settled(p.userId, 2);
  // The company moves the trip four times, each alert sent before the next move.
  for (let i = 1; i <= 4; i++) {
    const departureAt = new Date(w.departureAt.getTime() + i * 3_600_000);
    await publish(subgraph, 'trip.updated', tripSnapshot({ ...w, version: i + 1, departureAt }), undefined, 'company');
    await settled(agentId, 1 + i);
    await settled(p.userId, 2 + 2 * i);
  }
  const alerts = (await messagesOf(subgraph, agentId)).filter((m) => m.kind === 'TRIP_DELAYED');
  expect(alerts.filter((m) => m.status === 'SENT')).toHaveLength(2);
  expect(alerts.filter((m) => m.status === 'FAILED').map((m) => m.lastError)).toEqual([ADDRESS_LIMIT, ADDRESS_LIMIT]);
  expect(subgraph.simulator.messages.smsTo(stranger)).toHaveLength(3);
  // The passenger who gave their own number is told of every move.
  await eventually(() => subgraph.simulator.messages.smsTo(p.phone!).length === 5);
});

it("counts a typed number's messages per company: one company's sales do not hold back another's ticket", async () => {
  const [a, b] = [await world(subgraph), await world(subgraph)];
  const stranger = '+250788663456';
  const sell = (w: typeof a, agentId: string) =>
    publish(subgraph, 'booking.confirmed', {
      ...confirmedPayload(w, { userId: agentId, role: 'COUNTER_AGENT', companyId: w.companyId }),
      channel: 'COUNTER',
      soldBy: agentId,
      contact: { name: 'Jean Habimana', phone: stranger, email: null, language: 'en' },
    });
  const [agentA, agentB] = [randomUUID(), randomUUID()];
  for (let i = 0; i < 4; i++) await sell(a, agentA);
  const byA = await settled(agentA, 4);
  expect(byA.filter((m) => m.status === 'FAILED').map((m) => m.lastError)).toEqual([ADDRESS_LIMIT]);
  // Company B's sale to the same number, in the same hour: its ticket goes out.
  await sell(b, agentB);
  const byB = await settled(agentB, 1);
  expect(byB.map((m) => [m.status, m.lastError])).toEqual([['SENT', null]]);
  expect(subgraph.simulator.messages.smsTo(stranger)).toHaveLength(4);
});
