// A payment recorded whose push request never reached the provider: its process died between the commit and the
// request, or the commit's answer was lost and the client's retry replayed the payment it had made. Nothing sent the
// prompt, the payer waited on a PENDING payment, and the first status check past the request's time failed it
// UNKNOWN_TO_PROVIDER: money never collected on a booking that could still be paid.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@busline/shared/testing';
import { payableBookings, payments } from '../src/db/schema';
import type { PayRequest } from '../src/provider/types';
import {
  holdBooking,
  passenger,
  paymentRows,
  startPayment,
  startPaymentSubgraph,
  type PaymentSubgraph,
  sandboxWith,
} from './helpers';

/** Requests from this number never leave the process the first time (it "dies" before sending). */
const LOST_ONCE = '0788125555';

const sent: PayRequest[] = [];
const stuck: (() => void)[] = [];
const losingFirstRequest = sandboxWith((sandbox) => ({
  requestToPay: (request) => {
    if (request.phone.endsWith('5555') && !sent.some((r) => r.referenceId === request.referenceId)) {
      sent.push(request);
      // Never answered, never forwarded: as a process that stopped right here.
      return new Promise<void>((resolve) => stuck.push(resolve));
    }
    sent.push(request);
    return sandbox.requestToPay(request);
  },
}));

let subgraph: PaymentSubgraph;
beforeAll(async () => {
  subgraph = await startPaymentSubgraph({ provider: losingFirstRequest });
});
afterAll(async () => {
  for (const release of stuck) release();
  await subgraph.stop();
});

const db = () => subgraph.database.handle.db;

/** Starts a payment whose request is lost, and returns its row once recorded (PENDING, never marked requested). */
async function paymentWithLostRequest(bookingId: string, owner = passenger()) {
  // Its answer does not matter (the request is held until the file ends, and may be cut as the subgraph stops).
  startPayment(subgraph, owner, { bookingId, phone: LOST_ONCE }, randomUUID()).catch(() => undefined);
  await eventually(async () => (await paymentRows(subgraph, bookingId)).length === 1);
  const [payment] = await paymentRows(subgraph, bookingId);
  expect(payment).toMatchObject({ status: 'PENDING', requestedAt: null });
  return payment!;
}

/** As if the request's time (and its margin) had passed since the payment was recorded. */
async function requestTimeOver(paymentId: string) {
  await db()
    .update(payments)
    .set({ createdAt: new Date(Date.now() - 60_000) })
    .where(eq(payments.id, paymentId));
}

const requestsFor = (reference: string | null) => sent.filter((request) => request.referenceId === reference);

describe('a payment whose request was never sent', () => {
  it('is not sent again while its own request may still be on its way', async () => {
    const owner = passenger();
    const bookingId = await holdBooking(subgraph, owner, 9_000);
    const payment = await paymentWithLostRequest(bookingId, owner);
    // Checked meanwhile: the provider does not know it yet, which is no news while the request may be under way.
    await eventually(async () => (await paymentRows(subgraph, bookingId))[0]!.statusChecks >= 2);
    expect(requestsFor(payment.providerReference)).toHaveLength(1);
    expect((await paymentRows(subgraph, bookingId))[0]).toMatchObject({ status: 'PENDING', failureReason: null });
  });

  it('is sent again under its own reference once that time is over, and the payer can then pay', async () => {
    const owner = passenger();
    const bookingId = await holdBooking(subgraph, owner, 9_000);
    const payment = await paymentWithLostRequest(bookingId, owner);
    await requestTimeOver(payment.id);
    await eventually(async () => (await paymentRows(subgraph, bookingId))[0]?.status === 'SUCCEEDED', 10_000);
    const again = requestsFor(payment.providerReference);
    expect(again).toHaveLength(2);
    expect(again[1]).toMatchObject({ amount: 9_000, currency: 'RWF', phone: '250788125555' });
    const [paid] = await paymentRows(subgraph, bookingId);
    expect(paid!.requestedAt).toBeInstanceOf(Date);
    expect(paid!.failureReason).toBeNull();
  });

  it('is not sent for a booking that can no longer be paid: failed as unknown to the provider', async () => {
    const owner = passenger();
    const bookingId = await holdBooking(subgraph, owner, 9_000);
    const payment = await paymentWithLostRequest(bookingId, owner);
    await db()
      .update(payableBookings)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(payableBookings.bookingId, bookingId));
    await requestTimeOver(payment.id);
    await eventually(async () => (await paymentRows(subgraph, bookingId))[0]?.status === 'FAILED', 10_000);
    expect((await paymentRows(subgraph, bookingId))[0]).toMatchObject({ failureReason: 'UNKNOWN_TO_PROVIDER' });
    expect(requestsFor(payment.providerReference)).toHaveLength(1);
  });

  it('is marked requested when the provider accepts it, and sent once', async () => {
    const owner = passenger();
    const bookingId = await holdBooking(subgraph, owner, 9_000);
    const { data } = await startPayment(subgraph, owner, { bookingId, phone: '0788124444' });
    const reference = data?.startPayment.providerReference as string;
    const [payment] = await paymentRows(subgraph, bookingId);
    expect(payment!.requestedAt).toBeInstanceOf(Date);
    await eventually(async () => (await paymentRows(subgraph, bookingId))[0]?.status === 'SUCCEEDED', 10_000);
    expect(requestsFor(reference)).toHaveLength(1);
  });
});
