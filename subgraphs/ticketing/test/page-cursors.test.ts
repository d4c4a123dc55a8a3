// Keyset pages of bookings (myBookings, counterSales) when two bookings were written in the same millisecond: the
// cursor's time has milliseconds, Postgres keeps microseconds (shared/src/db/keyset.ts).
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Viewer } from '@busline/shared';
import { bookings } from '../src/db/schema';
import { deliverer, holdInput, startTicketing, tripSnapshot, type TicketingTestSubgraph } from './fixtures';

let subgraph: TicketingTestSubgraph;
let deliver: ReturnType<typeof deliverer>;
beforeAll(async () => {
  subgraph = await startTicketing({ sweepIntervalMs: 0 });
  deliver = deliverer(subgraph);
});
afterAll(() => subgraph.stop());

const HOLD = `mutation($input: HoldSeatsInput!) { holdSeats(input: $input) { id } }`;
const COUNTER_SALES = `query($companyId: ID!, $after: String) {
  counterSales(companyId: $companyId, first: 1, after: $after) {
    edges { node { id } } pageInfo { hasNextPage endCursor } } }`;
const MY_BOOKINGS = `query($after: String) {
  myBookings(first: 1, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`;
const staff = (role: Viewer['role'], companyId: string): Viewer => ({ userId: randomUUID(), role, companyId });

/** Every page of a connection asked one item at a time. */
async function everyPage(query: string, variables: Record<string, unknown>, viewer: Viewer, field: string) {
  const seen: string[] = [];
  let after: string | null = null;
  for (let page = 0; page < 10; page++) {
    const result: { data?: any; errors?: unknown } = await subgraph.request(query, { ...variables, after }, viewer);
    expect(result.errors).toBeUndefined();
    const connection: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } =
      result.data![field];
    seen.push(...connection.edges.map((e) => e.node.id));
    if (!connection.pageInfo.hasNextPage) break;
    after = connection.pageInfo.endCursor;
  }
  return seen;
}

/** Sets the first two bookings' creation to two instants of one millisecond (.123600 and, the older, .123400). */
async function sameMillisecond(ids: string[]) {
  const db = subgraph.database.handle.db;
  const at = (iso: string) => sql`${iso}::timestamptz` as unknown as Date;
  await db
    .update(bookings)
    .set({ createdAt: at('2026-01-10T12:00:00.123600Z') })
    .where(eq(bookings.id, ids[1]!));
  await db
    .update(bookings)
    .set({ createdAt: at('2026-01-10T12:00:00.123400Z') })
    .where(eq(bookings.id, ids[0]!));
}

it('counterSales pages through every sale, two of them made in the same millisecond by two agents', async () => {
  const trip = tripSnapshot({ rows: 3 });
  await deliver('trip.scheduled', trip);
  const ids: string[] = [];
  for (const seat of ['1A', '1B', '1C', '1D']) {
    const walkIn = { name: 'Aline', phone: '0788123456' };
    const input = { ...holdInput(trip.tripId, [seat]).input, walkIn };
    const result = await subgraph.request(HOLD, { input }, staff('COUNTER_AGENT', trip.companyId));
    expect(result.errors).toBeUndefined();
    ids.push(result.data!.holdSeats.id);
  }
  await sameMillisecond(ids);

  const admin = staff('COMPANY_ADMIN', trip.companyId);
  const seen = await everyPage(COUNTER_SALES, { companyId: trip.companyId }, admin, 'counterSales');
  // Newest first: the two fresh sales, then the one made at .123600, then the one at .123400.
  expect(seen).toEqual([ids[3], ids[2], ids[1], ids[0]]);
});

it("myBookings pages through every one of a passenger's bookings, two of them made in the same millisecond", async () => {
  const trip = tripSnapshot({ rows: 3 });
  await deliver('trip.scheduled', trip);
  const owner: Viewer = { userId: randomUUID(), role: 'PASSENGER', companyId: null };
  const ids: string[] = [];
  for (const seat of ['2A', '2B', '2C']) {
    const result = await subgraph.request(HOLD, holdInput(trip.tripId, [seat]), owner);
    expect(result.errors).toBeUndefined();
    ids.push(result.data!.holdSeats.id);
  }
  await sameMillisecond(ids);

  expect(await everyPage(MY_BOOKINGS, {}, owner, 'myBookings')).toEqual([ids[2], ids[1], ids[0]]);
});
