// A payment approved in time whose callback is lost is found by payment's status check just after the hold's end:
// the hold, awaiting that payment, still keeps its seats (PENDING_PAYMENT_GRACE_MS), so the booking is confirmed.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, sql } from '@busline/shared';
import { eventually } from '@busline/shared/testing';
import { kigaliDate, startTestPlatform, type TestPlatform } from './harness';

let busline: TestPlatform;
let passenger: string;

beforeAll(async () => {
  busline = await startTestPlatform({
    seed: true,
    // Holds of 6 s; the simulated payer approves 1 s after the request.
    env: { HOLD_MINUTES: '0.1', SANDBOX_CALLBACK_DELAY_MS: '1000' },
  });
  passenger = await busline.login('passenger@busline.test', 'Passenger-demo-2026');
}, 120_000);
afterAll(() => busline?.stop());

type Trip = { id: string; departureAt: string; seatMap: { label: string; state: string }[] };

describe('a payment approved in time whose callback is lost', () => {
  it('confirms the booking when the status check finds it just after the hold ended', async () => {
    const found = await busline.request<{ searchTrips: Trip[] }>(
      'query($input: SearchTripsInput!) { searchTrips(input: $input) { id departureAt seatMap { label state } } }',
      { input: { originCity: 'Kigali', destinationCity: 'Musanze', date: kigaliDate(2), passengers: 1 } },
    );
    const trip = found.data!.searchTrips.find((t) => Date.parse(t.departureAt) > Date.now() + 3_600_000)!;
    const seat = trip.seatMap.find((s) => s.state === 'AVAILABLE')!.label;
    const held = await busline.request<{ holdSeats: { id: string; expiresAt: string } }>(
      'mutation($input: HoldSeatsInput!) { holdSeats(input: $input) { id expiresAt } }',
      { input: { tripId: trip.id, seats: [seat], passengers: [{ name: 'Grace Uwimana' }] } },
      passenger,
    );
    expect(held.errors).toBeUndefined();
    const bookingId = held.data!.holdSeats.id;
    const expiresAt = Date.parse(held.data!.holdSeats.expiresAt);
    // Paid 3 s before the end: approved 2 s before it; its callback lost (a number ending 4444), the first status
    // check comes after the expected callback time and RECONCILE_AFTER_MS, about 1 s after the end.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiresAt - 3_000 - Date.now())));
    const paid = await busline.request(
      'mutation($input: StartPaymentInput!, $key: String!) { startPayment(input: $input, idempotencyKey: $key) { id } }',
      { input: { bookingId, method: 'MTN_MOMO', phone: '0788124444' }, key: randomUUID() },
      passenger,
    );
    expect(paid.errors).toBeUndefined();
    const status = await eventually(async () => {
      const view = await busline.request<{ booking: { status: string } }>(
        'query($id: ID!) { booking(id: $id) { status } }',
        { id: bookingId },
        passenger,
      );
      const current = view.data?.booking.status;
      return current === 'CONFIRMED' || current === 'EXPIRED' || current === 'REFUNDED' ? current : undefined;
    }, 30_000);
    expect(status).toBe('CONFIRMED');
    const payment = busline.platform.subgraphs.get('payment')!;
    const settled = await queryRows<{ settled_at: string | Date }>(
      payment.deps.db.db,
      sql`select settled_at from payment.payments where booking_id = ${bookingId} and status = 'SUCCEEDED'`,
    );
    // Learned after the hold's end: the case the grace is for.
    expect(new Date(settled[0]!.settled_at).getTime()).toBeGreaterThan(expiresAt);
    const refunds = await queryRows(
      payment.deps.db.db,
      sql`select id from payment.refunds where booking_id = ${bookingId}`,
    );
    expect(refunds).toEqual([]);
  });
});
