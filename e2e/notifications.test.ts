import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@busline/shared/testing';
import { kigaliDate, redeliverTripUpdated, startTestPlatform, type TestPlatform } from './harness';

/**
 * Passengers told by SMS and e-mail (the notification subgraph), through the router as `npm start`
 * runs it, with the provider simulator standing in for Africa's Talking and the SMTP server.
 */
let busline: TestPlatform;
let admin: string;
let operator: string;

const SEARCH = `query($input: SearchTripsInput!) { searchTrips(input: $input) { id departureAt company { name } seatMap { label state } } }`;
const MESSAGES = `query($filter: NotificationMessageFilter) {
  notificationMessages(filter: $filter, first: 50) { edges { node { channel kind language address body status attempts history { status attempt } } } }
}`;

interface Passenger {
  token: string;
  phone: string;
  email: string;
}

/** Registers a passenger with a phone through the router, signs in, and sets the profile's language. */
async function register(phone: string, language?: string): Promise<Passenger> {
  const email = `sms-${randomUUID().slice(0, 8)}@busline.test`;
  const registered = await busline.request(
    'mutation($input: RegisterInput!) { register(input: $input) { accessToken } }',
    {
      input: { email, password: 'Passenger-sms-2026', fullName: 'Aline Uwase', phone },
    },
  );
  expect(registered.errors).toBeUndefined();
  const token = registered.data!.register.accessToken as string;
  if (language) {
    // The profile is created from user.registered: it may take a moment.
    await eventually(
      async () =>
        !(
          await busline.request(
            'mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { language } }',
            { input: { language } },
            token,
          )
        ).errors,
    );
    await eventually(
      async () =>
        (await busline.request('query { myNotificationPreferences { language } }', {}, token)).data
          ?.myNotificationPreferences.language === language,
    );
  }
  return { token, phone, email };
}

/**
 * Holds one free seat of a Volcano Coaches trip to Musanze tomorrow and pays it; resolves with the trip and booking.
 */
async function book(
  passenger: Passenger,
  payer = '0788123456',
): Promise<{ tripId: string; bookingId: string; seat: string }> {
  const search = await busline.request<{
    searchTrips: {
      id: string;
      departureAt: string;
      company: { name: string };
      seatMap: { label: string; state: string }[];
    }[];
  }>(
    SEARCH,
    {
      input: { originCity: 'Kigali', destinationCity: 'Musanze', date: kigaliDate(1), passengers: 1 },
    },
    passenger.token,
  );
  expect(search.errors).toBeUndefined();
  const trip = search.data!.searchTrips.find(
    (t) => t.company.name === 'Volcano Coaches' && new Date(t.departureAt).getTime() > Date.now() + 3_600_000,
  )!;
  const seat = trip.seatMap.find((s) => s.state === 'AVAILABLE')!.label;
  const held = await busline.request(
    'mutation($input: HoldSeatsInput!) { holdSeats(input: $input) { id } }',
    { input: { tripId: trip.id, seats: [seat], passengers: [{ name: 'Aline Uwase' }] } },
    passenger.token,
  );
  expect(held.errors).toBeUndefined();
  const bookingId = held.data!.holdSeats.id as string;
  const paid = await busline.request(
    'mutation($input: StartPaymentInput!, $key: String!) { startPayment(input: $input, idempotencyKey: $key) { id } }',
    { input: { bookingId, method: 'MTN_MOMO', phone: payer }, key: randomUUID() },
    passenger.token,
  );
  expect(paid.errors).toBeUndefined();
  return { tripId: trip.id, bookingId, seat };
}

const sms = (phone: string) => busline.platform.simulator!.messages.smsTo(phone);

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
      TRIP_ALERT_SETTLE_SECONDS: '0',
    },
  });
  admin = await busline.login('admin@busline.test', 'Admin-demo-2026');
  operator = await busline.login('ops@volcano.busline.test', 'Company-demo-2026');
});
afterAll(() => busline?.stop());

describe('SMS and e-mail through the router', () => {
  let aline: Passenger;
  let booking: { tripId: string; bookingId: string; seat: string };

  it('texts a passenger whose profile says rw the ticket in Kinyarwanda, with seat, trip and pass link', async () => {
    aline = await register('+250788330001', 'rw');
    booking = await book(aline);
    const [ticket] = (await eventually(
      async () => (sms(aline.phone).length > 0 ? sms(aline.phone) : undefined),
      20_000,
    ))!;
    expect(ticket!.message).toContain('itike yawe ya Volcano Coaches yemejwe');
    // The trip's route, Kigali → Rubavu by Musanze.
    expect(ticket!.message).toContain('Kigali - Rubavu');
    expect(ticket!.message).toContain(`Intebe ${booking.seat}`);
    expect(ticket!.message).toContain(`/bookings/${booking.bookingId}`);
    const mail = await eventually(async () => busline.platform.simulator!.messages.mailTo(aline.email)[0]);
    expect(mail!.subject).toMatch(/^Itike yawe Kigali → Rubavu/);
  });

  it('retries an SMS the provider fails, and the record shows each state', async () => {
    // The simulator answers 500 to the first two sends to a number ending 5002.
    const grace = await register('+250788335002');
    const { bookingId } = await book(grace);
    const record = await eventually(async () => {
      const result = await busline.request(MESSAGES, { filter: { bookingId, channel: 'SMS' } }, admin);
      const node = result.data?.notificationMessages.edges[0]?.node;
      return node?.status === 'SENT' ? node : undefined;
    }, 20_000);
    expect(record.attempts).toBe(3);
    expect(record.history.map((h: { status: string; attempt: number }) => `${h.status}/${h.attempt}`)).toEqual([
      'PENDING/0',
      'SENDING/1',
      'RETRYING/1',
      'SENDING/2',
      'RETRYING/2',
      'SENDING/3',
      'SENT/3',
    ]);
    expect(sms(grace.phone)).toHaveLength(1);
  });

  it('alerts the delay of the trip once, though its trip.updated is delivered twice', async () => {
    const trip = await busline.request<{ trip: { departureAt: string } }>(
      'query($id: ID!) { trip(id: $id) { departureAt } }',
      { id: booking.tripId },
    );
    const later = new Date(new Date(trip.data!.trip.departureAt).getTime() + 45 * 60_000).toISOString();
    const updated = await busline.request(
      'mutation($id: ID!, $input: UpdateTripInput!) { updateTrip(tripId: $id, input: $input) { id } }',
      { id: booking.tripId, input: { departureAt: later } },
      operator,
    );
    expect(updated.errors).toBeUndefined();
    await eventually(async () => sms(aline.phone).length === 2, 20_000);

    await redeliverTripUpdated(busline, booking.tripId);

    const texts = sms(aline.phone);
    expect(texts).toHaveLength(2);
    expect(texts[1]!.message).toContain('ruzahaguruka');
    const alerts = await busline.request(
      MESSAGES,
      { filter: { kind: 'TRIP_DELAYED', bookingId: booking.bookingId } },
      admin,
    );
    expect(
      alerts.data!.notificationMessages.edges.map((e: { node: { channel: string } }) => e.node.channel).sort(),
    ).toEqual(['EMAIL', 'SMS']);
  });

  it('shows messages to platform admins only', async () => {
    const mine = await busline.request(MESSAGES, { filter: { address: aline.phone } }, admin);
    expect(mine.errors).toBeUndefined();
    expect(
      mine.data!.notificationMessages.edges.map((e: { node: { kind: string; language: string } }) => [
        e.node.kind,
        e.node.language,
      ]),
    ).toEqual([
      ['TRIP_DELAYED', 'rw'],
      ['BOOKING_CONFIRMED', 'rw'],
    ]);
    for (const token of [aline.token, operator]) {
      const refused = await busline.request(MESSAGES, {}, token);
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(refused.data).toBeNull();
    }
    expect((await busline.request(MESSAGES, {})).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
