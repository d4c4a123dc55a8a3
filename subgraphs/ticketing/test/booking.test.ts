import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSubgraph, type TestSubgraph } from '@busline/shared/testing';
import { bookings, tickets, trips, tripSeats } from '../src/db/schema';
import { migrations } from '../src/db/migrations';
import { createServer } from '../src/server';

let subgraph: TestSubgraph<ReturnType<typeof createServer>>;
const tripId = randomUUID();
const companyId = randomUUID();
const ownerId = randomUUID();
let bookingId: string;

beforeAll(async () => {
  subgraph = await startTestSubgraph({ name: 'ticketing', migrations, createServer });
  const db = subgraph.database.handle.db;
  await db.insert(trips).values({ id: tripId, companyId, departureAt: new Date(Date.now() + 86_400_000), status: 'SCHEDULED', priceAmount: 5000, currency: 'RWF' });
  await db.insert(tripSeats).values(['1A', '1B', '2A', '2B'].map((label) => ({ tripId, label })));
  const [booking] = await db.insert(bookings).values({ userId: ownerId, tripId, companyId, totalAmount: 10_000, currency: 'RWF' }).returning();
  bookingId = booking!.id;
  await db.insert(tickets).values([
    { bookingId, tripId, seatLabel: '1A', passengerName: 'Aline' },
    { bookingId, tripId, seatLabel: '1B', passengerName: 'Eric' },
  ]);
});
afterAll(() => subgraph.stop());

describe('ticketing skeleton', () => {
  it('counts seats without an active ticket as available', async () => {
    const result = await subgraph.request('query($r: [_Any!]!) { _entities(representations: $r) { ... on Trip { availableSeats } } }', {
      r: [{ __typename: 'Trip', id: tripId }],
    });
    expect(result.data?._entities).toEqual([{ availableSeats: 2 }]);
  });

  it('refuses a second active ticket for the same seat at the database', async () => {
    await expect(
      subgraph.database.handle.db.insert(tickets).values({ bookingId, tripId, seatLabel: '1A', passengerName: 'Intruder' }),
    ).rejects.toThrow();
  });

  it('shows a booking to its owner with tickets and total', async () => {
    const result = await subgraph.request(
      'query($id: ID!) { booking(id: $id) { status totalAmount { amount currency } tickets { seatNumber passengerName status } } }',
      { id: bookingId },
      { userId: ownerId, role: 'PASSENGER', companyId: null },
    );
    expect(result.data?.booking).toEqual({
      status: 'HELD',
      totalAmount: { amount: 10_000, currency: 'RWF' },
      tickets: [
        { seatNumber: '1A', passengerName: 'Aline', status: 'HELD' },
        { seatNumber: '1B', passengerName: 'Eric', status: 'HELD' },
      ],
    });
  });

  it("answers null for another passenger's booking, and UNAUTHENTICATED without a token", async () => {
    const other = await subgraph.request('query($id: ID!) { booking(id: $id) { id } }', { id: bookingId }, { userId: randomUUID(), role: 'PASSENGER', companyId: null });
    expect(other.data?.booking).toBeNull();
    const anonymous = await subgraph.request('query($id: ID!) { booking(id: $id) { id } }', { id: bookingId });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
