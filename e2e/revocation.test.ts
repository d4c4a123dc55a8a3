import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, untilSubscribed } from '@busline/shared/testing';
import { topics } from '../subgraphs/ticketing/src/public';
import { kigaliDate, startTestPlatform, type TestPlatform } from './harness';

/** Fast revocation: a suspended user or a demoted admin loses access within seconds, old tokens included. */
let busline: TestPlatform;
let admin: string;

const REVOKED = { message: 'Access token revoked; sign in again', code: 'UNAUTHENTICATED' };
const firstError = (result: { errors?: readonly { message: string; extensions?: Record<string, unknown> }[] }) =>
  result.errors?.[0] ? { message: result.errors[0].message, code: result.errors[0].extensions?.code } : undefined;

async function whoIs(token: string): Promise<{ id: string; companyId: string | null }> {
  const result = await busline.request<{ me: { id: string; companyId: string | null } }>(
    '{ me { id companyId } }',
    {},
    token,
  );
  if (!result.data?.me) throw new Error(`me failed: ${JSON.stringify(result.errors)}`);
  return result.data.me;
}

async function holdSeat(token: string): Promise<string> {
  const search = await busline.request<{ searchTrips: { id: string; seatMap: { label: string; state: string }[] }[] }>(
    'query($i: SearchTripsInput!) { searchTrips(input: $i) { id seatMap { label state } } }',
    { i: { originCity: 'Kigali', destinationCity: 'Musanze', date: kigaliDate(2), passengers: 1 } },
  );
  const trip = search.data?.searchTrips[0];
  if (!trip) throw new Error(`no trip: ${JSON.stringify(search)}`);
  const held = await busline.request<{ holdSeats: { id: string } }>(
    'mutation($i: HoldSeatsInput!) { holdSeats(input: $i) { id } }',
    {
      i: {
        tripId: trip.id,
        seats: [trip.seatMap.find((s) => s.state === 'AVAILABLE')!.label],
        passengers: [{ name: 'Grace Uwimana' }],
      },
    },
    token,
  );
  if (!held.data) throw new Error(`hold failed: ${JSON.stringify(held.errors)}`);
  return held.data.holdSeats.id;
}

/** A graphql-ws subscription through the router: what it received, in order, and whether it ended. */
function follow(token: string, query: string, variables: Record<string, unknown>) {
  const client: Client = createClient({
    url: `${busline.routerUrl.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: { authorization: `Bearer ${token}` },
  });
  const seen: unknown[] = [];
  client.subscribe(
    { query, variables },
    {
      next: (result) => void seen.push(result.errors ? { error: firstError(result) } : result.data),
      error: (error) => void seen.push({ failed: String(error) }),
      complete: () => void seen.push('complete'),
    },
  );
  return { seen, dispose: () => client.dispose() };
}

beforeAll(async () => {
  busline = await startTestPlatform({ seed: true });
  admin = await busline.login('admin@busline.test', 'Admin-demo-2026');
});
afterAll(() => busline?.stop());

describe('revocation through the router', () => {
  it('refuses a suspended passenger’s old token on every subgraph within seconds and ends their open subscription', async () => {
    const token = await busline.login('passenger@busline.test', 'Passenger-demo-2026');
    const { id: userId } = await whoIs(token);
    const bookingId = await holdSeat(token);
    const subscription = follow(token, 'subscription($id: ID!) { bookingStatusChanged(bookingId: $id) { status } }', {
      id: bookingId,
    });
    try {
      await untilSubscribed(busline.platform.subgraphs.get('ticketing')!.deps.pubsub, topics.booking(bookingId));

      const suspended = await busline.request(
        'mutation($u: ID!) { suspendUser(userId: $u, reason: "Fraud report") { id } }',
        { u: userId },
        admin,
      );
      expect(suspended.errors).toBeUndefined();

      // One field owned by each of four subgraphs, asked with the token issued before the suspension.
      const fields = {
        auth: '{ me { id } }',
        user: '{ myDashboard { upcomingTrips { __typename } } }',
        ticketing: `{ booking(id: "${bookingId}") { id } }`,
        company: '{ stations(first: 1) { edges { node { id } } } }',
      };
      for (const [subgraph, query] of Object.entries(fields)) {
        await eventually(
          async () => firstError(await busline.request(query, {}, token))?.message === REVOKED.message,
          10_000,
          50,
        );
        expect([subgraph, firstError(await busline.request(query, {}, token))]).toEqual([subgraph, REVOKED]);
      }
      await eventually(() => subscription.seen.includes('complete'), 10_000, 50);
      expect(subscription.seen).toEqual([{ error: REVOKED }, 'complete']);
    } finally {
      await subscription.dispose();
    }
  });

  it('a logout ends that sign-in on every subgraph and its open subscription, and no other sign-in', async () => {
    const email = `logout-${Date.now()}@busline.test`;
    const password = 'Logout-test-2026';
    const registered = await busline.request('mutation($i: RegisterInput!) { register(input: $i) { user { id } } }', {
      i: { email, password, fullName: 'Aline Mukamana', phone: '+250788551234' },
    });
    expect(registered.errors).toBeUndefined();
    const signIn = async () => {
      const result = await busline.request<{ login: { accessToken: string; refreshToken: string } }>(
        'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken refreshToken } }',
        { e: email, p: password },
      );
      return result.data!.login;
    };
    const [phone, laptop] = [await signIn(), await signIn()];
    const bookingId = await holdSeat(phone.accessToken);
    const subscription = follow(
      phone.accessToken,
      'subscription($id: ID!) { bookingStatusChanged(bookingId: $id) { status } }',
      { id: bookingId },
    );
    try {
      await untilSubscribed(busline.platform.subgraphs.get('ticketing')!.deps.pubsub, topics.booking(bookingId));
      const out = await busline.request('mutation($t: String!) { logout(refreshToken: $t) }', {
        t: phone.refreshToken,
      });
      expect(out.data).toEqual({ logout: true });
      const booking = `{ booking(id: "${bookingId}") { id } }`;
      for (const query of ['{ me { id } }', '{ myDashboard { upcomingTrips { __typename } } }', booking]) {
        await eventually(
          async () => firstError(await busline.request(query, {}, phone.accessToken))?.message === REVOKED.message,
          10_000,
          50,
        );
        expect((await busline.request(query, {}, laptop.accessToken)).errors).toBeUndefined();
      }
      await eventually(() => subscription.seen.includes('complete'), 10_000, 50);
      expect(subscription.seen).toEqual([{ error: REVOKED }, 'complete']);
    } finally {
      await subscription.dispose();
    }
  });

  it('refuses a new subscription with a suspended driver’s old token at once instead of retrying it', async () => {
    const token = await busline.login('driver@volcano.busline.test', 'Driver-demo-2026');
    const { id: userId } = await whoIs(token);
    const suspended = await busline.request(
      'mutation($u: ID!) { suspendUser(userId: $u, reason: "Left the company") { id } }',
      { u: userId },
      admin,
    );
    expect(suspended.errors).toBeUndefined();
    await eventually(
      async () => firstError(await busline.request('{ me { id } }', {}, token))?.message === REVOKED.message,
      10_000,
      50,
    );

    const search = await busline.request<{ searchTrips: { id: string }[] }>(
      'query($i: SearchTripsInput!) { searchTrips(input: $i) { id } }',
      { i: { originCity: 'Kigali', destinationCity: 'Musanze', date: kigaliDate(2), passengers: 1 } },
    );
    const subscription = follow(token, 'subscription($t: ID!) { tripSeatsChanged(tripId: $t) { id } }', {
      t: search.data!.searchTrips[0]!.id,
    });
    try {
      await eventually(() => subscription.seen.includes('complete'), 10_000, 50);
      expect(subscription.seen).toEqual([{ error: REVOKED }, 'complete']);
    } finally {
      await subscription.dispose();
    }
  });

  it('refuses a demoted company admin’s old token for the company’s buses within seconds', async () => {
    const token = await busline.login('ops@volcano.busline.test', 'Company-demo-2026');
    const { id: userId, companyId } = await whoIs(token);
    const BUSES = 'query($c: ID!) { buses(companyId: $c, first: 1) { edges { node { id } } } }';
    expect((await busline.request(BUSES, { c: companyId }, token)).errors).toBeUndefined();

    const demoted = await busline.request(
      'mutation($u: ID!) { setUserRole(userId: $u, role: PASSENGER) { id } }',
      { u: userId },
      admin,
    );
    expect(demoted.errors).toBeUndefined();

    await eventually(
      async () => firstError(await busline.request(BUSES, { c: companyId }, token))?.code === 'UNAUTHENTICATED',
      10_000,
      50,
    );
    expect(firstError(await busline.request(BUSES, { c: companyId }, token))).toEqual(REVOKED);
  });
});
