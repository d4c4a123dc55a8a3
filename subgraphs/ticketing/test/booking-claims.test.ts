import { createHash, randomInt, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteExpired, type Viewer } from '@busline/shared';
import { itConcurrent, type GraphQLResponse } from '@busline/shared/testing';
import { bookingClaims, bookings, outbox } from '../src/db/schema';
import { CLAIM_REQUESTS_RETENTION_MS } from '../src/db/retention';
import { deliverer, holdInput, passenger, startTicketing, tripSnapshot, type TicketingTestSubgraph } from './fixtures';

let subgraph: TicketingTestSubgraph;
let deliver: ReturnType<typeof deliverer>;

const SALE = `mutation($input: HoldSeatsInput!) { holdSeats(input: $input) { id } }`;
const REQUEST = 'mutation($phone: String!) { requestBookingClaim(phone: $phone) }';
const CLAIM = `mutation($phone: String!, $code: String!) { claimBookings(phone: $phone, code: $code) {
  id channel claimed walkIn { phone } tickets { id } } }`;
const MY_BOOKINGS = '{ myBookings { edges { node { id claimed } } } }';

const staff = (role: Viewer['role'], companyId: string): Viewer => ({ userId: randomUUID(), role, companyId });
const codeOf = (result: GraphQLResponse<Record<string, any>>) => result.errors?.[0]?.extensions?.code;

/** A fresh phone in Rwandan national form (078…) and its international form (+25078…). */
function newPhone(): { national: string; international: string } {
  const national = `078${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;
  return { national, international: `+250${national.slice(1)}` };
}

/** Counter sales for one phone on a fresh trip; returns the trip, the agent and the sale ids. */
async function salesFor(phone: string, seatsPerSale: string[][]) {
  const trip = tripSnapshot({ rows: 3 });
  await deliver('trip.scheduled', trip);
  const agent = staff('COUNTER_AGENT', trip.companyId);
  const ids: string[] = [];
  for (const seats of seatsPerSale) {
    const result = await subgraph.request(
      SALE,
      { input: { ...holdInput(trip.tripId, seats).input, walkIn: { name: 'Walk In', phone, language: 'fr' } } },
      agent,
    );
    expect(result.errors).toBeUndefined();
    ids.push(result.data!.holdSeats.id);
  }
  return { trip, agent, ids };
}

const eventsOfType = async (type: string) =>
  (await subgraph.database.handle.db.select().from(outbox).where(eq(outbox.type, type)).orderBy(outbox.seq)).map(
    (row) => row.payload as Record<string, any>,
  );
const requestsFor = async (phone: string) =>
  (await eventsOfType('booking.claim_requested')).filter((p) => p.phone === phone);
const claimedEventsOf = async (bookingId: string) =>
  (await eventsOfType('booking.claimed')).filter((p) => p.bookingId === bookingId);

/** Asks for a code as `viewer` and reads it from the booking.claim_requested event. */
async function codeFor(viewer: Viewer, phone: { national: string; international: string }): Promise<string> {
  const result = await subgraph.request(REQUEST, { phone: phone.national }, viewer);
  expect(result.data?.requestBookingClaim).toBe(true);
  const events = await requestsFor(phone.international);
  return events[events.length - 1]!.code as string;
}

const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

beforeAll(async () => {
  subgraph = await startTicketing({ sweepIntervalMs: 0 });
  deliver = deliverer(subgraph);
});
afterAll(() => subgraph.stop());

describe('requestBookingClaim', () => {
  it('sends one code for the unclaimed counter sales of the phone (booking.claim_requested), stored hashed', async () => {
    const phone = newPhone();
    const { ids } = await salesFor(phone.international, [['1A'], ['1B']]);
    const viewer = passenger();
    const before = Date.now();
    expect((await subgraph.request(REQUEST, { phone: phone.national }, viewer)).data!.requestBookingClaim).toBe(true);
    const [event, ...more] = await requestsFor(phone.international);
    expect(more).toEqual([]);
    expect(event).toMatchObject({ phone: phone.international, language: 'fr' });
    expect(event!.code).toMatch(/^\d{6}$/);
    expect([...event!.bookingIds].sort()).toEqual([...ids].sort());
    const expiresIn = new Date(event!.expiresAt).getTime() - before;
    expect(expiresIn).toBeGreaterThan(9 * 60_000);
    expect(expiresIn).toBeLessThanOrEqual(10 * 60_000 + 5_000);
    const [stored] = await subgraph.database.handle.db
      .select()
      .from(bookingClaims)
      .where(eq(bookingClaims.id, event!.requestId));
    expect(stored).toMatchObject({ phone: phone.international, requestedBy: viewer.userId, attempts: 0, usedAt: null });
    expect(stored!.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored!.codeHash).not.toBe(createHash('sha256').update(event!.code).digest('hex'));
  });

  it('answers true for a phone without counter sales and sends nothing', async () => {
    const phone = newPhone();
    const result = await subgraph.request(REQUEST, { phone: phone.national }, passenger());
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ requestBookingClaim: true });
    expect(await requestsFor(phone.international)).toEqual([]);
  });

  it('sends nothing for sales cancelled or past their hold', async () => {
    const phone = newPhone();
    const { ids, agent } = await salesFor(phone.international, [['1A'], ['1B']]);
    await subgraph.request('mutation($id: ID!) { cancelBooking(bookingId: $id) { id } }', { id: ids[0] }, agent);
    await subgraph.database.handle.db
      .update(bookings)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(bookings.id, ids[1]!));
    expect((await subgraph.request(REQUEST, { phone: phone.national }, passenger())).data!.requestBookingClaim).toBe(
      true,
    );
    expect(await requestsFor(phone.international)).toEqual([]);
  });

  it('refuses staff: only a signed-in passenger claims', async () => {
    const anonymous = await subgraph.request(REQUEST, { phone: '0788123456' });
    expect(codeOf(anonymous)).toBe('UNAUTHENTICATED');
    const agent = await subgraph.request(REQUEST, { phone: '0788123456' }, staff('COUNTER_AGENT', randomUUID()));
    expect(codeOf(agent)).toBe('FORBIDDEN');
  });

  it('refuses an account a second request for a phone within a minute with RATE_LIMITED, whether or not it has sales', async () => {
    for (const withSales of [true, false]) {
      const phone = newPhone();
      if (withSales) await salesFor(phone.international, [['1A']]);
      const asker = passenger();
      await subgraph.request(REQUEST, { phone: phone.national }, asker);
      const again = await subgraph.request(REQUEST, { phone: phone.international }, asker);
      expect(again.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
      expect(again.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThanOrEqual(55);
      expect(again.errors?.[0]?.extensions?.retryAfterSeconds).toBeLessThanOrEqual(60);
      expect(await requestsFor(phone.international)).toHaveLength(withSales ? 1 : 0);
    }
  });

  it("does not let a stranger's requests for a phone lock its passenger out: no second code, the first one works", async () => {
    const phone = newPhone();
    const { ids } = await salesFor(phone.international, [['1A']]);
    const [stranger, owner] = [passenger(), passenger()];
    const code = await codeFor(stranger, phone);
    // Within the phone's minute: answered, but the phone is not texted again; the code it got stands.
    const mine = await subgraph.request(REQUEST, { phone: phone.national }, owner);
    expect(mine.errors).toBeUndefined();
    expect(mine.data?.requestBookingClaim).toBe(true);
    expect(await requestsFor(phone.international)).toHaveLength(1);
    const claimed = await subgraph.request(CLAIM, { phone: phone.national, code }, owner);
    expect(claimed.errors).toBeUndefined();
    expect(claimed.data!.claimBookings.map((b: { id: string }) => b.id)).toEqual(ids);
    const again = await subgraph.request(CLAIM, { phone: phone.national, code }, stranger);
    expect(again.data!.claimBookings).toEqual([]);
  });

  it('allows an account 5 requests per phone per hour and 10 in all per hour', async () => {
    const claims = subgraph.server.services.requestBookingClaim;
    const start = new Date(Date.now() + 24 * 3_600_000);
    const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);
    const phone = newPhone().international;
    const asker = randomUUID();
    for (let i = 0; i < 5; i++) await claims.request(asker, phone, at(i * 61));
    await expect(claims.request(asker, phone, at(5 * 61))).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      details: { retryAfterSeconds: 3600 - 5 * 61 },
    });
    await claims.request(randomUUID(), phone, at(5 * 61));
    await claims.request(asker, phone, at(3601));

    const account = randomUUID();
    for (let i = 0; i < 10; i++) await claims.request(account, newPhone().international, at(i));
    await expect(claims.request(account, newPhone().international, at(10))).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      details: { retryAfterSeconds: 3590 },
    });
    await claims.request(account, newPhone().international, at(3601));
  });

  it('texts a phone at most one code a minute and 5 an hour, whoever asks; the latest then stays valid', async () => {
    const phone = newPhone();
    const { ids, agent } = await salesFor(phone.international, [['1A']]);
    // Paid, so still claimable an hour on.
    await deliver('payment.succeeded', { paymentId: `cash-${ids[0]}`, bookingId: ids[0], userId: agent.userId });
    const { requestBookingClaim, claimBookings } = subgraph.server.services;
    const start = new Date();
    const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
    // Another account every half minute for 5 minutes, then a stranger's requests every 10 minutes.
    for (let i = 0; i < 10; i++) await requestBookingClaim.request(randomUUID(), phone.international, at(i / 2));
    const codes = await requestsFor(phone.international);
    expect(codes).toHaveLength(5);
    for (const minute of [15, 25, 35, 45, 55]) {
      await requestBookingClaim.request(randomUUID(), phone.international, at(minute));
    }
    expect(await requestsFor(phone.international)).toHaveLength(5);
    // An hour on the phone's latest code still works, for an account that never asked for one.
    const owner = randomUUID();
    const claimed = await claimBookings.claim(owner, phone.international, codes[4]!.code as string, at(60));
    expect(claimed.map((b) => b.id)).toEqual(ids);
  });

  itConcurrent(
    'counts parallel requests one after another: one code for a phone, one request per account',
    async () => {
      const phone = newPhone();
      await salesFor(phone.international, [['1A']]);
      const results = await Promise.all(
        Array.from({ length: 6 }, () => subgraph.request(REQUEST, { phone: phone.national }, passenger())),
      );
      expect(results.filter((r) => r.data?.requestBookingClaim === true)).toHaveLength(6);
      expect(await requestsFor(phone.international)).toHaveLength(1);
      const asker = passenger();
      const other = newPhone();
      const mine = await Promise.all(
        Array.from({ length: 6 }, () => subgraph.request(REQUEST, { phone: other.national }, asker)),
      );
      expect(mine.filter((r) => r.data?.requestBookingClaim === true)).toHaveLength(1);
      expect(mine.filter((r) => codeOf(r) === 'RATE_LIMITED')).toHaveLength(5);
    },
  );
});

describe('claimBookings', () => {
  it("moves every unclaimed counter sale of the phone into the caller's account, once, with booking.claimed", async () => {
    const phone = newPhone();
    const { ids, agent, trip } = await salesFor(phone.international, [['1A', '1B'], ['1C']]);
    // Paid sales move too; another phone's do not.
    await deliver('payment.succeeded', { paymentId: `cash-${ids[0]}`, bookingId: ids[0], userId: agent.userId });
    const other = await salesFor(newPhone().international, [['1A']]);
    const claimer = passenger();
    const code = await codeFor(claimer, phone);
    const result = await subgraph.request(CLAIM, { phone: phone.national, code }, claimer);
    expect(result.errors).toBeUndefined();
    const claimed = result.data!.claimBookings as { id: string; claimed: boolean; walkIn: unknown }[];
    expect(claimed.map((b) => b.id)).toEqual([ids[1], ids[0]]);
    expect(claimed.every((b) => b.claimed)).toBe(true);
    expect(claimed[0]!.walkIn).toEqual({ phone: phone.international });

    const rows = await subgraph.database.handle.db.select().from(bookings).where(eq(bookings.tripId, trip.tripId));
    for (const row of rows) expect(row).toMatchObject({ userId: claimer.userId, soldBy: agent.userId });
    const [otherRow] = await subgraph.database.handle.db.select().from(bookings).where(eq(bookings.id, other.ids[0]!));
    expect(otherRow!.userId).toBe(other.agent.userId);

    const [event, ...more] = await claimedEventsOf(ids[0]!);
    expect(more).toEqual([]);
    expect(event).toMatchObject({
      bookingId: ids[0],
      tripId: trip.tripId,
      companyId: trip.companyId,
      userId: claimer.userId,
      previousUserId: agent.userId,
    });
    expect(event!.ticketIds).toHaveLength(2);
    expect(new Date(event!.claimedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);

    const mine = await subgraph.request(MY_BOOKINGS, {}, claimer);
    expect(mine.data!.myBookings.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([ids[1], ids[0]]);

    // The same code again answers the same bookings and emits nothing more.
    const again = await subgraph.request(CLAIM, { phone: phone.international, code }, claimer);
    expect(again.data!.claimBookings.map((b: { id: string }) => b.id)).toEqual([ids[1], ids[0]]);
    expect(await claimedEventsOf(ids[0]!)).toHaveLength(1);
    expect(await claimedEventsOf(ids[1]!)).toHaveLength(1);
  });

  it('sends messages of a claimed sale to the account: booking.confirmed after the claim has no contact', async () => {
    const phone = newPhone();
    const { ids } = await salesFor(phone.international, [['2A']]);
    const claimer = passenger();
    await subgraph.request(CLAIM, { phone: phone.national, code: await codeFor(claimer, phone) }, claimer);
    await deliver('payment.succeeded', { paymentId: `pay-${ids[0]}`, bookingId: ids[0], userId: claimer.userId });
    const [confirmed] = (await eventsOfType('booking.confirmed')).filter((p) => p.bookingId === ids[0]);
    expect(confirmed).toMatchObject({ userId: claimer.userId, channel: 'COUNTER' });
    expect(confirmed).not.toHaveProperty('contact');
  });

  it('refuses a wrong code with INVALID_CLAIM_CODE and voids the code after 5 wrong attempts', async () => {
    const phone = newPhone();
    const { ids, agent } = await salesFor(phone.international, [['1A']]);
    const claimer = passenger();
    const code = await codeFor(claimer, phone);
    for (let i = 0; i < 5; i++) {
      const result = await subgraph.request(CLAIM, { phone: phone.national, code: wrong(code) }, claimer);
      expect(result.errors?.[0]?.extensions).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'code',
        reason: 'INVALID_CLAIM_CODE',
      });
    }
    const late = await subgraph.request(CLAIM, { phone: phone.national, code }, claimer);
    expect(late.errors?.[0]?.extensions?.reason).toBe('INVALID_CLAIM_CODE');
    const [row] = await subgraph.database.handle.db.select().from(bookings).where(eq(bookings.id, ids[0]!));
    expect(row).toMatchObject({ userId: agent.userId, claimedAt: null });
    expect(await claimedEventsOf(ids[0]!)).toEqual([]);
  });

  it('refuses an expired code, a superseded code, a malformed code and a phone without a code', async () => {
    const phone = newPhone();
    const { ids } = await salesFor(phone.international, [['1A']]);
    const claimer = passenger();
    const code = await codeFor(claimer, phone);
    const invalid = { code: 'BAD_USER_INPUT', details: { reason: 'INVALID_CLAIM_CODE' } };
    const { claimBookings: claims, requestBookingClaim } = subgraph.server.services;
    await expect(
      claims.claim(claimer.userId, phone.international, code, new Date(Date.now() + 10 * 60_000 + 1000)),
    ).rejects.toMatchObject(invalid);
    const malformed = await subgraph.request(CLAIM, { phone: phone.national, code: '12ab' }, claimer);
    expect(malformed.errors?.[0]?.extensions?.reason).toBe('INVALID_CLAIM_CODE');
    const unknown = await subgraph.request(CLAIM, { phone: newPhone().national, code }, claimer);
    expect(unknown.errors?.[0]?.extensions?.reason).toBe('INVALID_CLAIM_CODE');
    expect(await claimedEventsOf(ids[0]!)).toEqual([]);
    // Still valid within its 10 minutes, also for another account (the code proves the phone)…
    const later = new Date(Date.now() + 61_000);
    const other = passenger();
    expect((await claims.claim(other.userId, phone.international, code, later)).map((b) => b.id)).toEqual(ids);
    // …until a newer code for the phone supersedes it.
    const next = newPhone();
    await salesFor(next.international, [['1A']]);
    const first = await codeFor(claimer, next);
    await requestBookingClaim.request(randomUUID(), next.international, later);
    await expect(claims.claim(claimer.userId, next.international, first, later)).rejects.toMatchObject(invalid);
  });

  itConcurrent('claims once when the same code is sent many times at once: all answer the same bookings', async () => {
    const phone = newPhone();
    const { ids } = await salesFor(phone.international, [['1A'], ['1B'], ['1C']]);
    const claimer = passenger();
    const code = await codeFor(claimer, phone);
    const results = await Promise.all(
      Array.from({ length: 8 }, () => subgraph.request(CLAIM, { phone: phone.national, code }, claimer)),
    );
    for (const result of results) {
      expect(result.errors).toBeUndefined();
      expect(result.data!.claimBookings.map((b: { id: string }) => b.id).sort()).toEqual([...ids].sort());
    }
    for (const id of ids) expect(await claimedEventsOf(id)).toHaveLength(1);
  });

  itConcurrent(
    'gives a sale to one passenger when two accounts claim the same phone with its code at once',
    async () => {
      const phone = newPhone();
      const { ids } = await salesFor(phone.international, [['1A'], ['1B']]);
      const [first, second] = [passenger(), passenger()];
      const code = await codeFor(first, phone);
      const { claimBookings } = subgraph.server.services;
      const [a, b] = await Promise.all([
        claimBookings.claim(first.userId, phone.international, code),
        claimBookings.claim(second.userId, phone.international, code),
      ]);
      expect([...a, ...b].map((row) => row.id).sort()).toEqual([...ids].sort());
      expect(a.length === 0 || b.length === 0).toBe(true);
      for (const id of ids) expect(await claimedEventsOf(id)).toHaveLength(1);
    },
  );

  it('refuses staff with FORBIDDEN', async () => {
    const result = await subgraph.request(
      CLAIM,
      { phone: '0788123456', code: '123456' },
      staff('COMPANY_ADMIN', randomUUID()),
    );
    expect(codeOf(result)).toBe('FORBIDDEN');
  });

  it('deletes claim requests 30 days after they were made, by the retention worker’s rule', async () => {
    const phone = newPhone().international;
    const requestedBy = randomUUID();
    const made = (days: number) => ({
      phone,
      requestedBy,
      createdAt: new Date(Date.now() - days * 24 * 3600_000),
      expiresAt: new Date(Date.now() - days * 24 * 3600_000 + 600_000),
    });
    const db = subgraph.database.handle.db;
    const [, recent] = await db
      .insert(bookingClaims)
      .values([made(31), made(29)])
      .returning();
    const rule = subgraph.server.events.retention.find((r) => r.table === bookingClaims)!;
    expect(rule.keepMs).toBe(CLAIM_REQUESTS_RETENTION_MS);
    await deleteExpired(db, rule);
    const left = await db.select({ id: bookingClaims.id }).from(bookingClaims).where(eq(bookingClaims.phone, phone));
    expect(left.map((row) => row.id)).toEqual([recent!.id]);
  });
});
