import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@busline/shared/testing';
import { kigaliDate, redeliverTripUpdated, startTestPlatform, type TestPlatform } from './harness';

/**
 * Counter sales through the router as `npm start` runs it (docs/counter-sales.md): the demo counter agent
 * sells a seat for cash to a walk-in passenger who has no account, the passenger is texted the ticket in
 * Kinyarwanda (provider simulator), a delay is texted once although its event arrives twice, the agent's
 * shift close shows the cash, and the passenger later takes the booking into an account by phone.
 */
let busline: TestPlatform;
let agent: string;
let operator: string;
let volcanoId: string;

const SEARCH = `query($input: SearchTripsInput!) {
  searchTrips(input: $input) { id departureAt company { id name } seatMap { label state } }
}`;
const BOOKING = `query($id: ID!) {
  booking(id: $id) {
    id status channel soldBy claimed totalAmount { amount currency }
    walkIn { name phone language }
    tickets { id seatNumber passengerName qr { token } }
  }
}`;
const SHIFT = `{ amount currency }`;

/** A walk-in passenger's number as they give it at the counter, and as it is stored (international form). */
const WALK_IN_LOCAL = '0788440001';
const WALK_IN_PHONE = '+250788440001';

const sms = (phone: string) => busline.platform.simulator!.messages.smsTo(phone);

interface Sale {
  tripId: string;
  bookingId: string;
  seat: string;
  total: { amount: number; currency: string };
}
let sale: Sale;

beforeAll(async () => {
  busline = await startTestPlatform({
    seed: true,
    env: {
      SANDBOX_CALLBACK_DELAY_MS: '100',
      RECONCILE_AFTER_MS: '800',
      RECONCILE_INTERVAL_MS: '200',
      DISPATCH_INTERVAL_MS: '100',
      SEND_RETRY_MS: '100',
      SEND_RETRY_MAX_MS: '400',
      // The trip's change of time goes out at once (it waits a minute by default).
      TRIP_ALERT_SETTLE_SECONDS: '0',
    },
  });
  agent = await busline.login('agent@busline.test', 'Agent-demo-2026');
  operator = await busline.login('ops@volcano.busline.test', 'Company-demo-2026');
});
afterAll(() => busline?.stop());

describe('a walk-in passenger buys at the counter with cash', () => {
  it('the agent holds a seat for the walk-in passenger and takes cash, with change', async () => {
    const search = await busline.request<{
      searchTrips: {
        id: string;
        departureAt: string;
        company: { id: string; name: string };
        seatMap: { label: string; state: string }[];
      }[];
    }>(
      SEARCH,
      { input: { originCity: 'Kigali', destinationCity: 'Musanze', date: kigaliDate(1), passengers: 1 } },
      agent,
    );
    expect(search.errors).toBeUndefined();
    const trip = search.data!.searchTrips.find(
      (t) => t.company.name === 'Volcano Coaches' && new Date(t.departureAt).getTime() > Date.now() + 3_600_000,
    )!;
    volcanoId = trip.company.id;
    const seat = trip.seatMap.find((s) => s.state === 'AVAILABLE')!.label;

    const held = await busline.request<{
      holdSeats: { id: string; totalAmount: { amount: number; currency: string } };
    }>(
      'mutation($input: HoldSeatsInput!, $key: String) { holdSeats(input: $input, idempotencyKey: $key) { id totalAmount { amount currency } } }',
      {
        input: {
          tripId: trip.id,
          seats: [seat],
          passengers: [{ name: 'Jean Habimana' }],
          walkIn: { name: 'Jean Habimana', phone: WALK_IN_LOCAL, language: 'rw' },
        },
        key: randomUUID(),
      },
      agent,
    );
    expect(held.errors).toBeUndefined();
    sale = { tripId: trip.id, bookingId: held.data!.holdSeats.id, seat, total: held.data!.holdSeats.totalAmount };

    const pay = (amountReceived: number, key: string) =>
      busline.request<{ recordCashPayment: { status: string; method: string; cashChange: { amount: number } } }>(
        'mutation($input: RecordCashPaymentInput!, $key: String!) { recordCashPayment(input: $input, idempotencyKey: $key) { status method cashChange { amount } } }',
        { input: { bookingId: sale.bookingId, amountReceived }, key },
        agent,
      );
    const tooLittle = await pay(sale.total.amount - 100, randomUUID());
    expect(tooLittle.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'AMOUNT_TOO_LOW' });

    const key = randomUUID();
    const paid = await pay(sale.total.amount + 500, key);
    expect(paid.errors).toBeUndefined();
    expect(paid.data!.recordCashPayment).toEqual({ status: 'SUCCEEDED', method: 'CASH', cashChange: { amount: 500 } });
    // A retry of the same request (the till lost the answer) is the same payment, not a second one.
    expect((await pay(sale.total.amount + 500, key)).data!.recordCashPayment.status).toBe('SUCCEEDED');

    const booking = await eventually(async () => {
      const view = await busline.request(BOOKING, { id: sale.bookingId }, agent);
      return view.data?.booking.status === 'CONFIRMED' && view.data.booking.tickets[0].qr
        ? view.data.booking
        : undefined;
    }, 20_000);
    expect(booking).toMatchObject({
      channel: 'COUNTER',
      claimed: false,
      walkIn: { name: 'Jean Habimana', phone: WALK_IN_PHONE, language: 'rw' },
    });
    // The agent can print the pass: the QR token is theirs to read until the passenger claims the booking.
    expect(booking.tickets[0].qr.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it('texts the walk-in passenger the ticket in Kinyarwanda', async () => {
    const [ticket] = (await eventually(
      async () => (sms(WALK_IN_PHONE).length > 0 ? sms(WALK_IN_PHONE) : undefined),
      20_000,
    ))!;
    expect(ticket!.message).toContain('itike yawe ya Volcano Coaches yemejwe');
    expect(ticket!.message).toContain(`Intebe ${sale.seat}`);
  });

  it('texts the delay once, though its trip.updated is delivered twice', async () => {
    const trip = await busline.request<{ trip: { departureAt: string } }>(
      'query($id: ID!) { trip(id: $id) { departureAt } }',
      { id: sale.tripId },
    );
    const later = new Date(new Date(trip.data!.trip.departureAt).getTime() + 40 * 60_000).toISOString();
    const updated = await busline.request(
      'mutation($id: ID!, $input: UpdateTripInput!) { updateTrip(tripId: $id, input: $input) { id } }',
      { id: sale.tripId, input: { departureAt: later } },
      operator,
    );
    expect(updated.errors).toBeUndefined();
    await eventually(async () => sms(WALK_IN_PHONE).length === 2, 20_000);

    await redeliverTripUpdated(busline, sale.tripId);
    const texts = sms(WALK_IN_PHONE);
    expect(texts).toHaveLength(2);
    expect(texts[1]!.message).toContain('ruzahaguruka');
  });

  it("the agent's shift close shows the cash taken", async () => {
    const open = await busline.request(
      `{ myCashShift { status paymentCount totals { currency taken ${SHIFT} net ${SHIFT} } } }`,
      {},
      agent,
    );
    expect(open.errors).toBeUndefined();
    expect(open.data!.myCashShift).toMatchObject({ status: 'OPEN', paymentCount: 1 });

    const closed = await busline.request(
      `mutation { closeCashShift { id status closedAt paymentCount totals { currency taken ${SHIFT} refunded ${SHIFT} net ${SHIFT} } } }`,
      {},
      agent,
    );
    expect(closed.errors).toBeUndefined();
    expect(closed.data!.closeCashShift).toMatchObject({
      status: 'CLOSED',
      paymentCount: 1,
      totals: [
        {
          currency: sale.total.currency,
          taken: sale.total,
          refunded: { amount: 0, currency: sale.total.currency },
          net: sale.total,
        },
      ],
    });
    const again = await busline.request('mutation { closeCashShift { id } }', {}, agent);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NO_OPEN_SHIFT' });

    // The company admin sees the closed shift with the same totals.
    const shifts = await busline.request(
      `query($c: ID!) { cashShifts(companyId: $c) { edges { node { id status totals { net ${SHIFT} } } } } }`,
      { c: volcanoId },
      operator,
    );
    expect(shifts.errors).toBeUndefined();
    expect(shifts.data!.cashShifts.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(
      closed.data!.closeCashShift.id,
    );
  });

  it("the company's dashboard counts the sale as a counter sale, apart from online sales", async () => {
    const from = new Date(Date.now() - 3_600_000).toISOString();
    const to = new Date(Date.now() + 3_600_000).toISOString();
    const byChannel = await eventually(async () => {
      const view = await busline.request(
        `query($c: ID!, $from: DateTime!, $to: DateTime!) {
          companyDashboard(companyId: $c, from: $from, to: $to) {
            byChannel { channel bookings byCurrency { currency revenue ${SHIFT} } }
          }
        }`,
        { c: volcanoId, from, to },
        operator,
      );
      const channels = view.data?.companyDashboard.byChannel as
        | { channel: string; bookings: number; byCurrency: { currency: string; revenue: { amount: number } }[] }[]
        | undefined;
      return channels?.find((c) => c.channel === 'COUNTER' && c.bookings === 1) ? channels : undefined;
    }, 20_000);
    expect(byChannel.find((c) => c.channel === 'COUNTER')!.byCurrency).toEqual([
      { currency: sale.total.currency, revenue: sale.total },
    ]);
    expect(byChannel.find((c) => c.channel === 'ONLINE')!.bookings).toBe(0);
  });

  it('the passenger takes the booking into a new account with the code texted to the phone', async () => {
    const email = `walkin-${randomUUID().slice(0, 8)}@busline.test`;
    const registered = await busline.request(
      'mutation($input: RegisterInput!) { register(input: $input) { accessToken } }',
      { input: { email, password: 'Passenger-walkin-2026', fullName: 'Jean Habimana' } },
    );
    expect(registered.errors).toBeUndefined();
    const jean = registered.data!.register.accessToken as string;

    // A stranger reads nothing of the walk-in passenger's booking.
    const before = await busline.request(BOOKING, { id: sale.bookingId }, jean);
    expect(before.data?.booking ?? null).toBeNull();

    const texted = sms(WALK_IN_PHONE).length;
    const asked = await busline.request(
      'mutation($p: String!) { requestBookingClaim(phone: $p) }',
      { p: WALK_IN_LOCAL },
      jean,
    );
    expect(asked.errors).toBeUndefined();
    const codeText = await eventually(async () => sms(WALK_IN_PHONE)[texted], 20_000);
    const code = /\b(\d{6})\b/.exec(codeText!.message)?.[1];
    expect(code).toBeDefined();

    const wrong = await busline.request(
      'mutation($p: String!, $c: String!) { claimBookings(phone: $p, code: $c) { id } }',
      { p: WALK_IN_PHONE, c: code === '000000' ? '111111' : '000000' },
      jean,
    );
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_CLAIM_CODE' });

    const claimed = await busline.request(
      'mutation($p: String!, $c: String!) { claimBookings(phone: $p, code: $c) { id claimed channel } }',
      { p: WALK_IN_PHONE, c: code },
      jean,
    );
    expect(claimed.errors).toBeUndefined();
    expect(claimed.data!.claimBookings).toEqual([{ id: sale.bookingId, claimed: true, channel: 'COUNTER' }]);

    const mine = await busline.request('{ myBookings { edges { node { id } } } }', {}, jean);
    expect(mine.data!.myBookings.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(sale.bookingId);
    // The pass and the cash payment follow the booking into the account.
    const pass = await eventually(async () => {
      const view = await busline.request(BOOKING, { id: sale.bookingId }, jean);
      return view.data?.booking?.tickets[0]?.qr?.token as string | undefined;
    }, 20_000);
    expect(pass).toBeTruthy();

    // The agent still finds the sale among their counter sales.
    const sales = await busline.request(
      'query($c: ID!) { counterSales(companyId: $c) { edges { node { id claimed } } } }',
      { c: volcanoId },
      agent,
    );
    expect(sales.errors).toBeUndefined();
    expect(sales.data!.counterSales.edges).toContainEqual({ node: { id: sale.bookingId, claimed: true } });
  });
});
