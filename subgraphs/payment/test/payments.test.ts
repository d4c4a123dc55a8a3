import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSubgraph, type TestSubgraph } from '@busline/shared/testing';
import { payments } from '../src/db/schema';
import { migrations } from '../src/db/migrations';
import { createServer } from '../src/server';

let subgraph: TestSubgraph<ReturnType<typeof createServer>>;
const ownerId = randomUUID();
const bookingId = randomUUID();
let paymentId: string;

beforeAll(async () => {
  subgraph = await startTestSubgraph({ name: 'payment', migrations, createServer });
  const [row] = await subgraph.database.handle.db
    .insert(payments)
    .values({ bookingId, userId: ownerId, amount: 10_000, currency: 'RWF', method: 'MOBILE_MONEY', phone: '+250788000111' })
    .returning();
  paymentId = row!.id;
});
afterAll(() => subgraph.stop());

describe('payments', () => {
  it("lists a booking's payments for its owner only", async () => {
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Booking { payments { id status amount { amount currency } } } } }';
    const owner = await subgraph.request(query, { r: [{ __typename: 'Booking', id: bookingId }] }, { userId: ownerId, role: 'PASSENGER', companyId: null });
    expect(owner.data?._entities[0].payments).toEqual([{ id: paymentId, status: 'PENDING', amount: { amount: 10_000, currency: 'RWF' } }]);
    const stranger = await subgraph.request(query, { r: [{ __typename: 'Booking', id: bookingId }] }, { userId: randomUUID(), role: 'PASSENGER', companyId: null });
    expect(stranger.data?._entities[0].payments).toEqual([]);
  });

  it('answers payment(id) for its owner and null for others', async () => {
    const query = 'query($id: ID!) { payment(id: $id) { id method } }';
    const owner = await subgraph.request(query, { id: paymentId }, { userId: ownerId, role: 'PASSENGER', companyId: null });
    expect(owner.data?.payment).toEqual({ id: paymentId, method: 'MOBILE_MONEY' });
    const stranger = await subgraph.request(query, { id: paymentId }, { userId: randomUUID(), role: 'PASSENGER', companyId: null });
    expect(stranger.data?.payment).toBeNull();
  });
});
