import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from './harness';

let busline: TestPlatform;

beforeAll(async () => {
  busline = await startTestPlatform();
});
afterAll(() => busline?.stop());

describe('the platform through the router', () => {
  it('is ready when every subgraph is, and each subgraph is healthy', async () => {
    const ready = await fetch(`${busline.routerUrl}/readyz`);
    expect(ready.status).toBe(200);
    for (const [, subgraph] of busline.platform.subgraphs) {
      expect((await fetch(`${subgraph.url}/healthz`)).status).toBe(200);
      expect((await fetch(`${subgraph.url}/readyz`)).status).toBe(200);
    }
  });

  it('lists types from all six subgraphs in one introspection query', async () => {
    const result = await busline.request<{
      __schema: { types: { name: string; fields: { name: string }[] | null }[] };
    }>('{ __schema { types { name fields { name } } } }');
    const types = new Map(result.data!.__schema.types.map((t) => [t.name, (t.fields ?? []).map((f) => f.name)]));
    expect(types.get('User')).toEqual(expect.arrayContaining(['email', 'role', 'profile'])); // auth + user
    expect(types.get('Trip')).toEqual(expect.arrayContaining(['departureAt', 'availableSeats'])); // company + ticketing
    expect(types.get('Ticket')).toEqual(expect.arrayContaining(['seatNumber', 'qr'])); // ticketing + qr
    expect(types.get('Booking')).toEqual(expect.arrayContaining(['status', 'payments'])); // ticketing + payment
    expect(types.has('Company')).toBe(true);
    expect(types.has('Payment')).toBe(true);
  });

  it('refuses requests that skip the router when a router secret is set', async () => {
    const company = busline.platform.subgraphs.get('company')!;
    const response = await fetch(`${company.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.status).toBe(403);
  });
});
