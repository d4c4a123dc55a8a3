import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { eventually } from '@busline/shared/testing';
import rwCommon from '../../clients/web/src/i18n/locales/rw/common.json';
import { browserSuite, screenshot as shot, tomorrow, volcanoTripTomorrow } from './helpers';

/**
 * The web client in a real browser against the whole platform: a passenger books and pays, the driver
 * boards a pass and turns the camera scanner on and off, a passenger books an intermediate segment that the
 * driver boards only at its stop, the company admin edits a route's fare table, schedules a trip, opens the
 * dashboard and adds a bus; new passengers
 * switch the client to French and to Kinyarwanda and book in that language. Each test sets up
 * what it needs (the driver's pass and the dashboard's booking are bought through the API), so any one of
 * them runs alone. The platform, the client and Chromium are started by ./helpers.ts.
 */
// The passenger books tomorrow's trip; boarding opens a week ahead here so that the driver can scan it.
const suite = browserSuite({ BOARDING_OPENS_MINUTES: String(7 * 24 * 60) });
const signIn = (email: string, password: string) => suite.signIn(email, password);

/**
 * A confirmed booking of the demo passenger on tomorrow's first Volcano trip from Kigali to Musanze,
 * bought through the router; resolves with its QR pass.
 */
async function confirmedPass(): Promise<string> {
  const passenger = await suite.busline.login('passenger@busline.test', 'Passenger-demo-2026');
  const trip = await volcanoTripTomorrow(suite.busline);
  const held = await suite.busline.request<{ holdSeats: { id: string } }>(
    'mutation($input: HoldSeatsInput!) { holdSeats(input: $input) { id } }',
    { input: { tripId: trip.id, seats: [trip.seat], passengers: [{ name: 'Grace Uwimana' }] } },
    passenger,
  );
  if (!held.data) throw new Error(`hold refused: ${JSON.stringify(held.errors)}`);
  const bookingId = held.data.holdSeats.id;
  const paid = await suite.busline.request(
    'mutation($input: StartPaymentInput!, $key: String!) { startPayment(input: $input, idempotencyKey: $key) { id } }',
    { input: { bookingId, method: 'MTN_MOMO', phone: '0788123456' }, key: randomUUID() },
    passenger,
  );
  if (!paid.data) throw new Error(`payment refused: ${JSON.stringify(paid.errors)}`);
  const token = await eventually(async () => {
    const view = await suite.busline.request<{
      booking: { status: string; tickets: { qr: { token: string } | null }[] };
    }>('query($id: ID!) { booking(id: $id) { status tickets { qr { token } } } }', { id: bookingId }, passenger);
    const booking = view.data?.booking;
    return booking?.status === 'CONFIRMED' ? booking.tickets[0]?.qr?.token : undefined;
  }, 20_000);
  return token!;
}

/**
 * A passenger of their own with a profile (created from the registration event), so that the language a
 * test saves to it reaches no other test.
 */
async function newPassenger(fullName: string): Promise<{ email: string; password: string; token: string }> {
  const email = `traveller-${randomUUID()}@busline.test`;
  const password = 'Traveller-2026-pass';
  const registered = await suite.busline.request<{ register: { accessToken: string } }>(
    'mutation($input: RegisterInput!) { register(input: $input) { accessToken } }',
    { input: { email, password, fullName } },
  );
  if (!registered.data) throw new Error(`registration refused: ${JSON.stringify(registered.errors)}`);
  const token = registered.data.register.accessToken;
  await eventually(() => profileLanguage(token), 20_000);
  return { email, password, token };
}

const profileLanguage = async (token: string) =>
  (
    await suite.busline.request<{ me: { profile: { language: string } } | null }>(
      'query { me { profile { language } } }',
      {},
      token,
    )
  ).data?.me?.profile.language;

/** What a passenger reads along the booking, in one language. */
interface BookingTexts {
  language: 'fr' | 'rw';
  heading: string;
  search: string;
  results: string;
  /** Tomorrow as the search results and the pass write it. */
  day: string;
  money: RegExp;
  chooseSeats: string;
  hold: RegExp;
  held: string;
  phone: string;
  pay: RegExp;
  badPhone: string;
  booked: string;
  confirmed: string;
}

/**
 * A new passenger signs in (English, their profile's language), switches the client to `texts.language`
 * with the menu in the header, and books tomorrow's Volcano trip from Kigali to Musanze reading only that
 * language: headings, buttons, labels, statuses, the price and date formats, and a refused phone number
 * translated from the error's extensions.code and field. The choice is saved to the profile.
 */
async function bookIn(texts: BookingTexts) {
  const traveller = await newPassenger('Aline Mukamana');
  const page = await signIn(traveller.email, traveller.password);
  await page.getByTestId('language-switcher').selectOption(texts.language);
  await page.getByRole('heading', { level: 1, name: texts.heading }).waitFor();
  expect(await page.locator('html').getAttribute('lang')).toBe(texts.language);
  await expect.poll(() => profileLanguage(traveller.token), { timeout: 10_000 }).toBe(texts.language);

  await page.locator('select[name=origin]').selectOption('Kigali');
  await page.locator('select[name=destination]').selectOption('Musanze');
  await page.locator('input[name=date]').fill(tomorrow());
  await page.locator('input[name=passengers]').fill('1');
  await page.getByRole('button', { name: texts.search, exact: true }).click();
  const volcano = page.getByTestId('trip-result').filter({ hasText: 'Volcano Coaches' }).first();
  await volcano.waitFor({ timeout: 20_000 });
  expect(await page.getByRole('region', { name: texts.results }).locator('h2').textContent()).toContain(texts.day);
  expect(await volcano.getByTestId('trip-fare').textContent()).toMatch(texts.money);
  await shot(page, `${texts.language}-1-search-results`);

  await volcano.getByRole('link', { name: texts.chooseSeats }).click();
  const seat = page.locator('button.seat[data-state="AVAILABLE"]').first();
  await seat.waitFor();
  await seat.click();
  await page.getByRole('button', { name: texts.hold }).click();
  await page.waitForURL(/\/bookings\//);
  const held = page.locator('[data-testid="booking-status"] [data-status="HELD"]');
  await held.waitFor();
  expect(await held.textContent()).toBe(texts.held);

  // The server refuses the number in English; the page says it from the error's code and field.
  await page.getByLabel(texts.phone).fill('12345');
  await page.getByRole('button', { name: texts.pay }).click();
  await page.getByRole('alert').filter({ hasText: texts.badPhone }).waitFor();
  await page.getByLabel(texts.phone).fill('0788123456');
  await page.getByRole('button', { name: texts.pay }).click();
  const confirmed = page.locator('[data-testid="booking-status"] [data-status="CONFIRMED"]');
  await confirmed.waitFor({ timeout: 20_000 });
  expect(await confirmed.textContent()).toBe(texts.confirmed);
  await page.getByRole('status').filter({ hasText: texts.booked }).waitFor();
  await page.getByTestId('ticket-qr').first().waitFor({ timeout: 20_000 });
  expect(await page.getByTestId('ticket-pass').first().textContent()).toContain(texts.day);
  await shot(page, `${texts.language}-2-booking-confirmed`);

  // The choice stays with this browser after a reload.
  await page.reload();
  await confirmed.waitFor();
  expect(await page.locator('html').getAttribute('lang')).toBe(texts.language);
  await page.context().close();
}

/** What the stand-in camera (fakeCamera) keeps on the page's window. */
interface CameraStandIn {
  cameraRequests: number;
  cameraStreams: MediaStream[];
  grantCamera(): void;
}

/**
 * The driver's camera, set up before the app loads. Linux Chromium has no BarcodeDetector: one that finds no code
 * (no pass in view). getUserMedia answers only once the test calls grantCamera() (the phone asks for permission,
 * then starts the camera), with a live stream of a canvas; every stream handed out is kept to be looked at.
 */
function fakeCamera() {
  const standIn = window as unknown as CameraStandIn & { BarcodeDetector: unknown };
  const waiting: (() => void)[] = [];
  standIn.BarcodeDetector = class {
    detect = async () => [];
  };
  standIn.cameraRequests = 0;
  standIn.cameraStreams = [];
  standIn.grantCamera = () => waiting.splice(0).forEach((grant) => grant());
  navigator.mediaDevices.getUserMedia = async () => {
    standIn.cameraRequests += 1;
    await new Promise<void>((resolve) => waiting.push(resolve));
    const stream = document.createElement('canvas').captureStream();
    standIn.cameraStreams.push(stream);
    return stream;
  };
}

/** The driver signed in on the boarding page, with the stand-in camera. */
async function driverWithCamera(): Promise<Page> {
  const page = await signIn('driver@volcano.busline.test', 'Driver-demo-2026');
  await page.addInitScript(fakeCamera);
  await page.reload();
  await page.getByRole('button', { name: 'Scan with camera' }).click();
  await expect.poll(async () => (await camera(page)).requests).toBe(1);
  return page;
}

/** How often the page asked for the camera, and the state of each camera track it got. */
const camera = (page: Page) =>
  page.evaluate(() => {
    const { cameraRequests, cameraStreams } = window as unknown as CameraStandIn;
    return {
      requests: cameraRequests,
      tracks: cameraStreams.flatMap((stream) => stream.getTracks().map((track) => track.readyState)),
    };
  });
const grantCamera = (page: Page) => page.evaluate(() => (window as unknown as CameraStandIn).grantCamera());

/** Tomorrow's noon in Kigali, for the day the pages write. */
const tomorrowNoon = () => new Date(`${tomorrow()}T12:00:00+02:00`);

describe('web client in a browser', () => {
  it('sends a signed-out visitor of a staff page to sign-in, and a passenger who opens one to the search', async () => {
    // Both redirects happen on the app's very first render, before its location hook has subscribed.
    const context = await suite.browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${suite.web.url}/driver`);
      await page.waitForURL((url) => url.pathname === '/signin');
      expect(new URL(page.url()).searchParams.get('next')).toBe('/driver');
      await page.getByLabel('Password').waitFor({ timeout: 5000 });
    } finally {
      await context.close();
    }
    const page = await signIn('passenger@busline.test', 'Passenger-demo-2026');
    try {
      await page.goto(`${suite.web.url}/company`);
      await page.waitForURL((url) => url.pathname === '/');
      await page.getByRole('button', { name: 'Search', exact: true }).waitFor({ timeout: 5000 });
    } finally {
      await page.context().close();
    }
  });

  it('lets a passenger search, pick a seat, hold, pay with MoMo and see the confirmed booking with a QR pass', async () => {
    const page = await signIn('passenger@busline.test', 'Passenger-demo-2026');
    // The status must arrive live over graphql-ws (the page also polls as a fallback: check the frames).
    const frames: string[] = [];
    page.on('websocket', (socket) => socket.on('framereceived', ({ payload }) => frames.push(String(payload))));
    await page.locator('select[name=origin]').selectOption('Kigali');
    await page.locator('select[name=destination]').selectOption('Musanze');
    await page.getByLabel('Date').fill(tomorrow());
    await page.getByLabel('Passengers').fill('1');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const volcano = page.getByTestId('trip-result').filter({ hasText: 'Volcano Coaches' }).first();
    await volcano.waitFor({ timeout: 20_000 });
    await shot(page, '1-search-results');

    await volcano.getByRole('link', { name: 'Choose seats' }).click();
    const seat = page.locator('button.seat[data-state="AVAILABLE"]').first();
    await seat.waitFor();
    const label = (await seat.getAttribute('data-seat'))!;
    await seat.click();
    await expect.poll(() => page.getByTestId('selected-seats').textContent()).toBe(label);
    await shot(page, '2-seat-map');

    await page.getByRole('button', { name: /Hold seats/ }).click();
    await page.waitForURL(/\/bookings\//);
    await page.getByTestId('hold-countdown').first().waitFor();
    await page.locator('[data-testid="booking-status"] [data-status="HELD"]').waitFor();

    await page.getByLabel('Mobile money number').fill('0788123456');
    await page.getByRole('button', { name: /^Pay / }).click();
    await page.locator('[data-testid="booking-status"] [data-status="CONFIRMED"]').waitFor({ timeout: 20_000 });
    const qr = page.getByTestId('ticket-qr').first();
    await qr.waitFor({ timeout: 20_000 });
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    expect(frames.some((f) => f.includes('bookingStatusChanged') && f.includes('"CONFIRMED"'))).toBe(true);
    await shot(page, '3-booking-confirmed');
    const passToken = await page.getByTestId('ticket-token').first().inputValue();
    expect(passToken.split('.')).toHaveLength(3);

    await page.getByRole('link', { name: 'My bookings', exact: true }).click();
    const row = page
      .getByTestId('booking-row')
      .filter({ hasText: `seat ${label}` })
      .first();
    await row.waitFor();
    expect(await row.locator('[data-status]').getAttribute('data-status')).toBe('CONFIRMED');
    await page.context().close();
  });

  it('books a trip in French after switching the language in the header', async () => {
    await bookIn({
      language: 'fr',
      heading: 'Où voyagez-vous ?',
      search: 'Rechercher',
      results: 'Résultats de la recherche',
      day: new Intl.DateTimeFormat('fr-RW', {
        weekday: 'short',
        day: 'numeric',
        month: 'short',
        timeZone: 'Africa/Kigali',
      }).format(tomorrowNoon()),
      money: /^\d{1,3}(\s\d{3})*\sRWF$/,
      chooseSeats: 'Choisir les places',
      hold: /^Réserver les places pendant 10 minutes$/,
      held: 'retenu',
      phone: 'Numéro mobile money',
      pay: /^Payer /,
      badPhone: 'Ce numéro de téléphone n’est pas valide',
      booked: 'C’est réservé !',
      confirmed: 'confirmé',
    });
  });

  it('books a trip in Kinyarwanda, with its own day and month names where the browser lacks them', async () => {
    // Chromium's ICU has no rw data: the client writes CLDR's Kinyarwanda names itself (src/i18n/format.ts).
    const { weekdaysShort, monthsShort } = rwCommon.calendar;
    const noon = tomorrowNoon();
    await bookIn({
      language: 'rw',
      heading: 'Urajya he?',
      search: 'Shakisha',
      results: 'Ibyavuye mu ishakisha',
      day: `${weekdaysShort[noon.getUTCDay()]} ${noon.getUTCDate()} ${monthsShort[noon.getUTCMonth()]}`,
      money: /^RWF\s\d{1,3}([.,]\d{3})*$/,
      chooseSeats: 'Hitamo intebe',
      hold: /^Fata intebe mu minota 10$/,
      held: 'ifashwe',
      phone: 'Nimero ya mobile money',
      pay: /^Ishyura /,
      badPhone: 'Iyi nimero ya telefoni ntiyemewe',
      booked: 'Itike yawe yemejwe!',
      confirmed: 'byemejwe',
    });
  });

  it("lets the driver paste a passenger's pass and see it VALID", async () => {
    const passToken = await confirmedPass();
    const page = await signIn('driver@volcano.busline.test', 'Driver-demo-2026');
    await page.waitForURL(/\/driver/);
    await page.getByLabel('Pass code').fill(passToken);
    await page.getByRole('button', { name: 'Check pass' }).click();
    const verdict = page.getByTestId('verify-result');
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-result')).toBe('VALID');
    await shot(page, '4-driver-valid');
    await page.context().close();
  });

  it('turns the camera off when the driver stops the scanner before the camera has started', async () => {
    const page = await driverWithCamera();
    try {
      await page.getByRole('button', { name: 'Stop camera' }).click();
      await grantCamera(page);
      await expect.poll(async () => (await camera(page)).tracks, { timeout: 3_000 }).toEqual(['ended']);
      expect(await page.locator('video').count()).toBe(0);
    } finally {
      await page.context().close();
    }
  });

  it('keeps the camera on, asked for once, while the driver types a pass code beside the scanner', async () => {
    const page = await driverWithCamera();
    try {
      await grantCamera(page);
      await expect.poll(async () => (await camera(page)).tracks).toEqual(['live']);
      await page.getByLabel('Pass code').fill('a pass read aloud');
      await expect.poll(() => page.getByRole('button', { name: 'Check pass' }).isEnabled()).toBe(true);
      expect(await camera(page)).toEqual({ requests: 1, tracks: ['live'] });
    } finally {
      await page.context().close();
    }
  });

  it('books Musanze → Rubavu on the Kigali → Rubavu line at its own fare, and the driver boards it only at Musanze', async () => {
    const page = await signIn('passenger@busline.test', 'Passenger-demo-2026');
    await page.goto(
      `${suite.web.url}/?${new URLSearchParams({ from: 'Musanze', to: 'Rubavu', date: tomorrow(), pax: '1' })}`,
    );
    const volcano = page.getByTestId('trip-result').filter({ hasText: 'Volcano Coaches' }).first();
    await volcano.waitFor({ timeout: 20_000 });
    // The seed's fare for the pair, not the 5,000 RWF of the whole line.
    expect(await volcano.getByTestId('trip-fare').textContent()).toBe('RWF\u00a02,000');
    expect(await volcano.textContent()).toContain('Musanze Bus Park');
    await volcano.getByRole('link', { name: 'Choose seats' }).click();
    await page.waitForURL(/\/trips\//);
    const tripId = new URL(page.url()).pathname.split('/').pop()!;
    expect(await page.locator('select[name=boarding-stop] option:checked').textContent()).toBe('Musanze Bus Park');
    const seat = page.locator('button.seat[data-state="AVAILABLE"]').first();
    await seat.waitFor();
    await seat.click();
    expect(await page.getByTestId('segment-fare').textContent()).toBe('RWF\u00a02,000');
    await shot(page, '8-segment-seat-map');
    await page.getByRole('button', { name: /Hold seats/ }).click();
    await page.waitForURL(/\/bookings\//);
    await page.getByLabel('Mobile money number').fill('0788123456');
    await page.getByRole('button', { name: /^Pay / }).click();
    await page.locator('[data-testid="booking-status"] [data-status="CONFIRMED"]').waitFor({ timeout: 20_000 });
    await page.getByTestId('ticket-qr').first().waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('pass-segment').first().textContent()).toBe(
      'Musanze Bus Park → Rubavu (Gisenyi) Bus Park',
    );
    await shot(page, '9-segment-pass');
    const passToken = await page.getByTestId('ticket-token').first().inputValue();
    await page.context().close();

    // The first departure is the demo driver's: the bus is in Kigali first, then in Musanze.
    const driver = await signIn('driver@volcano.busline.test', 'Driver-demo-2026');
    await driver.waitForURL(/\/driver/);
    await driver.goto(`${suite.web.url}/driver?trip=${tripId}`);
    const stop = driver.locator('select[name=stop]');
    await stop.waitFor();
    expect(await stop.locator('option:checked').textContent()).toBe('Nyabugogo Bus Park (Kigali)');
    await driver.getByLabel('Pass code').fill(passToken);
    await driver.getByRole('button', { name: 'Check pass' }).click();
    const verdict = driver.getByTestId('verify-result');
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-result')).toBe('WRONG_STOP');
    expect(await driver.getByTestId('verify-segment').textContent()).toBe(
      'Musanze Bus Park (Musanze) → Rubavu (Gisenyi) Bus Park (Rubavu)',
    );
    await shot(driver, '10-driver-wrong-stop');

    await stop.selectOption({ label: 'Musanze Bus Park (Musanze)' });
    await driver.getByLabel('Pass code').fill(passToken);
    await driver.getByRole('button', { name: 'Check pass' }).click();
    await expect.poll(() => verdict.getAttribute('data-result')).toBe('VALID');
    await shot(driver, '11-driver-right-stop');
    await driver.context().close();
  });

  it("lets the company admin set a pair's fare in the route's fare table, and searches sell at it", async () => {
    const page = await signIn('ops@volcano.busline.test', 'Company-demo-2026');
    await page.waitForURL(/\/company/);
    await page.getByRole('tab', { name: 'Routes' }).click();
    const row = page.getByRole('region', { name: 'Routes' }).locator('tbody tr').filter({ hasText: 'Kigali → Rubavu' });
    await row.getByRole('button', { name: 'Fares' }).click();
    const table = page.getByRole('form', { name: 'Fares of Kigali → Rubavu' });
    const kigaliMusanze = table.getByLabel('Fare Kigali to Musanze');
    expect(await kigaliMusanze.inputValue()).toBe('3500');
    await kigaliMusanze.fill('3700');
    await table.getByRole('button', { name: 'Save fares' }).click();
    await table.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await shot(page, '12-company-fare-table');
    await page.context().close();
    // The trips are re-sent to ticketing with the new fare.
    await eventually(async () => {
      const found = await suite.busline.request<{
        searchTrips: { company: { name: string }; searchedSegment: { fare: { amount: number } } }[];
      }>(
        'query($input: SearchTripsInput!) { searchTrips(input: $input) { company { name } searchedSegment { fare { amount } } } }',
        { input: { originCity: 'Kigali', destinationCity: 'Musanze', date: tomorrow(), passengers: 1 } },
      );
      return (
        found.data?.searchTrips
          .filter((t) => t.company.name === 'Volcano Coaches')
          .every((t) => t.searchedSegment.fare.amount === 3700) || undefined
      );
    }, 20_000);
  });

  it('lets the company admin schedule a trip from the network page and open the dashboard with its figures', async () => {
    await confirmedPass();
    const page = await signIn('ops@volcano.busline.test', 'Company-demo-2026');
    await page.waitForURL(/\/company/);
    await page.getByRole('region', { name: 'Upcoming trips' }).locator('tbody tr').first().waitFor();
    const form = page.getByRole('form', { name: 'Schedule a trip' });
    await form.locator('select[name=route] option').first().waitFor({ state: 'attached' });
    await form.locator('input[name=departure]').fill(`${tomorrow()}T21:45`);
    await form.locator('input[name=price]').fill('4200');
    await form.getByRole('button', { name: 'Schedule trip' }).click();
    await form.getByRole('status').filter({ hasText: 'Scheduled for' }).waitFor();
    await page
      .getByRole('region', { name: 'Upcoming trips' })
      .getByText(/^RWF\s4,200$/)
      .first()
      .waitFor();
    await shot(page, '5-company-network');
    await page.getByRole('link', { name: 'Dashboard' }).first().click();
    await page.waitForURL(/\/company\/dashboard/);
    await page.getByTestId('kpi-bookings').waitFor({ timeout: 15_000 });
    await expect
      .poll(
        async () => {
          await page.reload();
          await page.getByTestId('kpi-bookings').waitFor();
          return Number(await page.getByTestId('kpi-bookings').locator('strong').textContent());
        },
        { timeout: 15_000, interval: 1000 },
      )
      .toBeGreaterThanOrEqual(1);
    // The booking (the whole line, Kigali → Rubavu) is in the revenue per pair, and fills every leg.
    await page
      .getByRole('region', { name: 'Revenue by pair' })
      .locator('tbody tr')
      .filter({ hasText: 'Kigali → Rubavu' })
      .first()
      .waitFor();
    await page.getByRole('region', { name: 'Occupancy by segment' }).getByText('Musanze → Rubavu').first().waitFor();
    await shot(page, '6-company-dashboard');
    await page.context().close();
  });

  it('lets the company admin add a 2+2 bus from the network page, previewing its seats, and see it in the fleet', async () => {
    const page = await signIn('ops@volcano.busline.test', 'Company-demo-2026');
    await page.waitForURL(/\/company/);
    await page.getByRole('tab', { name: 'Buses' }).click();
    const buses = page.getByRole('region', { name: 'Buses' });
    await buses.locator('tbody tr').first().waitFor();
    const form = page.getByRole('form', { name: 'Add a bus' });
    await form.getByLabel('Plate number').fill('RAE 777 W');
    await form.getByLabel('Model').fill('Yutong ZK6122');
    await form.getByLabel('Amenities').fill('WIFI, AC');
    await form.getByLabel('Seats per row').selectOption('2+2');
    await form.getByLabel('Rows', { exact: true }).fill('10');
    const preview = form.getByLabel('Seat layout preview');
    await expect.poll(() => form.getByTestId('layout-seat-count').textContent()).toBe('40 seats');
    expect(await preview.locator('[data-seat]').count()).toBe(40);
    expect(await preview.locator('[data-seat="10D"]').count()).toBe(1);
    expect(await preview.locator('.aisle').count()).toBe(10);
    await form.getByRole('button', { name: 'Add bus' }).click();
    await form.getByRole('status').filter({ hasText: 'joined the fleet with 40 seats' }).waitFor();
    const row = buses.locator('tbody tr').filter({ hasText: 'RAE 777 W' });
    await row.waitFor();
    expect(await row.locator('td.num').textContent()).toBe('40');
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, '7-company-add-bus');

    // The server's refusal is shown next to the form, in its own words (English readers get the server's text).
    await form.getByLabel('Plate number').fill('RAE 777 W');
    await form.getByLabel('Model').fill('Coaster');
    await form.getByRole('button', { name: 'Add bus' }).click();
    await form.getByRole('alert').filter({ hasText: 'Another bus already has this plate number' }).waitFor();
    await page.context().close();
  });

  it('lets the platform admin read the messages sent to passengers, with their delivery history', async () => {
    await confirmedPass();
    const admin = await suite.busline.login('admin@busline.test', 'Admin-demo-2026');
    // The ticket's message has been sent (the page shows what is there when it opens).
    await eventually(async () => {
      const result = await suite.busline.request<{ notificationMessages: { edges: { node: { status: string } }[] } }>(
        'query { notificationMessages(first: 1, filter: { kind: BOOKING_CONFIRMED, status: SENT }) { edges { node { status } } } }',
        {},
        admin,
      );
      return (result.data?.notificationMessages.edges.length ?? 0) > 0;
    }, 20_000);
    const page = await signIn('admin@busline.test', 'Admin-demo-2026');
    await page.getByRole('link', { name: 'Messages', exact: true }).click();
    await page.waitForURL(/\/admin\/messages/);
    await page.getByLabel('About').selectOption('BOOKING_CONFIRMED');
    await page.getByLabel('Status').selectOption('SENT');
    const row = page.getByTestId('message-row').first();
    await row.waitFor({ timeout: 20_000 });
    expect(await row.locator('[data-status]').getAttribute('data-status')).toBe('SENT');
    expect(await row.textContent()).toContain('ticket confirmed');
    await row.getByText('History').click();
    expect(await row.locator('ol li').allTextContents()).toEqual([
      expect.stringContaining('pending'),
      expect.stringContaining('sending (attempt 1)'),
      expect.stringContaining('sent (attempt 1)'),
    ]);
    await shot(page, '8-admin-messages');
    await page.context().close();
  });
});
