import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@busline/shared/testing';
import { kigaliDate, startTestPlatform, type TestPlatform } from './harness';

/**
 * A counter agent removed from the company keeps none of the counter sales they made (docs/counter-sales.md):
 * neither the one a walk-in passenger claimed into an account nor one still unclaimed (owned by its seller while
 * they are staff). They could otherwise read the passenger's contact, print the pass, or cancel the sale and have
 * its cash refund recorded as handed back from their own till.
 */
let busline: TestPlatform;
let admin: string;
let agentId: string;
let agentToken: string;
let volcanoId: string;
let tripId: string;
const agentEmail = `agent-${randomUUID().slice(0, 8)}@busline.test`;
const AGENT_PASSWORD = 'Agent-former-2026';
const CLAIMED_PHONE = '+250788449911';
const sales: { claimed: string; unclaimed: string; unpaid: string } = { claimed: '', unclaimed: '', unpaid: '' };

const BOOKING = 'query($id: ID!) { booking(id: $id) { id walkIn { phone } tickets { qr { token } } } }';
const CANCEL = 'mutation($id: ID!) { cancelBooking(bookingId: $id) { status } }';

/** A token of the account once its role (read back through `me`) is `role`. */
async function tokenAs(role: string): Promise<string> {
  return (await eventually(async () => {
    const token = await busline.login(agentEmail, AGENT_PASSWORD);
    const me = await busline.request<{ me: { role: string } }>('{ me { role } }', {}, token);
    return me.data?.me.role === role ? token : undefined;
  }, 20_000))!;
}

/** A seat held at the counter for a walk-in passenger, not paid yet. */
async function holdAtCounter(phone: string): Promise<{ bookingId: string; amount: number }> {
  const seats = await busline.request<{ trip: { seatMap: { label: string; state: string }[] } }>(
    'query($id: ID!) { trip(id: $id) { seatMap { label state } } }',
    { id: tripId },
  );
  const seat = seats.data!.trip.seatMap.find((s) => s.state === 'AVAILABLE')!.label;
  const held = await busline.request<{ holdSeats: { id: string; totalAmount: { amount: number } } }>(
    'mutation($input: HoldSeatsInput!) { holdSeats(input: $input) { id totalAmount { amount } } }',
    {
      input: {
        tripId,
        seats: [seat],
        passengers: [{ name: 'Aline Uwase' }],
        walkIn: { name: 'Aline Uwase', phone, language: 'en' },
      },
    },
    agentToken,
  );
  expect(held.errors).toBeUndefined();
  return { bookingId: held.data!.holdSeats.id, amount: held.data!.holdSeats.totalAmount.amount };
}

/** A seat sold for cash at the counter to a walk-in passenger; resolves once CONFIRMED with its pass. */
async function sell(phone: string): Promise<string> {
  const { bookingId, amount } = await holdAtCounter(phone);
  const paid = await busline.request(
    'mutation($input: RecordCashPaymentInput!, $key: String!) { recordCashPayment(input: $input, idempotencyKey: $key) { status } }',
    { input: { bookingId, amountReceived: amount }, key: randomUUID() },
    agentToken,
  );
  expect(paid.errors).toBeUndefined();
  await eventually(async () => {
    const view = await busline.request(BOOKING, { id: bookingId }, agentToken);
    return view.data?.booking?.tickets[0]?.qr?.token ? true : undefined;
  }, 20_000);
  return bookingId;
}

beforeAll(async () => {
  busline = await startTestPlatform({ seed: true, env: { DISPATCH_INTERVAL_MS: '100' } });
  admin = await busline.login('admin@busline.test', 'Admin-demo-2026');
  volcanoId = (await busline.request<{ company: { id: string } }>('{ company(slug: "volcano") { id } }')).data!.company
    .id;
  const registered = await busline.request<{ register: { user: { id: string } } }>(
    'mutation($input: RegisterInput!) { register(input: $input) { user { id } } }',
    { input: { email: agentEmail, password: AGENT_PASSWORD, fullName: 'Temporary Agent' } },
  );
  agentId = registered.data!.register.user.id;
  // The user subgraph learns of the account from auth's event: NOT_FOUND until it has.
  const hired = await eventually(async () => {
    const answer = await busline.request(
      'mutation($u: ID!, $c: ID) { setUserRole(userId: $u, role: COUNTER_AGENT, companyId: $c) { id } }',
      { u: agentId, c: volcanoId },
      admin,
    );
    return answer.errors?.[0]?.extensions?.code === 'NOT_FOUND' ? undefined : answer;
  }, 10_000);
  expect(hired.errors).toBeUndefined();
  agentToken = await tokenAs('COUNTER_AGENT');
  const search = await busline.request<{ searchTrips: { id: string; departureAt: string; company: { id: string } }[] }>(
    'query($i: SearchTripsInput!) { searchTrips(input: $i) { id departureAt company { id } } }',
    { i: { originCity: 'Kigali', destinationCity: 'Musanze', date: kigaliDate(1), passengers: 1 } },
  );
  tripId = search.data!.searchTrips.find(
    (t) => t.company.id === volcanoId && new Date(t.departureAt).getTime() > Date.now() + 3 * 3_600_000,
  )!.id;

  sales.claimed = await sell(CLAIMED_PHONE);
  sales.unclaimed = await sell('+250788449912');
  sales.unpaid = (await holdAtCounter('+250788449913')).bookingId;
  // The walk-in passenger of the first sale takes it into an account with the code texted to their phone.
  const passenger = (
    await busline.request<{ register: { accessToken: string } }>(
      'mutation($input: RegisterInput!) { register(input: $input) { accessToken } }',
      {
        input: {
          email: `aline-${randomUUID().slice(0, 8)}@busline.test`,
          password: 'Passenger-aline-2026',
          fullName: 'Aline Uwase',
        },
      },
    )
  ).data!.register.accessToken;
  const texted = busline.platform.simulator!.messages.smsTo(CLAIMED_PHONE).length;
  await busline.request('mutation($p: String!) { requestBookingClaim(phone: $p) }', { p: CLAIMED_PHONE }, passenger);
  const text = await eventually(async () => busline.platform.simulator!.messages.smsTo(CLAIMED_PHONE)[texted], 20_000);
  const code = /\b(\d{6})\b/.exec(text!.message)![1];
  const claimed = await busline.request(
    'mutation($p: String!, $c: String!) { claimBookings(phone: $p, code: $c) { id } }',
    { p: CLAIMED_PHONE, c: code },
    passenger,
  );
  expect(claimed.errors).toBeUndefined();
}, 120_000);
afterAll(() => busline?.stop());

describe('a counter agent removed from the company', () => {
  it('reads and prints their sales while an agent', async () => {
    for (const id of [sales.claimed, sales.unclaimed]) {
      const view = await busline.request(BOOKING, { id }, agentToken);
      expect(view.data?.booking?.walkIn).toBeTruthy();
    }
  });

  it('then reads, prints and cancels none of them, claimed or not', async () => {
    const removed = await busline.request(
      'mutation($u: ID!) { setUserRole(userId: $u, role: PASSENGER) { id } }',
      { u: agentId },
      admin,
    );
    expect(removed.errors).toBeUndefined();
    const former = await tokenAs('PASSENGER');
    for (const id of [sales.claimed, sales.unclaimed]) {
      const view = await busline.request(BOOKING, { id }, former);
      expect(view.data?.booking ?? null).toBeNull();
      const cancelled = await busline.request(CANCEL, { id }, former);
      expect(cancelled.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    // Nor does a mobile-money prompt go out for the sale they left unpaid.
    const prompt = await busline.request(
      'mutation($i: StartPaymentInput!, $k: String!) { startPayment(input: $i, idempotencyKey: $k) { id } }',
      { i: { bookingId: sales.unpaid, method: 'MTN_MOMO', phone: '0788449913' }, k: randomUUID() },
      former,
    );
    expect(prompt.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // The company's counter goes on serving them: its admin still reads both.
    const operator = await busline.login('ops@volcano.busline.test', 'Company-demo-2026');
    for (const id of [sales.claimed, sales.unclaimed])
      expect((await busline.request(BOOKING, { id }, operator)).data?.booking?.walkIn).toBeTruthy();
  });
});
