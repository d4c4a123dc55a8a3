// holdSeats idempotency keys belong to the account that made the hold (a counter sale's seller), not to the booking's
// owner, which a claim changes: two sellers' sales of one phone under one key, or a sale under a key the passenger
// used for their own booking, are claimed together, and a seller's retry after the claim makes nothing.
import { randomInt, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '@busline/shared';
import { bookings, outbox } from '../src/db/schema';
import { deliverer, holdInput, passenger, startTicketing, tripSnapshot, type TicketingTestSubgraph } from './fixtures';

let subgraph: TicketingTestSubgraph;
let deliver: ReturnType<typeof deliverer>;
const db = () => subgraph.database.handle.db;

beforeAll(async () => {
  subgraph = await startTicketing({ sweepIntervalMs: 0 });
  deliver = deliverer(subgraph);
});
afterAll(() => subgraph.stop());

const SALE = `mutation($input: HoldSeatsInput!, $key: String) { holdSeats(input: $input, idempotencyKey: $key) { id } }`;
const REQUEST = 'mutation($phone: String!) { requestBookingClaim(phone: $phone) }';
const CLAIM = `mutation($phone: String!, $code: String!) { claimBookings(phone: $phone, code: $code) { id claimed } }`;
const staff = (role: Viewer['role'], companyId: string): Viewer => ({ userId: randomUUID(), role, companyId });

async function latestCode(international: string): Promise<string> {
  const events = (await db().select().from(outbox).where(eq(outbox.type, 'booking.claim_requested')))
    .map((row) => row.payload as { phone: string; code: string })
    .filter((payload) => payload.phone === international);
  return events[events.length - 1]!.code;
}

describe('claimBookings and holdSeats idempotency keys', () => {
  it('claims two counter sales of one phone that two sellers made under the same idempotency key', async () => {
    const trip = tripSnapshot();
    await deliver('trip.scheduled', trip);
    const national = `078${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;
    const international = `+250${national.slice(1)}`;
    const walkIn = { name: 'Walk In', phone: international, language: 'fr' };
    const sellers = [staff('COUNTER_AGENT', trip.companyId), staff('COMPANY_ADMIN', trip.companyId)];
    const saleIds: string[] = [];
    for (const [i, seller] of sellers.entries()) {
      const sale = await subgraph.request(
        SALE,
        { input: { ...holdInput(trip.tripId, [`1${'AB'[i]}`]).input, walkIn }, key: 'counter-sale-1' },
        seller,
      );
      expect(sale.errors).toBeUndefined();
      saleIds.push(sale.data!.holdSeats.id as string);
    }

    const me = passenger();
    expect((await subgraph.request(REQUEST, { phone: national }, me)).data?.requestBookingClaim).toBe(true);
    const claimed = await subgraph.request(CLAIM, { phone: national, code: await latestCode(international) }, me);

    expect(claimed.errors).toBeUndefined();
    expect((claimed.data?.claimBookings as { id: string }[] | undefined)?.map((b) => b.id).sort()).toEqual(
      [...saleIds].sort(),
    );
    const rows = await db().select().from(bookings).where(eq(bookings.userId, me.userId));
    expect(rows).toHaveLength(2);
    // A seller's retry under the key no longer gets the sale (the passenger's now), nor makes another.
    const retry = await subgraph.request(
      SALE,
      { input: { ...holdInput(trip.tripId, ['1A']).input, walkIn }, key: 'counter-sale-1' },
      sellers[0]!,
    );
    expect(retry.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_CONFLICT');
    expect(await db().select().from(bookings).where(eq(bookings.tripId, trip.tripId))).toHaveLength(2);
  });

  it('claims a counter sale whose idempotency key the passenger already used for a booking of their own', async () => {
    const trip = tripSnapshot();
    await deliver('trip.scheduled', trip);
    const national = `078${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;
    const international = `+250${national.slice(1)}`;
    const me = passenger();
    const own = await subgraph.request(SALE, { ...holdInput(trip.tripId, ['2A']), key: 'k-1' }, me);
    expect(own.errors).toBeUndefined();
    const sale = await subgraph.request(
      SALE,
      {
        input: {
          ...holdInput(trip.tripId, ['2B']).input,
          walkIn: { name: 'Walk In', phone: international, language: 'en' },
        },
        key: 'k-1',
      },
      staff('COUNTER_AGENT', trip.companyId),
    );
    expect(sale.errors).toBeUndefined();

    await subgraph.request(REQUEST, { phone: national }, me);
    const claimed = await subgraph.request(CLAIM, { phone: national, code: await latestCode(international) }, me);
    expect(claimed.errors).toBeUndefined();
    expect((claimed.data?.claimBookings as { id: string }[] | undefined)?.map((b) => b.id)).toEqual([
      sale.data!.holdSeats.id,
    ]);
  });
});
