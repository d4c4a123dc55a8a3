import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { eventually } from '@busline/shared/testing';
import { amountOf, browserSuite, screenshot, tomorrow, volcanoTripTomorrow } from './helpers';

/**
 * The counter in a real browser against the whole platform (docs/counter-sales.md): the demo counter agent
 * sells a seat of tomorrow's Volcano trip to a walk-in passenger for cash, sees the change to hand back,
 * prints the ticket with its QR pass and closes the shift with the cash total; hands out a cash refund owed
 * to a passenger who cancelled online and sees it handed back on the shift; a passenger who signs up later
 * claims a counter sale with the code texted to the phone given at the counter. Each test sets up what
 * it needs, so either runs alone. The platform, the client and Chromium are started by ./helpers.ts.
 */
const suite = browserSuite();
const signIn = (email: string, password: string) => suite.signIn(email, password);
const shot = (page: Page, name: string) => screenshot(page, `counter-${name}`);

/**
 * On the counter page: finds tomorrow's first Kigali → Musanze trip of the agent's company, picks the first
 * free seat, enters the walk-in passenger (messages in Kinyarwanda) and holds; resolves on the sale's page.
 */
async function holdForWalkIn(
  page: Page,
  walkIn: { name: string; phone: string },
): Promise<{ bookingId: string; label: string; total: number }> {
  await page.goto(`${suite.web.url}/counter`);
  await page.locator('select[name=origin]').selectOption('Kigali');
  await page.locator('select[name=destination]').selectOption('Musanze');
  await page.getByLabel('Date').fill(tomorrow());
  await page.getByRole('button', { name: 'Find trips' }).click();
  const trip = page.getByTestId('counter-trip').first();
  await trip.waitFor({ timeout: 20_000 });
  await shot(page, '1-trips');
  await trip.getByRole('link', { name: 'Sell seats' }).click();
  await page.waitForURL(/\/counter\/trips\//);

  const seat = page.locator('button.seat[data-state="AVAILABLE"]').first();
  await seat.waitFor();
  const label = (await seat.getAttribute('data-seat'))!;
  await seat.click();
  await expect.poll(() => page.getByTestId('selected-seats').textContent()).toBe(label);
  await page.getByLabel('Passenger name').fill(walkIn.name);
  await page.getByLabel('Passenger phone').fill(walkIn.phone);
  await page.getByLabel('Language of their messages').selectOption('rw');
  const total = amountOf(await page.getByTestId('counter-total').textContent());
  expect(total).toBeGreaterThan(0);
  await shot(page, '2-walk-in');
  await page.getByRole('button', { name: 'Hold 1 seat' }).click();

  await page.waitForURL(/\/counter\/bookings\//);
  const bookingId = new URL(page.url()).pathname.split('/').pop()!;
  await page.locator('[data-testid="booking-status"] [data-status="HELD"]').waitFor();
  return { bookingId, label, total };
}

/** A cash counter sale of tomorrow's first Volcano trip from Kigali to Musanze, made through the router. */
async function counterSaleByApi(walkIn: { name: string; phone: string }): Promise<string> {
  const agent = await suite.busline.login('agent@busline.test', 'Agent-demo-2026');
  const trip = await volcanoTripTomorrow(suite.busline, agent);
  const held = await suite.busline.request<{ holdSeats: { id: string; totalAmount: { amount: number } } }>(
    'mutation($input: HoldSeatsInput!) { holdSeats(input: $input) { id totalAmount { amount } } }',
    {
      input: {
        tripId: trip.id,
        seats: [trip.seat],
        passengers: [{ name: walkIn.name }],
        walkIn: { ...walkIn, language: 'en' },
      },
    },
    agent,
  );
  if (!held.data) throw new Error(`counter hold refused: ${JSON.stringify(held.errors)}`);
  const bookingId = held.data.holdSeats.id;
  const paid = await suite.busline.request(
    'mutation($input: RecordCashPaymentInput!, $key: String!) { recordCashPayment(input: $input, idempotencyKey: $key) { id } }',
    { input: { bookingId, amountReceived: held.data.holdSeats.totalAmount.amount }, key: randomUUID() },
    agent,
  );
  if (!paid.data) throw new Error(`cash refused: ${JSON.stringify(paid.errors)}`);
  await eventually(async () => {
    const view = await suite.busline.request<{ booking: { status: string } }>(
      'query($id: ID!) { booking(id: $id) { status } }',
      { id: bookingId },
      agent,
    );
    return view.data?.booking.status === 'CONFIRMED' || undefined;
  }, 20_000);
  return bookingId;
}

/**
 * Leaves the cash refund of a counter sale DUE (docs/counter-sales.md#cash-and-shifts): a passenger who signs
 * up claims the sale with the code texted to `phone`, then cancels it online, away from the counter. Resolves
 * with the refund ticketing granted by the company's tiers once payment lists it as owed.
 */
async function cancelOnlineAfterClaim(bookingId: string, phone: string): Promise<{ refund: number; email: string }> {
  const email = `due-${randomUUID().slice(0, 8)}@busline.test`;
  const registered = await suite.busline.request<{ register: { accessToken: string } }>(
    'mutation($input: RegisterInput!) { register(input: $input) { accessToken } }',
    { input: { email, password: 'Passenger-due-2026', fullName: 'Claude Habimana' } },
  );
  const passenger = registered.data!.register.accessToken;
  const asked = await suite.busline.request(
    'mutation($phone: String!) { requestBookingClaim(phone: $phone) }',
    { phone },
    passenger,
  );
  expect(asked.errors).toBeUndefined();
  // The phone also gets the sale's own messages; the code comes in the sale's language (English).
  const code = await eventually(
    async () =>
      suite.busline.platform
        .simulator!.messages.smsTo(phone)
        .map((sms) => /(\d{6}) is your code/.exec(sms.message)?.[1])
        .find(Boolean),
    20_000,
  );
  const claimed = await suite.busline.request<{ claimBookings: { id: string }[] }>(
    'mutation($phone: String!, $code: String!) { claimBookings(phone: $phone, code: $code) { id } }',
    { phone, code: code! },
    passenger,
  );
  expect(claimed.data?.claimBookings.map((b) => b.id)).toEqual([bookingId]);
  const cancelled = await suite.busline.request<{ cancelBooking: { status: string; refund: { amount: number } } }>(
    'mutation($id: ID!) { cancelBooking(bookingId: $id) { status refund { amount } } }',
    { id: bookingId },
    passenger,
  );
  expect(cancelled.data?.cancelBooking.status).toBe('CANCELLED');
  const refund = cancelled.data!.cancelBooking.refund.amount;
  expect(refund).toBeGreaterThan(0);
  // The refund reaches payment by event; it is owed once the company's list shows it.
  const agent = await suite.busline.login('agent@busline.test', 'Agent-demo-2026');
  await eventually(async () => {
    const due = await suite.busline.request<{ cashRefundsDue: { edges: { node: { booking: { id: string } } }[] } }>(
      'query($companyId: ID!) { cashRefundsDue(companyId: $companyId, first: 100) { edges { node { booking { id } } } } }',
      { companyId: companyOf(agent) },
      agent,
    );
    return due.data?.cashRefundsDue.edges.some((edge) => edge.node.booking.id === bookingId) || undefined;
  }, 20_000);
  return { refund, email };
}

/** The company of a staff member's token (its `companyId` claim). */
function companyOf(token: string): string {
  const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { companyId: string };
  return claims.companyId;
}

describe('the counter in a browser', () => {
  it('lets the agent sell a seat to a walk-in for cash, see the change, print the QR ticket and close the shift', async () => {
    const page = await signIn('agent@busline.test', 'Agent-demo-2026');
    // A counter agent lands on the counter.
    await page.waitForURL(/\/counter$/);
    // Closing the shift asks for confirmation.
    page.on('dialog', (dialog) => void dialog.accept());

    const { bookingId, label, total } = await holdForWalkIn(page, { name: 'Aline Mukamana', phone: '0788 550 101' });
    expect(await page.getByTestId('walk-in').textContent()).toContain('+250788550101');
    // The change is shown as the cash is counted; too little cannot be taken.
    const cash = page.getByLabel('Cash received (RWF)');
    await cash.fill(String(total - 100));
    await expect.poll(() => page.getByRole('button', { name: /^Take cash/ }).isDisabled()).toBe(true);
    await cash.fill(String(total + 1500));
    // Money is written in the reader's locale ("RWF 1,500" or "1,500 RWF"): compare the amounts.
    await expect.poll(async () => amountOf(await page.getByTestId('change-preview').textContent())).toBe(1500);
    await page.getByRole('button', { name: /^Take cash/ }).click();
    expect(amountOf(await page.getByTestId('cash-change').textContent())).toBe(1500);
    await page.locator('[data-testid="booking-status"] [data-status="CONFIRMED"]').waitFor({ timeout: 20_000 });
    await shot(page, '3-cash-taken');
    // The change stays on the sale's page, from the payment itself, after a reload.
    await page.reload();
    await page.locator('[data-testid="booking-status"] [data-status="CONFIRMED"]').waitFor();
    expect(amountOf(await page.getByTestId('cash-change').textContent())).toBe(1500);

    await page.getByRole('link', { name: 'Print tickets' }).click();
    await page.waitForURL(new RegExp(`/counter/print/${bookingId}$`));
    const qr = page.getByTestId('ticket-qr').first();
    await qr.waitFor({ timeout: 20_000 });
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    expect(await page.getByTestId('print-passenger').textContent()).toContain('Aline Mukamana');
    expect(await page.getByTestId('print-seats').textContent()).toBe(label);
    expect(amountOf(await page.getByTestId('print-price').textContent())).toBe(total);
    // The Print button opens the browser's print dialog (stubbed here), and on paper the navigation is gone.
    await page.evaluate(() => {
      const counted = window as unknown as { printed: number };
      counted.printed = 0;
      window.print = () => void counted.printed++;
    });
    await page.getByRole('button', { name: 'Print', exact: true }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await shot(page, '4-print');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.topbar').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Print', exact: true }).isVisible()).toBe(false);
    expect(await qr.isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });

    await page.getByRole('link', { name: 'My shift', exact: true }).first().click();
    await page.waitForURL(/\/counter\/shift$/);
    const open = page.getByTestId('open-shift');
    await open.waitFor();
    expect(amountOf(await open.getByTestId('shift-net').textContent())).toBe(total);
    await page.getByTestId('counter-sale').filter({ hasText: 'Aline Mukamana' }).first().waitFor();
    await page.getByRole('button', { name: 'Close shift' }).click();
    const closed = page.getByTestId('closed-shift');
    await closed.waitFor();
    const row = closed.locator('[data-testid="shift-total"][data-currency="RWF"]');
    expect(amountOf(await row.getByTestId('shift-net').textContent())).toBe(total);
    expect(await closed.textContent()).toContain('1 cash payment');
    await page.getByText('No open shift').waitFor();
    await shot(page, '5-shift-closed');
    await page.context().close();
  });

  it("lets the agent take mobile money from the walk-in passenger's phone and follow it to CONFIRMED", async () => {
    const page = await signIn('agent@busline.test', 'Agent-demo-2026');
    await page.waitForURL(/\/counter$/);
    const { bookingId } = await holdForWalkIn(page, { name: 'Patrick Nshuti', phone: '0788 550 303' });
    await page.getByLabel('Mobile money', { exact: true }).check();
    // The passenger's number comes filled in from the sale.
    expect(await page.getByLabel('Mobile money number').inputValue()).toBe('+250788550303');
    await page.getByRole('button', { name: /^Request / }).click();
    await page.locator('[data-testid="booking-status"] [data-status="CONFIRMED"]').waitFor({ timeout: 20_000 });
    await page.getByRole('link', { name: 'Print tickets' }).click();
    await page.waitForURL(new RegExp(`/counter/print/${bookingId}$`));
    await page.getByTestId('ticket-qr').first().waitFor({ timeout: 20_000 });
    await shot(page, '7-mobile-money-print');
    await page.context().close();
  });

  it('lets the agent hand out a cash refund owed to a passenger who cancelled online, counted on the shift', async () => {
    const phone = '+250788550404';
    const bookingId = await counterSaleByApi({ name: 'Claude Habimana', phone: '0788550404' });
    const { refund, email } = await cancelOnlineAfterClaim(bookingId, phone);

    const page = await signIn('agent@busline.test', 'Agent-demo-2026');
    await page.waitForURL(/\/counter$/);
    // Handing cash out asks for confirmation.
    page.on('dialog', (dialog) => void dialog.accept());
    await page.getByRole('link', { name: 'My shift', exact: true }).first().click();
    await page.waitForURL(/\/counter\/shift$/);
    const row = page.locator(`[data-testid="refund-due"][data-booking="${bookingId}"]`);
    await row.waitFor({ timeout: 20_000 });
    expect(await row.textContent()).toContain('Claude Habimana');
    expect(await row.textContent()).toContain('Booking cancelled');
    expect(amountOf(await row.getByTestId('refund-amount').textContent())).toBe(refund);
    // The sale's cash is on the agent's open shift (taken by counterSaleByApi); what it handed back so far:
    const totals = page.getByTestId('open-shift').locator('[data-testid="shift-total"][data-currency="RWF"]');
    const before = amountOf(await totals.getByTestId('shift-refunded').textContent());
    await shot(page, '8-refund-due');

    // Without the passenger's code an agent hands nothing out.
    await row.getByRole('button', { name: 'Hand out' }).click();
    await page.getByText("A counter agent hands a refund out with the passenger's code").waitFor({ timeout: 20_000 });
    // The passenger (the account that claimed the sale) got the code by e-mail when the refund became due.
    const mail = await eventually(
      async () =>
        suite.busline.platform
          .simulator!.messages.mailTo(email)
          .map((m) => /Give code (\d{6})/.exec(m.text)?.[1])
          .find(Boolean),
      20_000,
    );
    await row.getByLabel("Passenger's code").fill(mail!);
    await row.getByRole('button', { name: 'Hand out' }).click();
    await row.waitFor({ state: 'detached', timeout: 20_000 });
    await expect
      .poll(async () => amountOf(await totals.getByTestId('shift-refunded').textContent()))
      .toBe(before + refund);
    await shot(page, '9-refund-handed-out');
    // Handed out once: the API refuses a second hand-out of the same payment.
    const agent = await suite.busline.login('agent@busline.test', 'Agent-demo-2026');
    const payments = await suite.busline.request<{ booking: { payments: { id: string; status: string }[] } }>(
      'query($id: ID!) { booking(id: $id) { payments { id status } } }',
      { id: bookingId },
      agent,
    );
    const payment = payments.data!.booking.payments[0]!;
    expect(payment.status).toBe('REFUNDED');
    const again = await suite.busline.request(
      'mutation($id: ID!, $key: String!) { handOutCashRefund(paymentId: $id, idempotencyKey: $key) { id } }',
      { id: payment.id, key: randomUUID() },
      agent,
    );
    expect(again.errors?.[0]?.extensions?.reason).toBe('ALREADY_REFUNDED');
    await page.context().close();
  });

  it('lets a passenger claim a counter sale with the code texted to the phone given at the counter', async () => {
    const phone = '+250788550202';
    const bookingId = await counterSaleByApi({ name: 'Eric Ndayisaba', phone: '0788550202' });
    const email = `claim-${randomUUID().slice(0, 8)}@busline.test`;
    const password = 'Passenger-claim-2026';
    const registered = await suite.busline.request(
      'mutation($input: RegisterInput!) { register(input: $input) { accessToken } }',
      { input: { email, password, fullName: 'Eric Ndayisaba' } },
    );
    expect(registered.errors).toBeUndefined();

    const page = await signIn(email, password);
    await page.getByRole('link', { name: 'My bookings', exact: true }).click();
    await page.getByRole('link', { name: 'Bought at a counter? Claim it' }).click();
    await page.waitForURL(/\/claim$/);
    const texted = suite.busline.platform.simulator!.messages.smsTo(phone).length;
    await page.getByLabel('Phone number').fill('0788 550 202');
    await page.getByRole('button', { name: 'Send me a code' }).click();
    await page.getByLabel('Code', { exact: true }).waitFor();
    const sms = await eventually(async () => suite.busline.platform.simulator!.messages.smsTo(phone)[texted], 20_000);
    const code = /\b(\d{6})\b/.exec(sms!.message)?.[1];
    expect(code).toBeDefined();
    await page.getByLabel('Code', { exact: true }).fill(code!);
    await page.getByRole('button', { name: 'Claim my tickets' }).click();
    await page.getByTestId('claim-result').waitFor();
    expect(await page.getByTestId('claim-result').textContent()).toBe('1 booking is now in your account.');
    await shot(page, '6-claimed');
    await page.getByTestId('claimed-booking').first().click();
    await page.waitForURL(new RegExp(`/bookings/${bookingId}$`));
    await page.locator('[data-testid="booking-status"] [data-status="CONFIRMED"]').waitFor({ timeout: 20_000 });
    await page.getByTestId('ticket-qr').first().waitFor({ timeout: 20_000 });
    await page.context().close();
  });
});
