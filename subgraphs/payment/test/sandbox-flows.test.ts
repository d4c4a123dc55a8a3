import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@busline/shared/testing';
import { processedEvents, refunds, webhookDeliveries } from '../src/db/schema';
import {
  eventsFor,
  holdBooking,
  passenger,
  paymentRows,
  publish,
  startPayment,
  startPaymentSubgraph,
  type PaymentSubgraph,
} from './helpers';

let subgraph: PaymentSubgraph;
beforeAll(async () => {
  subgraph = await startPaymentSubgraph();
});
afterAll(() => subgraph.stop());

async function paidWith(phone: string) {
  const owner = passenger();
  const bookingId = await holdBooking(subgraph, owner, 20_000);
  const { data, errors } = await startPayment(subgraph, owner, { bookingId, phone });
  expect(errors).toBeUndefined();
  return {
    owner,
    bookingId,
    paymentId: data?.startPayment.id as string,
    reference: data?.startPayment.providerReference as string,
  };
}

const statusOf = async (bookingId: string) => (await paymentRows(subgraph, bookingId))[0]?.status;

describe('sandbox mobile money', () => {
  it('approves an ordinary number through its callback: SUCCEEDED and payment.succeeded', async () => {
    const { bookingId, paymentId, reference } = await paidWith('0788123456');
    await eventually(async () => (await statusOf(bookingId)) === 'SUCCEEDED');
    const [event] = await eventsFor(subgraph, 'payment.succeeded', bookingId);
    expect(event).toMatchObject({
      paymentId,
      providerReference: reference,
      amount: { amount: 20_000, currency: 'RWF' },
    });
  });

  it('declines a number ending in 0000: FAILED and payment.failed', async () => {
    const { bookingId, paymentId } = await paidWith('0788120000');
    await eventually(async () => (await statusOf(bookingId)) === 'FAILED');
    expect(await eventsFor(subgraph, 'payment.failed', bookingId)).toEqual([
      expect.objectContaining({ paymentId, reason: 'APPROVAL_REJECTED' }),
    ]);
  });

  it('settles a number ending in 9999, which never calls back, by reconciliation', async () => {
    const { bookingId, reference } = await paidWith('0788129999');
    await eventually(async () => (await statusOf(bookingId)) === 'SUCCEEDED', 5000);
    const callbacks = await subgraph.database.handle.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.providerReference, reference));
    expect(callbacks).toHaveLength(0);
    expect(await eventsFor(subgraph, 'payment.succeeded', bookingId)).toHaveLength(1);
  });

  it('cancels a pending payment at the provider when its booking expires', async () => {
    const { owner, bookingId } = await paidWith('0788129999');
    await publish(subgraph, 'booking.expired', {
      bookingId,
      tripId: randomUUID(),
      companyId: randomUUID(),
      userId: owner.userId,
      ticketIds: [],
    });
    await eventually(async () => (await statusOf(bookingId)) === 'CANCELLED');
    // Time itself: had the provider not cancelled it, the sandbox settles a 9999 payment after 400 ms
    // and the reconciler (every 100 ms) would then record it SUCCEEDED.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(await statusOf(bookingId)).toBe('CANCELLED');
    expect(await eventsFor(subgraph, 'payment.succeeded', bookingId)).toHaveLength(0);
  });

  it('refunds a cancelled booking once however often it is asked', async () => {
    const { owner, bookingId, paymentId } = await paidWith('0788123456');
    await eventually(async () => (await statusOf(bookingId)) === 'SUCCEEDED');
    const cancelled = {
      bookingId,
      tripId: randomUUID(),
      companyId: randomUUID(),
      userId: owner.userId,
      reason: 'PASSENGER',
      cancelledBy: owner.userId,
      ticketIds: [],
      refund: { amount: 18_000, currency: 'RWF' },
      paymentId,
    };
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    await publish(subgraph, 'booking.cancelled', cancelled, ids[0]);
    await publish(subgraph, 'booking.cancelled', cancelled, ids[1]);
    await publish(
      subgraph,
      'refund.requested',
      { bookingId, paymentId, amount: { amount: 18_000, currency: 'RWF' }, reason: 'PAID_AFTER_EXPIRY' },
      ids[2],
    );
    const processed = () =>
      subgraph.database.handle.db.select().from(processedEvents).where(inArray(processedEvents.eventId, ids));
    // All three requests handled and the refund applied: any second refund would already be recorded.
    await eventually(async () => (await processed()).length === 3 && (await statusOf(bookingId)) === 'REFUNDED');
    const refunded = await eventsFor(subgraph, 'payment.refunded', bookingId);
    expect(refunded).toEqual([
      expect.objectContaining({ paymentId, userId: owner.userId, amount: { amount: 18_000, currency: 'RWF' } }),
    ]);
    expect(
      await subgraph.database.handle.db.select().from(refunds).where(eq(refunds.bookingId, bookingId)),
    ).toHaveLength(1);
  });
});
