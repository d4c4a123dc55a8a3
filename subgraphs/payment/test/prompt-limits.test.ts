import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { payments } from '../src/db/schema';
import {
  holdBooking,
  losingAnswers,
  passenger,
  paymentRows,
  startPayment,
  startPaymentSubgraph,
  type PaymentSubgraph,
} from './helpers';

/**
 * Each mobile-money payment pushes a prompt to the payer's phone, whoever's number it is: a booking asks for a
 * few at most, and a phone receives a few an hour at most over every booking and account (nobody floods a
 * stranger's phone, or wears them down into approving one).
 */
let subgraph: PaymentSubgraph;
beforeAll(async () => {
  subgraph = await startPaymentSubgraph({
    // Every request's answer is lost: the payment is FAILED at once, so the next attempt may start.
    provider: losingAnswers(),
    reconcileAfterMs: 600_000,
    promptsPerBooking: 3,
    promptsPerWalletPerHour: 5,
  });
});
afterAll(() => subgraph.stop());

it('lets a booking ask for payment three times, then refuses with TOO_MANY_ATTEMPTS and creates nothing', async () => {
  const owner = passenger();
  const bookingId = await holdBooking(subgraph, owner);
  // Numbers the sandbox declines: an approval arriving late would make the payment SUCCEEDED (PAYMENT_IN_PROGRESS).
  for (const phone of ['0788110000', '0788220000', '0788330000']) {
    const attempt = await startPayment(subgraph, owner, { bookingId, phone });
    expect(attempt.errors).toBeUndefined();
    expect(attempt.data!.startPayment.status).toBe('FAILED');
  }
  const refused = await startPayment(subgraph, owner, { bookingId, phone: '0788444441' });
  expect(refused.errors?.[0]?.extensions).toMatchObject({
    code: 'BAD_USER_INPUT',
    reason: 'TOO_MANY_ATTEMPTS',
    field: 'bookingId',
  });
  expect(await paymentRows(subgraph, bookingId)).toHaveLength(3);
});

it('sends one phone five prompts an hour over every booking and account, then RATE_LIMITED; other phones go on', async () => {
  const victim = '0788555555';
  for (let i = 0; i < 5; i++) {
    const owner = passenger();
    const attempt = await startPayment(subgraph, owner, {
      bookingId: await holdBooking(subgraph, owner),
      phone: victim,
    });
    expect(attempt.errors).toBeUndefined();
  }
  const owner = passenger();
  const bookingId = await holdBooking(subgraph, owner);
  const refused = await startPayment(subgraph, owner, { bookingId, phone: '+250 788 555 555' });
  expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', field: 'phone' });
  const retryAfter = refused.errors![0]!.extensions!.retryAfterSeconds as number;
  expect(retryAfter).toBeGreaterThan(3000);
  expect(retryAfter).toBeLessThanOrEqual(3600);
  expect(await paymentRows(subgraph, bookingId)).toHaveLength(0);
  const elsewhere = await startPayment(subgraph, owner, { bookingId, phone: '0788666661' });
  expect(elsewhere.errors).toBeUndefined();
});

it('lets an account that has paid from a phone before go on paying from it, whatever strangers sent it', async () => {
  const phone = '0788777771';
  const own = passenger();
  const paidBooking = await holdBooking(subgraph, own);
  const first = await startPayment(subgraph, own, { bookingId: paidBooking, phone });
  expect(first.errors).toBeUndefined();
  // Its payment went through in the end (the provider's late answer).
  await subgraph.database.handle.db
    .update(payments)
    .set({ status: 'SUCCEEDED' })
    .where(eq(payments.id, first.data!.startPayment.id as string));
  for (let i = 0; i < 4; i++) {
    const stranger = passenger();
    await startPayment(subgraph, stranger, { bookingId: await holdBooking(subgraph, stranger), phone });
  }
  const stranger = passenger();
  const refused = await startPayment(subgraph, stranger, { bookingId: await holdBooking(subgraph, stranger), phone });
  expect(refused.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  const mine = await startPayment(subgraph, own, { bookingId: await holdBooking(subgraph, own), phone });
  expect(mine.errors).toBeUndefined();
});
