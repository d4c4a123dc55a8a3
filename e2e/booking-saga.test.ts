import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@busline/shared/testing';
import { kigaliDate, startTestPlatform, type TestPlatform } from './harness';

/** The booking saga of DESIGN.md, driven through the router as a passenger and a driver would. */
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

async function volcanoTrip(days: number): Promise<TripResult> {
  const result = await busline.request<{ searchTrips: TripResult[] }>(SEARCH, {
    input: { originCity: 'Kigali', destinationCity: 'Musanze', date: kigaliDate(days), passengers: 1 },
  });
  expect(result.errors).toBeUndefined();
  const trip = result.data!.searchTrips.find((t) => t.company.name === 'Volcano Coaches' && new Date(t.departureAt).getTime() > Date.now() + 3_600_000);
  expect(trip).toBeDefined();
  return trip!;
}

const freeSeat = (trip: TripResult, taken: string[] = []) => trip.seatMap.find((s) => s.state === 'AVAILABLE' && !taken.includes(s.label))!.label;

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
const booking = async (id: string) => (await busline.request<{ booking: BookingView }>(BOOKING, { id }, passenger)).data!.booking;

const verify = (token: string, tripId?: string) =>
  busline.request<{ verifyTicket: { result: string } }>('mutation($t: String!, $trip: ID) { verifyTicket(token: $t, tripId: $trip) { result } }', { t: token, trip: tripId }, driver);

beforeAll(async () => {
  busline = await startTestPlatform({
    seed: true,
    env: { SANDBOX_CALLBACK_DELAY_MS: '100', SANDBOX_UNANSWERED_SETTLE_MS: '300', RECONCILE_AFTER_MS: '800', RECONCILE_INTERVAL_MS: '200' },
  });
  passenger = await busline.login('passenger@busline.test', 'Passenger-demo-2026');
  driver = await busline.login('driver@volcano.busline.test', 'Driver-demo-2026');
});
afterAll(() => busline?.stop());

describe('booking saga through the router', () => {
  it('finds Kigali → Musanze trips with company, route and seat counts in one query', async () => {
    const trip = await volcanoTrip(1);
    expect(trip.route.origin.city).toBe('Kigali');
    expect(trip.availableSeats).toBeGreaterThan(0);
    expect(trip.seatMap.length).toBeGreaterThanOrEqual(trip.availableSeats);
  });

  it('holds a seat, pays with an approving number, confirms with a QR pass, and boards once', async () => {
    const trip = await volcanoTrip(1);
    const seat = freeSeat(trip);
    const held = await hold(trip.id, seat);
    expect(held.status).toBe('HELD');
    const seatMap = (await busline.request<{ searchTrips: TripResult[] }>(SEARCH, { input: { originCity: 'Kigali', destinationCity: 'Musanze', date: kigaliDate(1), passengers: 1 } }))
      .data!.searchTrips.find((t) => t.id === trip.id)!.seatMap;
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

  it('refunds 90 % when a confirmed booking is cancelled 48 h before departure, and revokes its pass', async () => {
    const trip = await volcanoTrip(3);
    expect(new Date(trip.departureAt).getTime() - Date.now()).toBeGreaterThan(48 * 3_600_000);
    const held = await hold(trip.id, freeSeat(trip));
    await pay(held.id, '0788123456');
    const confirmed = (await eventually(async () => {
      const view = await booking(held.id);
      return view.status === 'CONFIRMED' && view.tickets[0]?.qr ? view : undefined;
    }))!;
    const cancelled = await busline.request('mutation($id: ID!) { cancelBooking(bookingId: $id) { status refund { amount } } }', { id: held.id }, passenger);
    expect(cancelled.errors).toBeUndefined();
    expect((cancelled.data!.cancelBooking as { refund: { amount: number } }).refund.amount).toBe(Math.round(confirmed.totalAmount.amount * 0.9));
    await eventually(async () => (await booking(held.id)).status === 'REFUNDED');
    expect((await booking(held.id)).payments.map((p) => p.status)).toEqual(['REFUNDED']);
    await eventually(async () => (await verify(confirmed.tickets[0]!.qr!.token, trip.id)).data?.verifyTicket.result === 'REVOKED');
  });
});

describe('dashboards after the saga', () => {
  it("shows the Volcano admin figures that match this passenger's bookings and payments", async () => {
    interface Node {
      status: string;
      totalAmount: { amount: number };
      refund: { amount: number } | null;
      tickets: { id: string }[];
      payments: { status: string }[];
    }
    const mine = await busline.request<{ myBookings: { edges: { node: Node }[] } }>(
      '{ myBookings(first: 100) { edges { node { status totalAmount { amount } refund { amount } tickets { id } payments { status } } } } }',
      {},
      passenger,
    );
    if (!mine.data) throw new Error(JSON.stringify(mine.errors));
    const bookings = mine.data.myBookings.edges.map((e) => e.node);
    const paid = bookings.filter((b) => b.payments.some((p) => p.status === 'SUCCEEDED' || p.status === 'REFUNDED'));
    const expected = {
      revenue: paid.reduce((sum, b) => sum + b.totalAmount.amount, 0),
      refunds: bookings.reduce((sum, b) => sum + (b.status === 'REFUNDED' ? b.refund!.amount : 0), 0),
      bookings: paid.length,
      cancellations: bookings.filter((b) => b.status === 'CANCELLED' || b.status === 'REFUNDED').length,
      seatsSold: bookings.filter((b) => b.status === 'CONFIRMED').reduce((sum, b) => sum + b.tickets.length, 0),
    };
    expect(expected.bookings).toBe(4);
    expect(expected.refunds).toBeGreaterThan(0);

    const ops = await busline.login('ops@volcano.busline.test', 'Company-demo-2026');
    const companies = await busline.request<{ company: { id: string } }>('{ company(slug: "volcano") { id } }');
    const window = { from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date(Date.now() + 86_400_000).toISOString() };
    const totals = await eventually(async () => {
      const result = await busline.request<{ companyDashboard: { totals: Record<string, unknown> } }>(
        'query($c: ID!, $from: DateTime!, $to: DateTime!) { companyDashboard(companyId: $c, from: $from, to: $to) { totals { revenue { amount } refunds { amount } bookings cancellations seatsSold } } }',
        { c: companies.data!.company.id, ...window },
        ops,
      );
      const t = result.data?.companyDashboard.totals as
        | { revenue: { amount: number }; refunds: { amount: number }; bookings: number; cancellations: number; seatsSold: number }
        | undefined;
      const flat = t && { revenue: t.revenue.amount, refunds: t.refunds.amount, bookings: t.bookings, cancellations: t.cancellations, seatsSold: t.seatsSold };
      return JSON.stringify(flat) === JSON.stringify(expected) ? flat : undefined;
    }, 15_000);
    expect(totals).toEqual(expected);
  });
});
