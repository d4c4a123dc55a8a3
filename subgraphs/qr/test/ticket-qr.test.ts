import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSubgraph, type TestSubgraph } from '@busline/shared/testing';
import { boardingPasses } from '../src/db/schema';
import { migrations } from '../src/db/migrations';
import { createServer } from '../src/server';

let subgraph: TestSubgraph<ReturnType<typeof createServer>>;
const ownerId = randomUUID();
const ticketId = randomUUID();
const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Ticket { qr { token svg pngDataUrl } } } }';

beforeAll(async () => {
  subgraph = await startTestSubgraph({ name: 'qr', migrations, createServer });
  await subgraph.database.handle.db.insert(boardingPasses).values({
    ticketId,
    bookingId: randomUUID(),
    tripId: randomUUID(),
    userId: ownerId,
    token: 'header.payload.signature',
    keyId: 'k1',
    validUntil: new Date(Date.now() + 86_400_000),
  });
});
afterAll(() => subgraph.stop());

describe('Ticket.qr', () => {
  it("renders the owner's boarding pass as SVG and PNG", async () => {
    const result = await subgraph.request(query, { r: [{ __typename: 'Ticket', id: ticketId }] }, { userId: ownerId, role: 'PASSENGER', companyId: null });
    const qr = result.data?._entities[0].qr;
    expect(qr.token).toBe('header.payload.signature');
    expect(qr.svg).toContain('<svg');
    expect(qr.pngDataUrl).toMatch(/^data:image\/png;base64,/);
  });

  it('is null for anyone else', async () => {
    const result = await subgraph.request(query, { r: [{ __typename: 'Ticket', id: ticketId }] }, { userId: randomUUID(), role: 'PASSENGER', companyId: null });
    expect(result.data?._entities[0].qr).toBeNull();
  });
});
