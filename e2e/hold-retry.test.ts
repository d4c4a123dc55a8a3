import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itConcurrent } from '@busline/shared/testing';
import { BookingRepository } from '../subgraphs/ticketing/src/public';
import { kigaliDate, startTestPlatform, type TestPlatform } from './harness';

/** holdSeats retried through the router with the client's idempotency key, as the web app does after a timeout. */
let busline: TestPlatform;
let passenger: string;
let passengerId: string;

const SEARCH = `query($input: SearchTripsInput!) { searchTrips(input: $input) { id departureAt seatMap { label state } } }`;
const HOLD =
  'mutation($input: HoldSeatsInput!, $key: String) { holdSeats(input: $input, idempotencyKey: $key) { id status tickets { seatNumber } } }';

/** A trip from Kigali to Musanze tomorrow and a seat still free on it. */
async function freeSeat(): Promise<{ tripId: string; seat: string }> {
  const result = await busline.request<{
    searchTrips: { id: string; departureAt: string; seatMap: { label: string; state: string }[] }[];
  }>(SEARCH, {
    input: { originCity: 'Kigali', destinationCity: 'Musanze', date: kigaliDate(1), passengers: 1 },
  });
  const trip = result.data!.searchTrips.find((t) => new Date(t.departureAt).getTime() > Date.now() + 3_600_000)!;
  return { tripId: trip.id, seat: trip.seatMap.find((s) => s.state === 'AVAILABLE')!.label };
}

const hold = (tripId: string, seat: string, key: string) =>
  busline.request<{ holdSeats: { id: string; status: string; tickets: { seatNumber: string }[] } }>(
    HOLD,
    { input: { tripId, seats: [seat], passengers: [{ name: 'Grace Uwimana' }] }, key },
    passenger,
  );

beforeAll(async () => {
  busline = await startTestPlatform({ seed: true });
  passenger = await busline.login('passenger@busline.test', 'Passenger-demo-2026');
  passengerId = (await busline.request<{ me: { id: string } }>('{ me { id } }', {}, passenger)).data!.me.id;
});
afterAll(() => busline?.stop());

describe('holdSeats retried through the router', () => {
  it('refuses variables that do not fit their types with BAD_USER_INPUT, holding nothing', async () => {
    const { tripId, seat } = await freeSeat();
    const refused = await busline.request(
      HOLD,
      { input: { tripId, seats: [seat], passengers: [{ nom: 'Grace' }] }, key: 7 },
      passenger,
    );
    expect(refused.data).toBeUndefined();
    expect(refused.errors!.length).toBeGreaterThanOrEqual(2);
    for (const error of refused.errors!) {
      expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT' });
      expect(error.message).toMatch(/^Variable "\$(input|key)" got invalid value/);
    }
    const search = await busline.request(SEARCH, { input: { from: 'Kigali' } });
    expect(search.errors!.map((e) => e.extensions?.code)).toEqual(search.errors!.map(() => 'BAD_USER_INPUT'));
    expect(search.errors!.map((e) => e.message).join('\n')).toMatch(/Field "originCity" of required type/);
    const after = await busline.request<{ searchTrips: { id: string; seatMap: { label: string; state: string }[] }[] }>(
      SEARCH,
      { input: { originCity: 'Kigali', destinationCity: 'Musanze', date: kigaliDate(1), passengers: 1 } },
    );
    const trip = after.data!.searchTrips.find((t) => t.id === tripId)!;
    expect(trip.seatMap.find((s) => s.label === seat)!.state).toBe('AVAILABLE');
  });

  it('answers a retry with the same idempotency key with the same booking', async () => {
    const { tripId, seat } = await freeSeat();
    const key = randomUUID();
    const first = await hold(tripId, seat, key);
    const retry = await hold(tripId, seat, key);
    expect(first.data?.holdSeats).toMatchObject({ status: 'HELD', tickets: [{ seatNumber: seat }] });
    expect(retry.data?.holdSeats.id).toBe(first.data!.holdSeats.id);
  });

  itConcurrent(
    "gives up a hold ticketing cannot finish within the router's deadline, and its retry holds the seat once",
    async () => {
      const { tripId, seat } = await freeSeat();
      const key = randomUUID();
      // Another transaction in ticketing's database keeps the lock every hold of this passenger takes.
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let locked!: () => void;
      const isLocked = new Promise<void>((resolve) => (locked = resolve));
      const holder = busline.platform.subgraphs.get('ticketing')!.deps.db.db.transaction(async (tx) => {
        await new BookingRepository(tx).lockHoldsOf(passengerId);
        locked();
        await released;
      });
      await isLocked;
      const first = await hold(tripId, seat, key).finally(() => {
        release();
        return holder;
      });
      // Ticketing's own answer, before the router's timeout: it knew the deadline and rolled back.
      expect(first.errors).toMatchObject([
        { message: 'The hold took too long; nothing was held, retry', extensions: { code: 'UNAVAILABLE' } },
      ]);
      const retry = await hold(tripId, seat, key);
      const again = await hold(tripId, seat, key);
      expect(retry.data?.holdSeats).toMatchObject({ status: 'HELD', tickets: [{ seatNumber: seat }] });
      expect(again.data?.holdSeats.id).toBe(retry.data!.holdSeats.id);
    },
    45_000,
  );
});
