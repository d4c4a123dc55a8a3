import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '@busline/shared';
import { eventually } from '@busline/shared/testing';
import { refunds } from '../src/db/schema';
import {
  eventsFor,
  holdBooking,
  passenger,
  paymentRows,
  publish,
  startPayment,
  startPaymentSubgraph,
  type PaymentSubgraph,
  sandboxWith,
} from './helpers';

const MAX_ATTEMPTS = 3;
// What the provider does with refunds of a payment (by its reference): refuse the first n, or fail them all.
const plans = new Map<string, { refuse: number } | 'unreachable'>();
const refundCalls = new Map<string, number>();
const troubledRefunds = sandboxWith((sandbox) => ({
  refund: async (request) => {
    const calls = (refundCalls.get(request.paymentReference) ?? 0) + 1;
    refundCalls.set(request.paymentReference, calls);
    const plan = plans.get(request.paymentReference);
    if (plan === 'unreachable') throw new Error('connect ECONNRESET');
    if (plan && calls <= plan.refuse) return { status: 'FAILED', reason: 'NOT_ENOUGH_FUNDS' };
    return sandbox.refund(request);
  },
}));

let subgraph: PaymentSubgraph;
beforeAll(async () => {
  subgraph = await startPaymentSubgraph({
    provider: troubledRefunds,
    refundRetryMs: 50,
    refundMaxAttempts: MAX_ATTEMPTS,
  });
});
afterAll(() => subgraph.stop());

const admin: Viewer = { userId: randomUUID(), role: 'PLATFORM_ADMIN', companyId: null };

/** A paid booking whose refund the provider handles as `plan`, with the refund asked for. */
async function refundRequested(plan: { refuse: number } | 'unreachable') {
  const owner = passenger();
  const bookingId = await holdBooking(subgraph, owner, 9000);
  const { data } = await startPayment(subgraph, owner, { bookingId });
  const paymentId = data?.startPayment.id as string;
  const reference = data?.startPayment.providerReference as string;
  plans.set(reference, plan);
  await eventually(async () => (await paymentRows(subgraph, bookingId))[0]?.status === 'SUCCEEDED');
  await publish(subgraph, 'refund.requested', {
    bookingId,
    paymentId,
    amount: { amount: 9000, currency: 'RWF' },
    reason: 'PAID_AFTER_EXPIRY',
  });
  return { owner, bookingId, paymentId, reference };
}

const refundOf = async (paymentId: string) =>
  (await subgraph.database.handle.db.select().from(refunds).where(eq(refunds.paymentId, paymentId)))[0];

const PAYMENT_REFUND = `query($id: ID!) { payment(id: $id) { id status refundState } }`;

describe('refunds the provider does not accept at once', () => {
  it('retries a refund refused twice and marks the payment REFUNDED when the third attempt is accepted', async () => {
    const { owner, bookingId, paymentId, reference } = await refundRequested({ refuse: 2 });
    await eventually(async () => (await paymentRows(subgraph, bookingId))[0]?.status === 'REFUNDED');
    expect(refundCalls.get(reference)).toBe(3);
    expect(await refundOf(paymentId)).toMatchObject({
      status: 'SUCCEEDED',
      failures: 2,
      lastError: 'FAILED: NOT_ENOUGH_FUNDS',
    });
    expect(await eventsFor(subgraph, 'payment.refunded', bookingId)).toEqual([
      expect.objectContaining({ paymentId, amount: { amount: 9000, currency: 'RWF' } }),
    ]);
    const { data } = await subgraph.request(PAYMENT_REFUND, { id: paymentId }, owner);
    expect(data?.payment).toEqual({ id: paymentId, status: 'REFUNDED', refundState: 'SUCCEEDED' });
  });

  it('gives a refund that keeps failing up as FAILED after the attempt limit, keeping the payment SUCCEEDED', async () => {
    const { owner, bookingId, paymentId, reference } = await refundRequested('unreachable');
    await eventually(async () => (await refundOf(paymentId))?.status === 'FAILED');
    expect(refundCalls.get(reference)).toBe(MAX_ATTEMPTS);
    expect(await refundOf(paymentId)).toMatchObject({ failures: MAX_ATTEMPTS, lastError: 'connect ECONNRESET' });
    expect(await eventsFor(subgraph, 'payment.refunded', bookingId)).toHaveLength(0);
    const { data } = await subgraph.request(PAYMENT_REFUND, { id: paymentId }, owner);
    expect(data?.payment).toEqual({ id: paymentId, status: 'SUCCEEDED', refundState: 'FAILED' });
  });

  it('lists a refund given up as FAILED in failedRefunds for platform admins', async () => {
    const { paymentId } = await refundRequested('unreachable');
    await eventually(async () => (await refundOf(paymentId))?.status === 'FAILED');
    const { data, errors } = await subgraph.request(
      `{ failedRefunds { id status refundState amount { amount currency } } }`,
      {},
      admin,
    );
    expect(errors).toBeUndefined();
    expect(data?.failedRefunds).toContainEqual({
      id: paymentId,
      status: 'SUCCEEDED',
      refundState: 'FAILED',
      amount: { amount: 9000, currency: 'RWF' },
    });
  });

  it('refuses failedRefunds to anyone but a platform admin', async () => {
    const { errors } = await subgraph.request(`{ failedRefunds { id } }`, {}, passenger());
    expect(errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
