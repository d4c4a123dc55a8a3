import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_CONSUMERS, EventTypes, type RedisStreamBus } from '@busline/shared';
import { eventually, testEnv } from '@busline/shared/testing';
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

describe.runIf(testEnv.redisUrl)('event consumer groups', () => {
  it('starts on every stream the consumer groups EVENT_CONSUMERS lists, which publishers keep the events of', async () => {
    const bus = busline.platform.subgraphs.get('ticketing')!.deps.bus as RedisStreamBus;
    const redis = new Redis(testEnv.redisUrl!);
    // Groups that read a stream (a consumer of their own has joined), the router's optional response cache aside.
    const reading = async () => {
      const found: Record<string, string[]> = {};
      for (const type of Object.values(EventTypes)) {
        const groups = ((await redis.xinfo('GROUPS', bus.streamKey(type)).catch(() => [])) as unknown[][]).map((raw) =>
          Object.fromEntries(raw.map(String).flatMap((v, i, all) => (i % 2 ? [] : [[v, all[i + 1]]]))),
        );
        const names = groups
          .filter((group) => Number(group.consumers) > 0 && group.name !== 'router-response-cache')
          .map((group) => group.name!);
        if (names.length > 0) found[type] = names.sort();
      }
      return found;
    };
    const expected = Object.fromEntries(
      Object.entries(EVENT_CONSUMERS).map(([type, groups]) => [type, [...groups].sort()]),
    );
    try {
      await eventually(async () => JSON.stringify(await reading()) === JSON.stringify(expected), 15_000).catch(
        () => undefined,
      );
      expect(await reading()).toEqual(expected);
    } finally {
      redis.disconnect();
    }
  });
});
