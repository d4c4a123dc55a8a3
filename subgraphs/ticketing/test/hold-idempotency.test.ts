import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '@busline/shared';
import { itConcurrent } from '@busline/shared/testing';
import { tickets } from '../src/db/schema';
import { BookingRepository } from '../src/repositories/booking-repository';
import {
  deliverer,
  passenger,
  startTicketing,
  tripSnapshot,
  type TicketingTestSubgraph,
  bookingsOf,
  heldEventsOf,
} from './fixtures';

let subgraph: TicketingTestSubgraph;
let deliver: ReturnType<typeof deliverer>;

const HOLD_WITH_KEY = `mutation($input: HoldSeatsInput!, $key: String) { holdSeats(input: $input, idempotencyKey: $key) { id status tickets { seatNumber } } }`;

async function scheduledTrip(): Promise<string> {
  const trip = tripSnapshot({ rows: 2 });
  await deliver('trip.scheduled', trip);
  return trip.tripId;
}

function holdWithKey(tripId: string, seats: string[], viewer: Viewer, key: string | null) {
  return subgraph.request(
    HOLD_WITH_KEY,
    { input: { tripId, seats, passengers: seats.map((s) => ({ name: `Passenger ${s}` })) }, key },
    viewer,
  );
}

beforeAll(async () => {
  subgraph = await startTicketing();
  deliver = deliverer(subgraph);
});
afterAll(() => subgraph.stop());

describe('holdSeats with an idempotency key', () => {
  it('answers a retry with the same key and seats with the booking the first call made', async () => {
    const owner = passenger();
    const tripId = await scheduledTrip();
    const key = randomUUID();
    const first = await holdWithKey(tripId, ['1A', '1B'], owner, key);
    const retry = await holdWithKey(tripId, ['1A', '1B'], owner, key);
    expect(retry.errors).toBeUndefined();
    expect(retry.data?.holdSeats).toEqual(first.data?.holdSeats);
    expect((await bookingsOf(subgraph, owner.userId)).map((b) => b.id)).toEqual([first.data!.holdSeats.id]);
  });

  it('answers a retry with the booking even after it was cancelled, instead of holding again', async () => {
    const owner = passenger();
    const tripId = await scheduledTrip();
    const key = randomUUID();
    const first = await holdWithKey(tripId, ['1A'], owner, key);
    await subgraph.request(
      'mutation($id: ID!) { cancelBooking(bookingId: $id) { id } }',
      { id: first.data!.holdSeats.id },
      owner,
    );
    const retry = await holdWithKey(tripId, ['1A'], owner, key);
    expect(retry.data?.holdSeats).toMatchObject({ id: first.data!.holdSeats.id, status: 'CANCELLED' });
    expect(await bookingsOf(subgraph, owner.userId)).toHaveLength(1);
  });

  it('refuses the same key with other seats with IDEMPOTENCY_CONFLICT and writes nothing', async () => {
    const owner = passenger();
    const tripId = await scheduledTrip();
    const key = randomUUID();
    const first = await holdWithKey(tripId, ['1A'], owner, key);
    const other = await holdWithKey(tripId, ['1B'], owner, key);
    expect(other.errors).toMatchObject([
      {
        message: 'This idempotency key was already used with a different request',
        extensions: { code: 'IDEMPOTENCY_CONFLICT' },
      },
    ]);
    expect((await bookingsOf(subgraph, owner.userId)).map((b) => b.id)).toEqual([first.data!.holdSeats.id]);
    expect((await heldEventsOf(subgraph, tripId)).map((r) => (r.payload as { bookingId: string }).bookingId)).toEqual([
      first.data!.holdSeats.id,
    ]);
    const onTrip = await subgraph.database.handle.db
      .select({ seat: tickets.seatLabel })
      .from(tickets)
      .where(eq(tickets.tripId, tripId));
    expect(onTrip).toEqual([{ seat: '1A' }]);
  });

  it('keeps keys apart per account: another passenger using the same key holds their own seats', async () => {
    const tripId = await scheduledTrip();
    const key = randomUUID();
    const first = await holdWithKey(tripId, ['1A'], passenger(), key);
    const second = await holdWithKey(tripId, ['1B'], passenger(), key);
    expect(second.data?.holdSeats).toMatchObject({ status: 'HELD', tickets: [{ seatNumber: '1B' }] });
    expect(second.data!.holdSeats.id).not.toBe(first.data!.holdSeats.id);
  });

  it('holds again on every call without a key, as before keys existed', async () => {
    const owner = passenger();
    const tripId = await scheduledTrip();
    await holdWithKey(tripId, ['1A'], owner, null);
    const again = await holdWithKey(tripId, ['1A'], owner, null);
    expect(again.errors?.[0]?.extensions?.code).toBe('SEAT_UNAVAILABLE');
  });

  it('refuses a blank key with BAD_USER_INPUT', async () => {
    const result = await holdWithKey(await scheduledTrip(), ['1A'], passenger(), '  ');
    expect(result.errors).toMatchObject([
      {
        message: 'idempotencyKey must be 1 to 200 characters',
        extensions: { code: 'BAD_USER_INPUT', field: 'idempotencyKey' },
      },
    ]);
  });

  it('refuses a key with a control character (a NUL byte) with BAD_USER_INPUT', async () => {
    const result = await holdWithKey(await scheduledTrip(), ['1A'], passenger(), 'retry\u0000key');
    expect(result.errors).toMatchObject([
      {
        message: 'idempotencyKey must not contain control characters',
        extensions: { code: 'BAD_USER_INPUT', field: 'idempotencyKey' },
      },
    ]);
  });

  it('stores at most one booking per account and key, enforced by the database', async () => {
    const owner = passenger();
    const tripId = await scheduledTrip();
    const repo = new BookingRepository(subgraph.database.handle.db);
    const row = {
      userId: owner.userId,
      tripId,
      companyId: randomUUID(),
      totalAmount: 5000,
      currency: 'RWF',
      idempotencyKey: 'k-1',
      requestHash: 'h',
    };
    await repo.insertBooking(row);
    await expect(repo.insertBooking(row)).rejects.toMatchObject({ cause: { code: '23505' } });
  });

  itConcurrent('answers ten parallel calls with one key with one and the same booking', async () => {
    const owner = passenger();
    const tripId = await scheduledTrip();
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 10 }, () => holdWithKey(tripId, ['2A', '2B'], owner, key)));
    expect(answers.map((a) => a.errors)).toEqual(Array(10).fill(undefined));
    const [booking] = await bookingsOf(subgraph, owner.userId);
    expect(answers.map((a) => a.data?.holdSeats.id)).toEqual(Array(10).fill(booking!.id));
    expect(await bookingsOf(subgraph, owner.userId)).toHaveLength(1);
    expect(await heldEventsOf(subgraph, tripId)).toHaveLength(1);
  });
});
