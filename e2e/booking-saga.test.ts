import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@busline/shared/testing';
import { kigaliDate, startTestPlatform, type TestPlatform } from './harness';

/** The booking saga (docs/events.md), driven through the router as a passenger and a driver would. */
let busline: TestPlatform;
let passenger: string;
let driver: string;

interface TripResult {
  id: string;
  departureAt: string;
  availableSeats: number;
  company: { name: string };
  route: { origin: { city: string }; destination: { city: string } };
  seatMap: { label: string; state: string }[];
}

const SEARCH = `query($input: SearchTripsInput!) {
  searchTrips(input: $input) {
    id departureAt availableSeats company { name } route { origin { city } destination { city } }
    seatMap { label state }
  }
}`;

/**
 * The first trip of `company` from Kigali to `destinationCity` on the day `days` from now, leaving in more than an
 * hour.
 */
async function tripOf(company: string, destinationCity: string, days: number): Promise<TripResult> {
  const result = await busline.request<{ searchTrips: TripResult[] }>(SEARCH, {
    input: { originCity: 'Kigali', destinationCity, date: kigaliDate(days), passengers: 1 },
  });
  expect(result.errors).toBeUndefined();
  const trip = result.data!.searchTrips.find(
    (t) => t.company.name === company && new Date(t.departureAt).getTime() > Date.now() + 3_600_000,
  );
  if (!trip) throw new Error(`no ${company} trip from Kigali to ${destinationCity} in ${days} days`);
  return trip;
}

const volcanoTrip = (days: number) => tripOf('Volcano Coaches', 'Musanze', days);

const freeSeat = (trip: TripResult, taken: string[] = []) =>
  trip.seatMap.find((s) => s.state === 'AVAILABLE' && !taken.includes(s.label))!.label;

async function hold(tripId: string, seat: string) {
  const result = await busline.request<{ holdSeats: { id: string; status: string } }>(
    'mutation($input: HoldSeatsInput!) { holdSeats(input: $input) { id status } }',
    { input: { tripId, seats: [seat], passengers: [{ name: 'Grace Uwimana' }] } },
    passenger,
  );
  expect(result.errors).toBeUndefined();
  return result.data!.holdSeats;
}

const pay = (bookingId: string, phone: string, key = randomUUID()) =>
  busline.request<{ startPayment: { id: string; status: string; amount: { amount: number } } }>(
    'mutation($input: StartPaymentInput!, $key: String!) { startPayment(input: $input, idempotencyKey: $key) { id status amount { amount } } }',
    { input: { bookingId, method: 'MTN_MOMO', phone }, key },
    passenger,
  );

const BOOKING = `query($id: ID!) { booking(id: $id) {
  status totalAmount { amount } refund { amount }
  tickets { id seatNumber status qr { token } }
  payments { status }
} }`;
interface BookingView {
  status: string;
  totalAmount: { amount: number };
  refund: { amount: number } | null;
  tickets: { id: string; seatNumber: string; status: string; qr: { token: string } | null }[];
  payments: { status: string }[];
}
const booking = async (id: string) =>
  (await busline.request<{ booking: BookingView }>(BOOKING, { id }, passenger)).data!.booking;

const verify = (token: string, tripId?: string) =>
  busline.request<{ verifyTicket: { result: string } }>(
    'mutation($t: String!, $trip: ID) { verifyTicket(token: $t, tripId: $trip) { result } }',
    { t: token, trip: tripId },
    driver,
  );

beforeAll(async () => {
  busline = await startTestPlatform({
    seed: true,
    // Trips leave tomorrow at the earliest: boarding opens a week ahead here so that drivers can scan.
    env: {
      SANDBOX_CALLBACK_DELAY_MS: '100',
      SANDBOX_UNANSWERED_SETTLE_MS: '300',
      RECONCILE_AFTER_MS: '800',
      RECONCILE_INTERVAL_MS: '200',
      BOARDING_OPENS_MINUTES: String(7 * 24 * 60),
    },
  });
  passenger = await busline.login('passenger@busline.test', 'Passenger-demo-2026');
  driver = await busline.login('driver@volcano.busline.test', 'Driver-demo-2026');
});
afterAll(() => busline?.stop());

describe('booking saga through the router', () => {
  it('finds Kigali → Musanze trips with company, route and seat counts in one query', async () => {
    const trip = await volcanoTrip(1);
    expect(trip.route).toEqual({ origin: { city: 'Kigali' }, destination: { city: 'Rubavu' } });
    expect(trip.availableSeats).toBe(trip.seatMap.filter((s) => s.state === 'AVAILABLE').length);
    // Volcano's coaches: 11 rows with the rear door (42 seats) or a Coaster of 8 rows (32).
    expect([42, 32]).toContain(trip.seatMap.length);
  });

  it('holds a seat, pays with an approving number, confirms with a QR pass, and boards once', async () => {
    const trip = await volcanoTrip(1);
    const seat = freeSeat(trip);
    const held = await hold(trip.id, seat);
    expect(held.status).toBe('HELD');
    const seatMap = (
      await busline.request<{ searchTrips: TripResult[] }>(SEARCH, {
        input: { originCity: 'Kigali', destinationCity: 'Musanze', date: kigaliDate(1), passengers: 1 },
      })
    ).data!.searchTrips.find((t) => t.id === trip.id)!.seatMap;
    expect(seatMap.find((s) => s.label === seat)?.state).toBe('HELD');

    const payment = await pay(held.id, '0788123456');
    expect(payment.errors).toBeUndefined();
    const confirmed = (await eventually(async () => {
      const view = await booking(held.id);
      return view.status === 'CONFIRMED' && view.tickets[0]?.qr ? view : undefined;
    }))!;
    expect(confirmed.payments.map((p) => p.status)).toEqual(['SUCCEEDED']);
    const token = confirmed.tickets[0]!.qr!.token;

    expect((await verify(token, trip.id)).data?.verifyTicket.result).toBe('VALID');
    expect((await verify(token, trip.id)).data?.verifyTicket.result).toBe('ALREADY_BOARDED');
    await eventually(async () => (await booking(held.id)).tickets[0]?.status === 'BOARDED');
    const tampered = `${token.slice(0, -3)}${token.at(-3) === 'A' ? 'B' : 'A'}${token.slice(-2)}`;
    expect((await verify(tampered, trip.id)).data?.verifyTicket.result).toBe('INVALID');
  });

  it('leaves the booking payable after a declined payment, then confirms a second attempt', async () => {
    const trip = await volcanoTrip(1);
    const held = await hold(trip.id, freeSeat(trip));
    expect((await pay(held.id, '0788120000')).errors).toBeUndefined();
    await eventually(async () => {
      const view = await booking(held.id);
      return view.status === 'HELD' && view.payments.some((p) => p.status === 'FAILED');
    });
    expect((await pay(held.id, '0788123456')).errors).toBeUndefined();
    await eventually(async () => (await booking(held.id)).status === 'CONFIRMED');
  });

  it('settles a payment whose callback never comes through reconciliation', async () => {
    const trip = await volcanoTrip(1);
    const held = await hold(trip.id, freeSeat(trip));
    expect((await pay(held.id, '0788129999')).errors).toBeUndefined();
    await eventually(async () => (await booking(held.id)).status === 'CONFIRMED', 15_000);
  });

  // Its waits (10 s each at most) add up past the default 30 s: a slow run fails on the wait that is late.
  it(
    'refunds 90 % when a confirmed booking is cancelled 48 h before departure, and revokes its pass',
    { timeout: 60_000 },
    async () => {
      const trip = await volcanoTrip(3);
      expect(new Date(trip.departureAt).getTime() - Date.now()).toBeGreaterThan(48 * 3_600_000);
      const held = await hold(trip.id, freeSeat(trip));
      await pay(held.id, '0788123456');
      const confirmed = (await eventually(async () => {
        const view = await booking(held.id);
        return view.status === 'CONFIRMED' && view.tickets[0]?.qr ? view : undefined;
      }))!;
      const cancelled = await busline.request(
        'mutation($id: ID!) { cancelBooking(bookingId: $id) { status refund { amount } } }',
        { id: held.id },
        passenger,
      );
      expect(cancelled.errors).toBeUndefined();
      expect((cancelled.data!.cancelBooking as { refund: { amount: number } }).refund.amount).toBe(
        Math.round(confirmed.totalAmount.amount * 0.9),
      );
      await eventually(async () => (await booking(held.id)).status === 'REFUNDED');
      expect((await booking(held.id)).payments.map((p) => p.status)).toEqual(['REFUNDED']);
      await eventually(
        async () => (await verify(confirmed.tickets[0]!.qr!.token, trip.id)).data?.verifyTicket.result === 'REVOKED',
      );
    },
  );
});

/** Holds `seat`, pays with an approving number and waits until the booking is confirmed with its pass. */
async function confirmedBooking(trip: TripResult, seat: string) {
  const held = await hold(trip.id, seat);
  expect((await pay(held.id, '0788123456')).errors).toBeUndefined();
  await eventually(async () => {
    const view = await booking(held.id);
    return view.status === 'CONFIRMED' && view.tickets[0]?.qr ? view : undefined;
  });
  return held.id;
}

describe('dashboards', () => {
  it("shows Kivu Shuttle's figures from the bookings, payments and refunds made on its trips", async () => {
    // No other test books Kivu Shuttle, so its figures are this test's alone.
    const trip = await tripOf('Kivu Shuttle', 'Nyagatare', 3);
    const kept = await confirmedBooking(trip, freeSeat(trip));
    const refunded = await confirmedBooking(trip, freeSeat(trip, [(await booking(kept)).tickets[0]!.seatNumber]));
    const cancelled = await busline.request(
      'mutation($id: ID!) { cancelBooking(bookingId: $id) { status refund { amount } } }',
      { id: refunded },
      passenger,
    );
    expect(cancelled.errors).toBeUndefined();
    await eventually(async () => (await booking(refunded)).status === 'REFUNDED');
    expect(
      [await booking(kept), await booking(refunded)].map((b) => [
        b.status,
        b.totalAmount.amount,
        b.refund?.amount ?? null,
      ]),
    ).toEqual([
      ['CONFIRMED', 3500, null],
      ['REFUNDED', 3500, 3150],
    ]);

    const admin = await busline.login('admin@busline.test', 'Admin-demo-2026');
    const kivu = await busline.request<{ company: { id: string } }>('{ company(slug: "kivu") { id } }');
    const window = {
      from: new Date(Date.now() - 86_400_000).toISOString(),
      to: new Date(Date.now() + 86_400_000).toISOString(),
    };
    const expected = {
      revenue: { amount: 7000 },
      refunds: { amount: 3150 },
      netRevenue: { amount: 3850 },
      bookings: 2,
      cancellations: 1,
      seatsSold: 1,
    };
    const totals = await eventually(async () => {
      const result = await busline.request<{ companyDashboard: { totals: Record<string, unknown> } }>(
        'query($c: ID!, $from: DateTime!, $to: DateTime!) { companyDashboard(companyId: $c, from: $from, to: $to) { totals { revenue { amount } refunds { amount } netRevenue { amount } bookings cancellations seatsSold } } }',
        { c: kivu.data!.company.id, ...window },
        admin,
      );
      const t = result.data?.companyDashboard.totals;
      return JSON.stringify(t) === JSON.stringify(expected) ? t : undefined;
    }, 15_000);
    expect(totals).toEqual(expected);
  });
});
