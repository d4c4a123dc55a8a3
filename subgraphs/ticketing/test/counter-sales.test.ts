import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '@busline/shared';
import { itConcurrent, type GraphQLResponse } from '@busline/shared/testing';
import { bookings, outbox, tickets } from '../src/db/schema';
import { normalizePhone } from '../src/services/walk-in';
import {
  deliverer,
  HOLD,
  holdInput,
  passenger,
  payFor,
  startTicketing,
  tripSnapshot,
  type TicketingTestSubgraph,
} from './fixtures';

let subgraph: TicketingTestSubgraph;
let deliver: ReturnType<typeof deliverer>;

const MAX_OPEN_COUNTER = 4;
const SALE = `mutation($input: HoldSeatsInput!, $key: String) { holdSeats(input: $input, idempotencyKey: $key) {
  id status channel soldBy claimed walkIn { name phone language } totalAmount { amount currency } tickets { seatNumber passengerName } } }`;
const BOOKING = `query($id: ID!) { booking(id: $id) { id channel soldBy claimed walkIn { name phone language } } }`;
const COUNTER_SALES = `query($companyId: ID!, $soldBy: ID, $first: Int, $after: String, $from: DateTime, $to: DateTime) {
  counterSales(companyId: $companyId, soldBy: $soldBy, first: $first, after: $after, from: $from, to: $to) {
    edges { cursor node { id soldBy channel } } pageInfo { hasNextPage endCursor } } }`;
const MY_BOOKINGS = '{ myBookings { edges { node { id channel } } } }';
const CANCEL = 'mutation($id: ID!) { cancelBooking(bookingId: $id) { id status cancellationReason } }';
const CANCEL_REFUND = 'mutation($id: ID!) { cancelBooking(bookingId: $id) { cancellationReason refund { amount } } }';

const staff = (role: Viewer['role'], companyId: string): Viewer => ({ userId: randomUUID(), role, companyId });
const WALK_IN = { name: '  Aline   Uwase ', phone: '0788 123 456' };

/** A trip of three rows of four seats of a fresh company. */
async function scheduledTrip() {
  const trip = tripSnapshot({ rows: 3 });
  await deliver('trip.scheduled', trip);
  return trip;
}

const saleInput = (tripId: string, seats: string[], walkIn: Record<string, unknown> = WALK_IN) => ({
  input: { ...holdInput(tripId, seats).input, walkIn },
});

async function sell(tripId: string, seller: Viewer, seats: string[], walkIn: Record<string, unknown> = WALK_IN) {
  const result = await subgraph.request(SALE, saleInput(tripId, seats, walkIn), seller);
  expect(result.errors).toBeUndefined();
  return result.data!.holdSeats as { id: string; soldBy: string };
}

const codeOf = (result: GraphQLResponse<Record<string, any>>) => result.errors?.[0]?.extensions?.code;

const eventsOf = async (type: string, bookingId: string) =>
  (await subgraph.database.handle.db.select().from(outbox).where(eq(outbox.type, type)))
    .map((row) => row.payload as Record<string, unknown>)
    .filter((payload) => payload.bookingId === bookingId);

const storedCount = async () => ({
  bookings: (await subgraph.database.handle.db.select({ id: bookings.id }).from(bookings)).length,
  tickets: (await subgraph.database.handle.db.select({ id: tickets.id }).from(tickets)).length,
  outbox: (await subgraph.database.handle.db.select({ id: outbox.id }).from(outbox)).length,
});

beforeAll(async () => {
  subgraph = await startTicketing({ sweepIntervalMs: 0, maxOpenCounterBookings: MAX_OPEN_COUNTER });
  deliver = deliverer(subgraph);
});
afterAll(() => subgraph.stop());

describe('phone numbers', () => {
  it.each([
    ['0788123456', '+250788123456'],
    ['0788 123-456', '+250788123456'],
    ['250788123456', '+250788123456'],
    ['+254 712 345 678', '+254712345678'],
    ['00256772123456', '+256772123456'],
    ['(+255) 754.123.456', '+255754123456'],
    ['+250 0788 123 456', '+250788123456'],
    ['+254 0712 345 678', '+254712345678'],
    // Another African country's number typed with its trunk 0: as auth and user keep it (withoutTrunkZero).
    ['+255 0712 345 678', '+255712345678'],
    ['00243 0812 345 678', '+243812345678'],
  ])('normalises %s to %s', (input, expected) => expect(normalizePhone(input)).toBe(expected));

  it.each([
    '',
    '12345',
    '+0788123456',
    '0788',
    'phone',
    '+2507881234567890123',
    '+25078812345',
    '+250788123456789',
    '0748123456',
    '+256 77 212 345',
  ])('refuses %j', (input) => expect(normalizePhone(input)).toBeNull());
});

describe('walk-in holds', () => {
  it("lets a counter agent sell for a walk-in passenger: the booking is the agent's, with the walk-in contact", async () => {
    const trip = await scheduledTrip();
    const agent = staff('COUNTER_AGENT', trip.companyId);
    const result = await subgraph.request(SALE, saleInput(trip.tripId, ['1A', '1B']), agent);
    expect(result.errors).toBeUndefined();
    const sale = result.data!.holdSeats;
    expect(sale).toMatchObject({
      status: 'HELD',
      channel: 'COUNTER',
      soldBy: agent.userId,
      claimed: false,
      walkIn: { name: 'Aline Uwase', phone: '+250788123456', language: 'rw' },
      totalAmount: { amount: 10_000, currency: 'RWF' },
    });
    const [row] = await subgraph.database.handle.db.select().from(bookings).where(eq(bookings.id, sale.id));
    expect(row).toMatchObject({ userId: agent.userId, soldBy: agent.userId, channel: 'COUNTER', claimedAt: null });
    const [held] = await eventsOf('booking.held', sale.id);
    expect(held).toMatchObject({
      userId: agent.userId,
      channel: 'COUNTER',
      soldBy: agent.userId,
      contact: { name: 'Aline Uwase', phone: '+250788123456', email: null, language: 'rw' },
    });
  });

  it('keeps the language and e-mail given, and lets the company admin and a platform admin sell too', async () => {
    const trip = await scheduledTrip();
    const admin = staff('COMPANY_ADMIN', trip.companyId);
    const walkIn = { name: 'Juma', phone: '+254712345678', language: 'sw', email: 'juma@example.com' };
    const sale = await sell(trip.tripId, admin, ['1A'], walkIn);
    expect((await eventsOf('booking.held', sale.id))[0]!.contact).toEqual({
      name: 'Juma',
      phone: '+254712345678',
      email: 'juma@example.com',
      language: 'sw',
    });
    const platform: Viewer = { userId: randomUUID(), role: 'PLATFORM_ADMIN', companyId: null };
    expect((await sell(trip.tripId, platform, ['1B'])).soldBy).toBe(platform.userId);
  });

  it('marks online holds ONLINE with no seller and no contact', async () => {
    const trip = await scheduledTrip();
    const result = await subgraph.request(HOLD, holdInput(trip.tripId, ['1A']), passenger());
    const id = result.data!.holdSeats.id as string;
    const [held] = await eventsOf('booking.held', id);
    expect(held).toMatchObject({ channel: 'ONLINE', soldBy: null });
    expect(held).not.toHaveProperty('contact');
    const read = await subgraph.request(
      BOOKING,
      { id },
      { userId: held!.userId as string, role: 'PASSENGER', companyId: null },
    );
    expect(read.data!.booking).toMatchObject({ channel: 'ONLINE', soldBy: null, claimed: false, walkIn: null });
  });

  it.each([
    ['a passenger', () => passenger()],
    ["the trip company's driver", (companyId: string) => staff('DRIVER', companyId)],
    ["another company's counter agent", () => staff('COUNTER_AGENT', randomUUID())],
    ["another company's admin", () => staff('COMPANY_ADMIN', randomUUID())],
  ])('refuses walkIn from %s with FORBIDDEN and writes nothing', async (_label, viewerFor) => {
    const trip = await scheduledTrip();
    const before = await storedCount();
    const result = await subgraph.request(SALE, saleInput(trip.tripId, ['1A']), viewerFor(trip.companyId));
    expect(codeOf(result)).toBe('FORBIDDEN');
    expect(await storedCount()).toEqual(before);
  });

  it.each([
    [{ name: 'A', phone: '12345' }, 'walkIn.phone'],
    [{ name: 'A', phone: '+881612345678' }, 'walkIn.phone'],
    [{ name: ' ', phone: '0788123456' }, 'walkIn.name'],
    [{ name: 'Aline\u202eesawU', phone: '0788123456' }, 'walkIn.name'],
    [{ name: 'A', phone: '0788123456', language: 'de' }, 'walkIn.language'],
    [{ name: 'A', phone: '0788123456', email: 'not-an-address' }, 'walkIn.email'],
  ])('refuses an invalid walk-in passenger %j with BAD_USER_INPUT', async (walkIn, field) => {
    const trip = await scheduledTrip();
    const result = await subgraph.request(
      SALE,
      saleInput(trip.tripId, ['1A'], walkIn),
      staff('COUNTER_AGENT', trip.companyId),
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('answers a retry with the same key with the same sale, and another walk-in under the key with IDEMPOTENCY_CONFLICT', async () => {
    const trip = await scheduledTrip();
    const agent = staff('COUNTER_AGENT', trip.companyId);
    const key = randomUUID();
    const first = await subgraph.request(SALE, { ...saleInput(trip.tripId, ['2A']), key }, agent);
    const retry = await subgraph.request(SALE, { ...saleInput(trip.tripId, ['2A']), key }, agent);
    expect(retry.data!.holdSeats.id).toBe(first.data!.holdSeats.id);
    const other = await subgraph.request(
      SALE,
      { ...saleInput(trip.tripId, ['2A'], { name: 'Other', phone: '0788000111' }), key },
      agent,
    );
    expect(codeOf(other)).toBe('IDEMPOTENCY_CONFLICT');
  });

  it('does not give a seller who moved to another company a sale of the old one back on a retry with its key', async () => {
    const trip = await scheduledTrip();
    const agent = staff('COUNTER_AGENT', trip.companyId);
    const key = randomUUID();
    const sold = await subgraph.request(SALE, { ...saleInput(trip.tripId, ['2B']), key }, agent);
    expect(sold.errors).toBeUndefined();
    const elsewhere: Viewer = { ...agent, companyId: randomUUID() };
    const retry = await subgraph.request(SALE, { ...saleInput(trip.tripId, ['2B']), key }, elsewhere);
    expect(retry.data?.holdSeats ?? null).toBeNull();
    expect(codeOf(retry)).toBe('FORBIDDEN');
  });
});

describe('limits', () => {
  it("does not count counter sales against the seller's account limits (seats per trip, open bookings, address)", async () => {
    const trip = await scheduledTrip();
    const agent = staff('COUNTER_AGENT', trip.companyId);
    // 12 seats over 3 sales: past 6 seats per trip and 3 open bookings for an account.
    await sell(trip.tripId, agent, ['1A', '1B', '1C', '1D']);
    await sell(trip.tripId, agent, ['2A', '2B', '2C', '2D']);
    await sell(trip.tripId, agent, ['3A', '3B', '3C']);
    // The agent's own hold still has its full account limits.
    const own = await subgraph.request(HOLD, holdInput(trip.tripId, ['3D']), agent);
    expect(own.data?.holdSeats.status).toBe('HELD');
  });

  it('refuses the seller a sale past MAX_OPEN_COUNTER_BOOKINGS open ones with HOLD_LIMIT_REACHED; a cancelled one makes room', async () => {
    const trip = await scheduledTrip();
    const agent = staff('COUNTER_AGENT', trip.companyId);
    const sales = [];
    for (let i = 0; i < MAX_OPEN_COUNTER; i++) sales.push(await sell(trip.tripId, agent, [`1${'ABCD'[i]}`]));
    const before = await storedCount();
    const refused = await subgraph.request(SALE, saleInput(trip.tripId, ['2A']), agent);
    expect(refused.errors?.[0]?.extensions).toEqual({
      code: 'HOLD_LIMIT_REACHED',
      limit: 'OPEN_COUNTER_BOOKINGS',
      max: MAX_OPEN_COUNTER,
    });
    expect(await storedCount()).toEqual(before);
    // Another agent of the company has their own limit.
    await sell(trip.tripId, staff('COUNTER_AGENT', trip.companyId), ['2B']);
    await subgraph.request(CANCEL, { id: sales[0]!.id }, agent);
    await sell(trip.tripId, agent, ['2A']);
  });

  it("keeps a claimed sale in the seller's limit until it is paid or ends: no sale after each claim", async () => {
    // A seller and a passenger looping sale → claim held a trip's seats past both limits.
    const trip = await scheduledTrip();
    const agent = staff('COUNTER_AGENT', trip.companyId);
    const phone = `078${String(Date.now()).slice(-7)}`;
    const walkIn = { name: 'Walk In', phone };
    const sales = [];
    for (let i = 0; i < MAX_OPEN_COUNTER; i++) sales.push(await sell(trip.tripId, agent, [`1${'ABCD'[i]}`], walkIn));
    const claimer = passenger();
    const requested = await subgraph.request(
      'mutation($phone: String!) { requestBookingClaim(phone: $phone) }',
      { phone },
      claimer,
    );
    expect(requested.data?.requestBookingClaim).toBe(true);
    const [request] = (
      await subgraph.database.handle.db.select().from(outbox).where(eq(outbox.type, 'booking.claim_requested'))
    )
      .map((row) => row.payload as { phone: string; code: string })
      .filter((payload) => payload.phone === normalizePhone(phone));
    const claimed = await subgraph.request(
      'mutation($phone: String!, $code: String!) { claimBookings(phone: $phone, code: $code) { id } }',
      { phone, code: request!.code },
      claimer,
    );
    expect(claimed.data?.claimBookings).toHaveLength(MAX_OPEN_COUNTER);
    const refused = await subgraph.request(SALE, saleInput(trip.tripId, ['2A']), agent);
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'HOLD_LIMIT_REACHED',
      limit: 'OPEN_COUNTER_BOOKINGS',
    });
    // Cancelled (by its seller, claimed or not), it makes room.
    expect((await subgraph.request(CANCEL, { id: sales[0]!.id }, agent)).errors).toBeUndefined();
    await sell(trip.tripId, agent, ['2A']);
  });

  itConcurrent('counts parallel sales of one seller one after another', async () => {
    const trip = await scheduledTrip();
    const agent = staff('COUNTER_AGENT', trip.companyId);
    const results = await Promise.all(
      ['1A', '1B', '1C', '1D', '2A', '2B', '2C', '2D'].map((seat) =>
        subgraph.request(SALE, saleInput(trip.tripId, [seat]), agent),
      ),
    );
    expect(results.filter((r) => r.data?.holdSeats).length).toBe(MAX_OPEN_COUNTER);
    expect(results.filter((r) => codeOf(r) === 'HOLD_LIMIT_REACHED').length).toBe(8 - MAX_OPEN_COUNTER);
  });
});

describe('who sees a counter sale', () => {
  it("shows the walk-in passenger to the seller, the company's agents and admins; drivers see the booking only; others nothing", async () => {
    const trip = await scheduledTrip();
    const seller = staff('COUNTER_AGENT', trip.companyId);
    const sale = await sell(trip.tripId, seller, ['1A']);
    const walkIn = { name: 'Aline Uwase', phone: '+250788123456', language: 'rw' };
    const read = async (viewer: Viewer) => (await subgraph.request(BOOKING, { id: sale.id }, viewer)).data!.booking;
    expect(await read(seller)).toMatchObject({ channel: 'COUNTER', soldBy: seller.userId, walkIn });
    expect((await read(staff('COUNTER_AGENT', trip.companyId))).walkIn).toEqual(walkIn);
    expect((await read(staff('COMPANY_ADMIN', trip.companyId))).walkIn).toEqual(walkIn);
    expect((await read({ userId: randomUUID(), role: 'PLATFORM_ADMIN', companyId: null })).walkIn).toEqual(walkIn);
    expect(await read(staff('DRIVER', trip.companyId))).toMatchObject({ id: sale.id, walkIn: null });
    expect(await read(staff('COUNTER_AGENT', randomUUID()))).toBeNull();
    expect(await read(passenger())).toBeNull();
  });

  it("keeps an agent's online bookings from other agents of the company", async () => {
    const trip = await scheduledTrip();
    const owner = staff('COUNTER_AGENT', trip.companyId);
    const own = await subgraph.request(HOLD, holdInput(trip.tripId, ['1A']), owner);
    const read = await subgraph.request(
      BOOKING,
      { id: own.data!.holdSeats.id },
      staff('COUNTER_AGENT', trip.companyId),
    );
    expect(read.data!.booking).toBeNull();
  });

  it("leaves a seller's counter sales out of their myBookings, keeping their own holds", async () => {
    const trip = await scheduledTrip();
    const agent = staff('COUNTER_AGENT', trip.companyId);
    await sell(trip.tripId, agent, ['1A']);
    const own = await subgraph.request(HOLD, holdInput(trip.tripId, ['1B']), agent);
    const mine = await subgraph.request(MY_BOOKINGS, {}, agent);
    expect(mine.data!.myBookings.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([
      own.data!.holdSeats.id,
    ]);
  });
});

describe('counterSales', () => {
  it('lists every sale of the company to its admin, newest first, page by page; an agent sees only their own', async () => {
    const trip = await scheduledTrip();
    const [a, b] = [staff('COUNTER_AGENT', trip.companyId), staff('COUNTER_AGENT', trip.companyId)];
    const a1 = await sell(trip.tripId, a, ['1A']);
    const b1 = await sell(trip.tripId, b, ['1B']);
    const a2 = await sell(trip.tripId, a, ['1C']);
    await subgraph.request(HOLD, holdInput(trip.tripId, ['1D']), passenger()); // online: never listed
    const elsewhere = await scheduledTrip(); // another company's sale: never listed
    await sell(elsewhere.tripId, staff('COUNTER_AGENT', elsewhere.companyId), ['1A']);
    const admin = staff('COMPANY_ADMIN', trip.companyId);
    const ids = async (viewer: Viewer, vars: Record<string, unknown> = {}) => {
      const result = await subgraph.request(COUNTER_SALES, { companyId: trip.companyId, ...vars }, viewer);
      expect(result.errors).toBeUndefined();
      return result.data!.counterSales.edges.map((e: { node: { id: string } }) => e.node.id);
    };
    expect(await ids(admin)).toEqual([a2.id, b1.id, a1.id]);
    expect(await ids(admin, { soldBy: b.userId })).toEqual([b1.id]);
    expect(await ids({ userId: randomUUID(), role: 'PLATFORM_ADMIN', companyId: null })).toHaveLength(3);
    expect(await ids(a)).toEqual([a2.id, a1.id]);
    // An agent asking for another agent's sales still gets only their own.
    expect(await ids(a, { soldBy: b.userId })).toEqual([a2.id, a1.id]);

    const first = await subgraph.request(COUNTER_SALES, { companyId: trip.companyId, first: 2 }, admin);
    expect(first.data!.counterSales.pageInfo.hasNextPage).toBe(true);
    expect(await ids(admin, { first: 2, after: first.data!.counterSales.pageInfo.endCursor })).toEqual([a1.id]);
    expect(await ids(admin, { from: new Date(Date.now() + 60_000).toISOString() })).toEqual([]);
    expect(await ids(admin, { to: new Date(Date.now() + 60_000).toISOString() })).toHaveLength(3);
  });

  it.each([
    ["another company's admin", () => staff('COMPANY_ADMIN', randomUUID())],
    ["another company's agent", () => staff('COUNTER_AGENT', randomUUID())],
    ["the company's driver", (companyId: string) => staff('DRIVER', companyId)],
    ['a passenger', () => passenger()],
  ])('refuses %s with FORBIDDEN', async (_label, viewerFor) => {
    const trip = await scheduledTrip();
    const result = await subgraph.request(COUNTER_SALES, { companyId: trip.companyId }, viewerFor(trip.companyId));
    expect(codeOf(result)).toBe('FORBIDDEN');
  });
});

describe('cancelling a counter sale', () => {
  it("lets the seller and the company's other agents cancel at the passenger's request; not another company's", async () => {
    const trip = await scheduledTrip();
    const seller = staff('COUNTER_AGENT', trip.companyId);
    const bySeller = await sell(trip.tripId, seller, ['1A']);
    const byColleague = await sell(trip.tripId, seller, ['1B']);
    const outsider = await subgraph.request(CANCEL, { id: byColleague.id }, staff('COUNTER_AGENT', randomUUID()));
    expect(codeOf(outsider)).toBe('NOT_FOUND');
    const cancelled = await subgraph.request(CANCEL, { id: bySeller.id }, seller);
    expect(cancelled.data!.cancelBooking).toMatchObject({ status: 'CANCELLED', cancellationReason: 'PASSENGER' });
    const colleague = staff('COUNTER_AGENT', trip.companyId);
    const other = await subgraph.request(CANCEL, { id: byColleague.id }, colleague);
    expect(other.data!.cancelBooking).toMatchObject({ status: 'CANCELLED', cancellationReason: 'PASSENGER' });
    expect((await eventsOf('booking.cancelled', bySeller.id))[0]).toMatchObject({
      channel: 'COUNTER',
      soldBy: seller.userId,
      cancelledBy: seller.userId,
      reason: 'PASSENGER',
      atCounter: true,
    });
    expect((await eventsOf('booking.cancelled', byColleague.id))[0]).toMatchObject({
      cancelledBy: colleague.userId,
      atCounter: true,
    });
  });

  it("keeps an admin's cancellation of another seller's sale COMPANY (at the counter: cash handed back)", async () => {
    const trip = await scheduledTrip();
    const sale = await sell(trip.tripId, staff('COUNTER_AGENT', trip.companyId), ['1A']);
    const result = await subgraph.request(CANCEL, { id: sale.id }, staff('COMPANY_ADMIN', trip.companyId));
    expect(result.data!.cancelBooking.cancellationReason).toBe('COMPANY');
    expect((await eventsOf('booking.cancelled', sale.id))[0]).toMatchObject({ atCounter: true });
  });

  it("refunds a sale an agent cancels at the passenger's request by the tiers, claimed or not; an admin's in full", async () => {
    // An hour before departure: the tiers refund a passenger's own cancellation nothing.
    const departureAt = new Date(Date.now() + 3_600_000);
    const trip = tripSnapshot({
      rows: 3,
      departureAt: departureAt.toISOString(),
      arrivalAt: new Date(departureAt.getTime() + 3_600_000).toISOString(),
    });
    await deliver('trip.scheduled', trip);
    const seller = staff('COUNTER_AGENT', trip.companyId);
    const [unclaimed, claimed] = [await sell(trip.tripId, seller, ['1A']), await sell(trip.tripId, seller, ['1B'])];
    for (const sale of [unclaimed, claimed]) await payFor(deliver, sale.id);
    const owner = passenger();
    await subgraph.database.handle.db
      .update(bookings)
      .set({ userId: owner.userId, claimedAt: new Date() })
      .where(eq(bookings.id, claimed.id));
    const colleague = staff('COUNTER_AGENT', trip.companyId);
    const first = await subgraph.request(CANCEL_REFUND, { id: unclaimed.id }, colleague);
    expect(first.data!.cancelBooking).toMatchObject({ cancellationReason: 'PASSENGER', refund: { amount: 0 } });
    // Claimed, an agent's cancellation is still the passenger's request (an agent who claimed a sale with an account
    // of their own cannot cancel it for the whole price); the refund is owed, not handed back at the counter.
    const second = await subgraph.request(CANCEL_REFUND, { id: claimed.id }, colleague);
    expect(second.data!.cancelBooking).toMatchObject({ cancellationReason: 'PASSENGER', refund: { amount: 0 } });
    expect((await eventsOf('booking.cancelled', claimed.id))[0]).toMatchObject({
      reason: 'PASSENGER',
      cancelledBy: colleague.userId,
      atCounter: false,
    });
    // The company's admin cancels for the company: refunded in full, owed to the passenger.
    const third = await sell(trip.tripId, seller, ['1C']);
    await payFor(deliver, third.id);
    await subgraph.database.handle.db
      .update(bookings)
      .set({ userId: owner.userId, claimedAt: new Date() })
      .where(eq(bookings.id, third.id));
    const admin = staff('COMPANY_ADMIN', trip.companyId);
    const byAdmin = await subgraph.request(CANCEL_REFUND, { id: third.id }, admin);
    expect(byAdmin.data!.cancelBooking).toMatchObject({ cancellationReason: 'COMPANY', refund: { amount: 5000 } });
    expect((await eventsOf('booking.cancelled', third.id))[0]).toMatchObject({ atCounter: false });
  });

  it('leaves the cash refund of a sale a platform admin cancels owed: nobody handed it back at a counter', async () => {
    const trip = await scheduledTrip();
    const sale = await sell(trip.tripId, staff('COUNTER_AGENT', trip.companyId), ['3A']);
    const platformAdmin = { userId: randomUUID(), role: 'PLATFORM_ADMIN' as const, companyId: null };
    expect((await subgraph.request(CANCEL, { id: sale.id }, platformAdmin)).errors).toBeUndefined();
    expect((await eventsOf('booking.cancelled', sale.id))[0]).toMatchObject({ reason: 'COMPANY', atCounter: false });
  });

  it('says an online booking cancelled by its passenger or an admin was not cancelled at the counter', async () => {
    const trip = await scheduledTrip();
    const owner = passenger();
    const first = await subgraph.request(HOLD, holdInput(trip.tripId, ['2A']), owner);
    const second = await subgraph.request(HOLD, holdInput(trip.tripId, ['2B']), owner);
    await subgraph.request(CANCEL, { id: first.data!.holdSeats.id }, owner);
    await subgraph.request(CANCEL, { id: second.data!.holdSeats.id }, staff('COMPANY_ADMIN', trip.companyId));
    expect((await eventsOf('booking.cancelled', first.data!.holdSeats.id))[0]).toMatchObject({
      reason: 'PASSENGER',
      atCounter: false,
    });
    expect((await eventsOf('booking.cancelled', second.data!.holdSeats.id))[0]).toMatchObject({
      reason: 'COMPANY',
      atCounter: false,
    });
  });

  it("does not let an agent cancel a passenger's online booking", async () => {
    const trip = await scheduledTrip();
    const online = await subgraph.request(HOLD, holdInput(trip.tripId, ['1A']), passenger());
    const result = await subgraph.request(
      CANCEL,
      { id: online.data!.holdSeats.id },
      staff('COUNTER_AGENT', trip.companyId),
    );
    expect(codeOf(result)).toBe('NOT_FOUND');
  });
});

describe('events of a counter sale', () => {
  it('carries channel, soldBy and the contact on booking.confirmed, and channel and soldBy on booking.expired', async () => {
    const trip = await scheduledTrip();
    const agent = staff('COUNTER_AGENT', trip.companyId);
    const paid = await sell(trip.tripId, agent, ['1A']);
    await deliver('payment.succeeded', { paymentId: `cash-${paid.id}`, bookingId: paid.id, userId: agent.userId });
    expect((await eventsOf('booking.confirmed', paid.id))[0]).toMatchObject({
      userId: agent.userId,
      channel: 'COUNTER',
      soldBy: agent.userId,
      contact: { name: 'Aline Uwase', phone: '+250788123456', email: null, language: 'rw' },
    });
    const lapsed = await sell(trip.tripId, agent, ['1B']);
    await subgraph.database.handle.db
      .update(bookings)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(bookings.id, lapsed.id));
    await subgraph.server.services.sweeper.sweep();
    expect((await eventsOf('booking.expired', lapsed.id))[0]).toMatchObject({
      channel: 'COUNTER',
      soldBy: agent.userId,
    });
  });
});
