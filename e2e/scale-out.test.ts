import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, graphqlRequest, testEnv, untilSubscribed } from '@busline/shared/testing';
import { startScaledPlatform, type ScaledPlatform } from '../scripts/lib/topology';
import { topics } from '../subgraphs/ticketing/src/public';
import { isolatedPlatformOptions, kigaliDate, login, seedTestPlatform } from './harness';

/**
 * Two routers, two ticketing instances, one Postgres, one Redis: a change made through either
 * instance reaches subscribers on both routers. Needs real Postgres and Redis (CI provides them).
 */
const options = isolatedPlatformOptions();
let scaled: ScaledPlatform;
let token: string;

describe.skipIf(!testEnv.postgresUrl || !testEnv.redisUrl)('scale-out', () => {
  beforeAll(async () => {
    scaled = await startScaledPlatform({ ...options, secondPorts: { router: 0, ticketing: 0 } });
    await seedTestPlatform(scaled.platform);
    token = await login(`${scaled.routerUrls[0]}/graphql`, 'passenger@busline.test', 'Passenger-demo-2026');
  });
  afterAll(async () => {
    await scaled?.stop();
    await options.cleanup();
  });

  it('delivers a seat change made through either ticketing instance to subscribers on both routers', async () => {
    const search = await graphqlRequest<{ searchTrips: { id: string; seatMap: { label: string; state: string }[] }[] }>(
      `${scaled.routerUrls[0]}/graphql`,
      'query($i: SearchTripsInput!) { searchTrips(input: $i) { id seatMap { label state } } }',
      { i: { originCity: 'Kigali', destinationCity: 'Huye', date: kigaliDate(1), passengers: 2 } },
    );
    const trip = search.data!.searchTrips[0]!;
    const free = trip.seatMap.filter((s) => s.state === 'AVAILABLE').map((s) => s.label);

    const received: Record<string, number[]> = { A: [], B: [] };
    const clients = scaled.routerUrls.map((url) =>
      createClient({ url: `${url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 }),
    );
    const stops = clients.map((client, i) =>
      client.subscribe<{ tripSeatsChanged: { availableSeats: number } }>(
        {
          query: 'subscription($t: ID!) { tripSeatsChanged(tripId: $t) { availableSeats } }',
          variables: { t: trip.id },
        },
        {
          next: (r) => r.data && received[i === 0 ? 'A' : 'B']!.push(r.data.tripSeatsChanged.availableSeats),
          error: () => undefined,
          complete: () => undefined,
        },
      ),
    );
    try {
      // Each router's upstream subscription has reached its own ticketing instance: Redis counts
      // both instances' connections on the trip's channel. A change published earlier would reach nobody.
      await untilSubscribed(scaled.platform.subgraphs.get('ticketing')!.deps.pubsub, topics.tripSeats(trip.id), {
        count: 2,
      });

      for (const [index, routerUrl] of scaled.routerUrls.entries()) {
        const held = await graphqlRequest(
          `${routerUrl}/graphql`,
          'mutation($i: HoldSeatsInput!) { holdSeats(input: $i) { id } }',
          { i: { tripId: trip.id, seats: [free[index]!], passengers: [{ name: 'Grace Uwimana' }] } },
          { authorization: `Bearer ${token}` },
        );
        expect(held.errors).toBeUndefined();
        await eventually(() => received.A!.length > index && received.B!.length > index);
      }
      expect(received.A!.length).toBe(received.B!.length);
      expect(received.A!.at(-1)).toBe(received.B!.at(-1));
    } finally {
      stops.forEach((stop) => stop());
      await Promise.all(clients.map((c) => c.dispose()));
    }
  });
});
