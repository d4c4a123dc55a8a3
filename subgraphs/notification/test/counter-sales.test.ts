import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@busline/shared/testing';
import { bookings, messages, processedEvents } from '../src/db/schema';
import {
  confirmedPayload,
  MESSAGES,
  messagesOf,
  person,
  platformAdmin,
  publish,
  startNotificationSubgraph,
  textablePhone,
  tripSnapshot,
  type NotificationSubgraph,
  type World,
} from './helpers';

let subgraph: NotificationSubgraph;
beforeAll(async () => {
  subgraph = await startNotificationSubgraph({ timeZone: 'Africa/Kigali' });
});
afterAll(() => subgraph?.stop());

const db = () => subgraph.database.handle.db;

const sent = async (userId: string, count: number) =>
  (await eventually(async () => {
    const rows = await messagesOf(subgraph, userId);
    return rows.filter((m) => m.status === 'SENT').length >= count ? rows : undefined;
  }))!;

const messagesTo = (address: string) => db().select().from(messages).where(eq(messages.address, address));

async function processed(...eventIds: string[]) {
  await eventually(
    async () =>
      (await db().select().from(processedEvents).where(inArray(processedEvents.eventId, eventIds))).length ===
      eventIds.length,
  );
}

/** A company (with `timeZone` when given) and one trip on 15 January 2030 at 05:00 UTC, known to the subgraph. */
async function companyWorld(timeZone?: string): Promise<World> {
  const w: World = {
    companyId: randomUUID(),
    tripId: randomUUID(),
    departureAt: new Date(Date.UTC(2030, 0, 15, 5, 0)),
    version: 1,
  };
  const company = await publish(
    subgraph,
    'company.created',
    {
      companyId: w.companyId,
      name: 'Volcano Coaches',
      slug: `volcano-${w.companyId.slice(0, 6)}`,
      refundPolicy: { tiers: [] },
      ...(timeZone ? { timeZone, currency: 'RWF' } : {}),
    },
    undefined,
    'company',
  );
  const trip = await publish(subgraph, 'trip.scheduled', tripSnapshot(w), undefined, 'company');
  await processed(company, trip);
  return w;
}

/** A counter sale: sold by `agentId`, for a walk-in passenger reached at `phone`. */
function counterSale(w: World, agentId: string, phone: string, language = 'rw', seats = ['4B']) {
  const confirmed = confirmedPayload(w, { userId: agentId, role: 'COUNTER_AGENT', companyId: w.companyId }, seats);
  return {
    ...confirmed,
    channel: 'COUNTER',
    soldBy: agentId,
    contact: { name: 'Jean Habimana', phone, email: null, language },
  };
}

const claimedPayload = (
  sale: { bookingId: string; tripId: string; companyId: string },
  userId: string,
  agentId: string,
) => ({
  bookingId: sale.bookingId,
  tripId: sale.tripId,
  companyId: sale.companyId,
  userId,
  previousUserId: agentId,
  ticketIds: [],
  claimedAt: new Date().toISOString(),
});

describe('counter sales', () => {
  it("text the walk-in passenger's ticket in Kinyarwanda: seat, trip, reference and pass link, by SMS only", async () => {
    const w = await companyWorld();
    const agent = await person(subgraph, { language: 'en' });
    const phone = textablePhone();
    const sale = counterSale(w, agent.userId, phone, 'rw', ['4B', '4C']);
    await publish(subgraph, 'booking.confirmed', sale);
    const rows = await sent(agent.userId, 1);
    expect(rows.map((m) => [m.channel, m.kind, m.address, m.language])).toEqual([
      ['SMS', 'BOOKING_CONFIRMED', phone, 'rw'],
    ]);
    const [sms] = subgraph.simulator.messages.smsTo(phone);
    expect(sms!.message).toContain('itike yawe ya Volcano Coaches yemejwe');
    expect(sms!.message).toContain('Kigali - Musanze');
    expect(sms!.message).toContain('Intebe 4B, 4C');
    expect(sms!.message).toContain(`Nomero ${sale.bookingId.slice(0, 8).toUpperCase()}`);
    expect(sms!.message).toContain(`https://busline.test/bookings/${sale.bookingId}`);
    // 07:00 in Kigali (no company time zone known: NOTIFICATION_TIME_ZONE).
    expect(sms!.message).toMatch(/07:00/);
    expect(subgraph.simulator.messages.smsTo(agent.phone!)).toEqual([]);
    expect(subgraph.simulator.messages.mailTo(agent.email)).toEqual([]);
  });

  it('remind nobody of a counter hold; a passenger who claims the held booking gets the reminder', async () => {
    const w = await companyWorld();
    const agent = await person(subgraph);
    const phone = textablePhone();
    const sale = counterSale(w, agent.userId, phone);
    const held = {
      bookingId: sale.bookingId,
      tripId: sale.tripId,
      companyId: sale.companyId,
      userId: agent.userId,
      tickets: sale.tickets,
      totalAmount: sale.totalAmount,
      expiresAt: new Date(Date.now() + 2 * 60_000).toISOString(),
      channel: 'COUNTER',
      soldBy: agent.userId,
      contact: sale.contact,
    };
    await processed(await publish(subgraph, 'booking.held', held));
    const [row] = await db().select().from(bookings).where(eq(bookings.bookingId, sale.bookingId));
    expect(row).toMatchObject({ status: 'HELD', remindAt: null, contact: { phone, language: 'rw' }, claimedAt: null });

    const claimer = await person(subgraph, { language: 'en' });
    await publish(subgraph, 'booking.claimed', claimedPayload(sale, claimer.userId, agent.userId));
    const rows = await sent(claimer.userId, 2);
    expect(rows.map((m) => [m.kind, m.channel]).sort()).toEqual([
      ['HOLD_EXPIRING', 'EMAIL'],
      ['HOLD_EXPIRING', 'SMS'],
    ]);
    expect(await messagesTo(phone)).toEqual([]);
    expect(await messagesOf(subgraph, agent.userId)).toEqual([]);
  });

  it("write later messages of a claimed booking to the account's preferences, no more to the walk-in", async () => {
    const w = await companyWorld();
    const agent = await person(subgraph);
    const phone = textablePhone();
    const sale = counterSale(w, agent.userId, phone, 'rw');
    await publish(subgraph, 'booking.confirmed', sale);
    await sent(agent.userId, 1);

    // Before the claim a delay goes to the walk-in passenger.
    const delayed = { ...w, version: 2, departureAt: new Date(w.departureAt.getTime() + 30 * 60_000) };
    await publish(subgraph, 'trip.updated', tripSnapshot(delayed), undefined, 'company');
    await eventually(async () => (await messagesTo(phone)).filter((m) => m.status === 'SENT').length === 2);

    const claimer = await person(subgraph, { language: 'fr' });
    const claimId = await publish(subgraph, 'booking.claimed', claimedPayload(sale, claimer.userId, agent.userId));
    // Redelivered, and delivered again under another id: nothing more changes.
    await publish(subgraph, 'booking.claimed', claimedPayload(sale, claimer.userId, agent.userId), claimId);
    await processed(claimId);
    const [row] = await db().select().from(bookings).where(eq(bookings.bookingId, sale.bookingId));
    expect(row).toMatchObject({ userId: claimer.userId, contact: null });
    expect(row!.claimedAt).not.toBeNull();

    const later = { ...w, version: 3, departureAt: new Date(w.departureAt.getTime() + 90 * 60_000) };
    await publish(subgraph, 'trip.updated', tripSnapshot(later), undefined, 'company');
    const rows = await sent(claimer.userId, 2);
    expect(rows.map((m) => [m.kind, m.channel, m.language]).sort()).toEqual([
      ['TRIP_DELAYED', 'EMAIL', 'fr'],
      ['TRIP_DELAYED', 'SMS', 'fr'],
    ]);
    expect(subgraph.simulator.messages.smsTo(claimer.phone!)[0]!.message).toContain('part désormais');
    // The walk-in phone got the ticket and the first delay only.
    expect((await messagesTo(phone)).map((m) => m.kind).sort()).toEqual(['BOOKING_CONFIRMED', 'TRIP_DELAYED']);
  });

  it('tell nobody of a cash refund (handed back at the counter), but of a mobile-money one', async () => {
    const w = await companyWorld();
    const agent = await person(subgraph);
    const phone = textablePhone();
    const sale = counterSale(w, agent.userId, phone, 'en');
    await publish(subgraph, 'booking.confirmed', sale);
    await sent(agent.userId, 1);
    const refunded = (method: string) => ({
      paymentId: sale.paymentId,
      bookingId: sale.bookingId,
      userId: agent.userId,
      refundId: randomUUID(),
      amount: { amount: 5000, currency: 'RWF' },
      refundedAt: new Date().toISOString(),
      method,
    });
    await processed(await publish(subgraph, 'payment.refunded', refunded('CASH'), undefined, 'payment'));
    expect((await messagesTo(phone)).map((m) => m.kind)).toEqual(['BOOKING_CONFIRMED']);
    // Without a method in payment.refunded: known as cash from its payment.succeeded.
    const succeeded = {
      paymentId: sale.paymentId,
      bookingId: sale.bookingId,
      userId: agent.userId,
      amount: sale.totalAmount,
      method: 'CASH',
      providerReference: `cash:${randomUUID()}`,
      succeededAt: new Date().toISOString(),
    };
    await processed(await publish(subgraph, 'payment.succeeded', succeeded, undefined, 'payment'));
    const { method: _, ...withoutMethod } = refunded('CASH');
    await processed(await publish(subgraph, 'payment.refunded', withoutMethod, undefined, 'payment'));
    expect((await messagesTo(phone)).map((m) => m.kind)).toEqual(['BOOKING_CONFIRMED']);
    await publish(
      subgraph,
      'payment.refunded',
      { ...refunded('MTN_MOMO'), paymentId: randomUUID() },
      undefined,
      'payment',
    );
    await eventually(async () =>
      (await messagesTo(phone)).some((m) => m.kind === 'REFUND_SENT' && m.status === 'SENT'),
    );
    expect(subgraph.simulator.messages.smsTo(phone).at(-1)!.message).toMatch(/RWF\s5,000 refunded/);
  });

  it('send the ticket to the claimer when the claim arrives before a confirmation written earlier', async () => {
    const w = await companyWorld();
    const agent = await person(subgraph);
    const phone = textablePhone();
    const sale = counterSale(w, agent.userId, phone);
    await processed(
      await publish(subgraph, 'booking.held', {
        ...sale,
        expiresAt: new Date(Date.now() + 10 * 60_000).toISOString(),
      }),
    );
    const claimer = await person(subgraph, { language: 'sw' });
    await processed(await publish(subgraph, 'booking.claimed', claimedPayload(sale, claimer.userId, agent.userId)));
    // Written by ticketing before the claim: owner the agent, with the walk-in contact.
    await publish(subgraph, 'booking.confirmed', sale);
    const rows = await sent(claimer.userId, 2);
    expect(
      rows
        .filter((m) => m.kind === 'BOOKING_CONFIRMED')
        .map((m) => [m.channel, m.language])
        .sort(),
    ).toEqual([
      ['EMAIL', 'sw'],
      ['SMS', 'sw'],
    ]);
    expect(await messagesTo(phone)).toEqual([]);
  });
});

describe('cash refund codes', () => {
  const due = (sale: { bookingId: string; paymentId: string }, codeNumber: number, channel = 'COUNTER') => ({
    refundId: sale.paymentId,
    paymentId: sale.paymentId,
    bookingId: sale.bookingId,
    userId: randomUUID(),
    amount: { amount: 5000, currency: 'RWF' },
    code: `73510${codeNumber}`,
    codeNumber,
    channel,
  });

  it("text the walk-in the code of a refund owed, once per code, never to the seller's addresses", async () => {
    const w = await companyWorld();
    const agent = await person(subgraph);
    const phone = textablePhone();
    // The seller typed their own e-mail beside the passenger's phone: the code goes by SMS only (the phone is what
    // a claim proves; a typed e-mail nobody does).
    const typed = counterSale(w, agent.userId, phone, 'en');
    const sale = { ...typed, contact: { ...typed.contact, email: agent.email } };
    await publish(subgraph, 'booking.confirmed', sale);
    await sent(agent.userId, 1);
    const first = await publish(subgraph, 'payment.refund_due', due(sale, 1), undefined, 'payment');
    await publish(subgraph, 'payment.refund_due', due(sale, 1), first, 'payment');
    await publish(subgraph, 'payment.refund_due', due(sale, 2), undefined, 'payment');
    await eventually(async () => {
      const rows = await messagesTo(phone);
      return rows.filter((m) => m.kind === 'REFUND_DUE' && m.status === 'SENT').length === 2;
    });
    const texts = subgraph.simulator.messages.smsTo(phone).map((m) => m.message);
    expect(texts.filter((t) => t.includes('735101'))).toEqual([
      expect.stringMatching(
        /^Busline: RWF\s5,000 is owed to you for booking .* Give code 735101 at the Volcano Coaches counter/,
      ),
    ]);
    expect(texts.filter((t) => t.includes('735102'))).toHaveLength(1);
    // The seller's own addresses never get it (the ticket went to the typed e-mail too, as the sale asked).
    const elsewhere = (await messagesOf(subgraph, agent.userId)).filter((m) => m.address !== phone);
    expect(elsewhere.map((m) => [m.kind, m.address])).toEqual([['BOOKING_CONFIRMED', agent.email]]);

    // A counter sale whose walk-in left no contact: the code goes nowhere (an admin hands the refund out).
    const silent = { ...counterSale(w, agent.userId, phone, 'en'), contact: null };
    await publish(subgraph, 'booking.confirmed', silent);
    await processed(await publish(subgraph, 'payment.refund_due', due(silent, 1), undefined, 'payment'));
    expect(
      (await db().select().from(messages).where(eq(messages.bookingId, silent.bookingId))).filter(
        (m) => m.kind === 'REFUND_DUE',
      ),
    ).toEqual([]);
  });

  it("send an online passenger's code to their account, in their language", async () => {
    const w = await companyWorld();
    const owner = await person(subgraph, { language: 'fr' });
    const booking = confirmedPayload(w, { userId: owner.userId, role: 'PASSENGER', companyId: null }, ['2A']);
    await publish(subgraph, 'booking.confirmed', booking);
    await sent(owner.userId, 2);
    await publish(subgraph, 'payment.refund_due', due(booking, 1, 'ONLINE'), undefined, 'payment');
    const rows = await sent(owner.userId, 4);
    expect(
      rows
        .filter((m) => m.kind === 'REFUND_DUE')
        .map((m) => [m.channel, m.language])
        .sort(),
    ).toEqual([
      ['EMAIL', 'fr'],
      ['SMS', 'fr'],
    ]);
    // Sent with its code; kept with it masked (codes-kept-apart.test.ts).
    expect(subgraph.simulator.messages.smsTo(owner.phone!).at(-1)!.message).toMatch(
      /^Busline : 5\s000\sRWF vous sont dus .* Donnez le code 735101 au guichet/,
    );
    expect(rows.find((m) => m.kind === 'REFUND_DUE' && m.channel === 'SMS')!.body).toContain('code ****** au guichet');
  });
});

describe('claim codes', () => {
  const texts: Record<string, RegExp> = {
    rw: /^Busline: 482913 ni kode yo gushyira kuri konti yawe amatike waguriye ku biro\. Imara iminota 10\./,
    sw: /^Busline: 482913 ni nambari yako .* Inatumika dakika 10\./,
    fr: /^Busline : 482913 est votre code .* Valable 10 min\./,
    en: /^Busline: 482913 is your code to add the tickets bought at the counter to your account\. Valid 10 min\./,
  };

  it.each(Object.keys(texts))('are texted once per request, in %s, never e-mailed', async (language) => {
    const phone = textablePhone();
    const request = {
      requestId: randomUUID(),
      phone,
      code: '482913',
      language,
      expiresAt: new Date(Date.now() + 10 * 60_000 - 1000).toISOString(),
      bookingIds: [randomUUID(), randomUUID()],
    };
    const first = await publish(subgraph, 'booking.claim_requested', request);
    // The same event redelivered, and the same request under another event id.
    await publish(subgraph, 'booking.claim_requested', request, first);
    const again = await publish(subgraph, 'booking.claim_requested', request);
    await processed(first, again);
    await eventually(async () => (await messagesTo(phone)).every((m) => m.status === 'SENT'));
    const rows = await messagesTo(phone);
    expect(rows.map((m) => [m.channel, m.kind, m.language, m.userId])).toEqual([['SMS', 'CLAIM_CODE', language, null]]);
    const sms = subgraph.simulator.messages.smsTo(phone);
    expect(sms).toHaveLength(1);
    expect(sms[0]!.message).toMatch(texts[language]!);

    // Platform admins see it, to no account.
    const list = await subgraph.request(MESSAGES, { filter: { address: phone } }, platformAdmin());
    expect(list.errors).toBeUndefined();
    expect(list.data?.notificationMessages.edges.map((e: { node: unknown }) => e.node)).toEqual([
      expect.objectContaining({ recipientId: null, kind: 'CLAIM_CODE', channel: 'SMS', address: phone }),
    ]);
  });

  it('are not sent once expired (a consumer catching up)', async () => {
    const phone = textablePhone();
    const id = await publish(subgraph, 'booking.claim_requested', {
      requestId: randomUUID(),
      phone,
      code: '111222',
      language: 'en',
      expiresAt: new Date(Date.now() - 1000).toISOString(),
      bookingIds: [randomUUID()],
    });
    await processed(id);
    expect(await messagesTo(phone)).toEqual([]);
  });
});

describe("times in the company's time zone", () => {
  it("write departures in the company's zone, follow its changes, and keep NOTIFICATION_TIME_ZONE without one", async () => {
    const nairobi = await companyWorld('Africa/Nairobi');
    const p = await person(subgraph, { language: 'en' });
    const booking = confirmedPayload(nairobi, p);
    const id = await publish(subgraph, 'booking.confirmed', booking);
    await publish(subgraph, 'booking.confirmed', booking, id);
    await sent(p.userId, 2);
    // 05:00 UTC is 08:00 in Nairobi (07:00 in Kigali).
    const [sms] = subgraph.simulator.messages.smsTo(p.phone!);
    expect(sms!.message).toMatch(/Kigali - Musanze, Jan 15, 2030, 8:00\s?AM/);

    // company.updated without a time zone keeps it; an unknown zone is ignored; a new zone is followed.
    const update = (timeZone?: string) =>
      publish(
        subgraph,
        'company.updated',
        { companyId: nairobi.companyId, name: 'Volcano Coaches', ...(timeZone ? { timeZone } : {}) },
        undefined,
        'company',
      );
    await processed(await update(), await update('Mars/Olympus_Mons'));
    const q = await person(subgraph, { language: 'en' });
    await publish(subgraph, 'booking.confirmed', confirmedPayload(nairobi, q));
    await sent(q.userId, 2);
    expect(subgraph.simulator.messages.smsTo(q.phone!)[0]!.message).toMatch(/8:00\s?AM/);

    await processed(await update('Africa/Kigali'));
    const r = await person(subgraph, { language: 'en' });
    await publish(subgraph, 'booking.confirmed', confirmedPayload(nairobi, r));
    await sent(r.userId, 2);
    expect(subgraph.simulator.messages.smsTo(r.phone!)[0]!.message).toMatch(/7:00\s?AM/);
    // Once per event: the redelivered confirmation texted p once.
    expect(subgraph.simulator.messages.smsTo(p.phone!)).toHaveLength(1);
    expect(
      await db()
        .select()
        .from(messages)
        .where(and(eq(messages.userId, p.userId), eq(messages.kind, 'BOOKING_CONFIRMED'))),
    ).toHaveLength(2);
  });
});
