import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@busline/shared/testing';
import { refunds } from '../src/db/schema';
import { callbackHeaders } from '../src/provider/signature';
import {
  eventsFor,
  holdBooking,
  losingAnswers,
  passenger,
  paymentRows,
  startPayment,
  startPaymentSubgraph,
  type PaymentSubgraph,
} from './helpers';

const secret = 'late-success-webhook-secret-0123456789';
// The next payment request reaches the provider but its answer is lost (a timeout): we mark the
// payment FAILED (PROVIDER_UNAVAILABLE) although the payer can still approve it.
let loseNextAnswer = false;
const loseNext = () => {
  const lose = loseNextAnswer;
  loseNextAnswer = false;
  return lose;
};

let subgraph: PaymentSubgraph;
beforeAll(async () => {
  // The first status check comes 1.3 s after a request: time enough to pay the booking again first.
  subgraph = await startPaymentSubgraph({
    webhookSecret: secret,
    sandboxCallbackDelayMs: 300,
    reconcileAfterMs: 1000,
    provider: losingAnswers(loseNext),
  });
});
afterAll(() => subgraph.stop());

async function pay(owner: ReturnType<typeof passenger>, bookingId: string, phone: string) {
  const { data, errors } = await startPayment(subgraph, owner, { bookingId, phone });
  expect(errors).toBeUndefined();
  return {
    paymentId: data?.startPayment.id as string,
    reference: data?.startPayment.providerReference as string,
    status: data?.startPayment.status as string,
  };
}

/** A signed provider callback saying the payment succeeded, delivered as a new event each time. */
async function deliverSuccess(reference: string) {
  const body = JSON.stringify({
    eventId: randomUUID(),
    referenceId: reference,
    status: 'SUCCESSFUL',
    financialTransactionId: 'late-1',
  });
  const response = await fetch(`${subgraph.server.url}/webhooks/momo`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...callbackHeaders(secret, body) },
    body,
  });
  return (await response.json()) as { status: string };
}

const paymentById = async (bookingId: string, paymentId: string) =>
  (await paymentRows(subgraph, bookingId)).find((row) => row.id === paymentId);

describe('a provider success after we marked the payment FAILED', () => {
  it('settles it SUCCEEDED with a single payment.succeeded even when the success is delivered twice', async () => {
    const owner = passenger();
    const bookingId = await holdBooking(subgraph, owner, 15_000);
    loseNextAnswer = true;
    const { paymentId, reference, status } = await pay(owner, bookingId, '0788123456');
    expect(status).toBe('FAILED');
    // The sandbox's own callback (after 300 ms) is the first delivery of the success.
    await eventually(async () => (await paymentById(bookingId, paymentId))?.status === 'SUCCEEDED');
    expect(await deliverSuccess(reference)).toEqual({ status: 'already-settled' });
    expect(await paymentById(bookingId, paymentId)).toMatchObject({ status: 'SUCCEEDED', failureReason: null });
    expect(await eventsFor(subgraph, 'payment.failed', bookingId)).toEqual([
      expect.objectContaining({ paymentId, reason: 'PROVIDER_UNAVAILABLE' }),
    ]);
    expect(await eventsFor(subgraph, 'payment.succeeded', bookingId)).toEqual([
      expect.objectContaining({ paymentId, amount: { amount: 15_000, currency: 'RWF' } }),
    ]);
  });

  it('settles it SUCCEEDED from the status API when the success never comes as a callback', async () => {
    const owner = passenger();
    const bookingId = await holdBooking(subgraph, owner, 15_000);
    loseNextAnswer = true;
    // 9999: the sandbox never calls back; its status API shows the success after 400 ms.
    const { paymentId, status } = await pay(owner, bookingId, '0788129999');
    expect(status).toBe('FAILED');
    await eventually(async () => (await paymentById(bookingId, paymentId))?.status === 'SUCCEEDED');
    expect(await eventsFor(subgraph, 'payment.succeeded', bookingId)).toEqual([expect.objectContaining({ paymentId })]);
  });

  it('refunds it once, as REFUNDED with one payment.refunded, when the booking was paid again meanwhile', async () => {
    const owner = passenger();
    const bookingId = await holdBooking(subgraph, owner, 15_000);
    loseNextAnswer = true;
    // 9999: the sandbox never calls back, so the test delivers the late success itself, twice.
    const lost = await pay(owner, bookingId, '0788129999');
    expect(lost.status).toBe('FAILED');
    const again = await pay(owner, bookingId, '0788123456');
    const deliveries = [await deliverSuccess(lost.reference), await deliverSuccess(lost.reference)];
    await eventually(async () => (await paymentById(bookingId, lost.paymentId))?.status === 'REFUNDED');
    // The status check may see the success before the test's first delivery: either way it counts once.
    expect(deliveries.filter((delivery) => delivery.status === 'applied').length).toBeLessThanOrEqual(1);
    expect(await eventsFor(subgraph, 'payment.refunded', bookingId)).toEqual([
      expect.objectContaining({ paymentId: lost.paymentId, amount: { amount: 15_000, currency: 'RWF' } }),
    ]);
    expect(
      await subgraph.database.handle.db.select().from(refunds).where(eq(refunds.paymentId, lost.paymentId)),
    ).toEqual([expect.objectContaining({ status: 'SUCCEEDED', amount: 15_000 })]);
    await eventually(async () => (await paymentById(bookingId, again.paymentId))?.status === 'SUCCEEDED');
    expect(await eventsFor(subgraph, 'payment.succeeded', bookingId)).toEqual([
      expect.objectContaining({ paymentId: again.paymentId }),
    ]);
  });
});
