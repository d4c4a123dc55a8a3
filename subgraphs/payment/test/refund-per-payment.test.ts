import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eventually } from '@busline/shared/testing';
import { processedEvents, refunds } from '../src/db/schema';
import {
  holdBooking,
  losingAnswers,
  passenger,
  payerAnswers,
  paymentRows,
  publish,
  startPayment,
  startPaymentSubgraph,
  type PaymentSubgraph,
} from './helpers';

/**
 * Every payment of a booking that has to go back is refunded, also when two of them go back for the same reason:
 * refunds are once per payment, not once per booking and reason.
 */

let subgraph: PaymentSubgraph;
beforeAll(async () => {
  subgraph = await startPaymentSubgraph({
    // Every push request's answer is lost: FAILED, and still approvable by the payer.
    provider: losingAnswers(),
    // The payer has not answered yet: only payerAnswers settles a request.
    sandboxUnansweredSettleMs: 3_600_000,
    reconcileAfterMs: 100,
  });
});
afterAll(() => subgraph.stop());

const statusOf = async (bookingId: string, paymentId: string) =>
  (await paymentRows(subgraph, bookingId)).find((row) => row.id === paymentId)?.status;

it('refunds both of two prompts approved after the hold expired (refund.requested PAID_AFTER_EXPIRY twice)', async () => {
  const owner = passenger();
  const bookingId = await holdBooking(subgraph, owner, 12_000);
  const first = await startPayment(subgraph, owner, { bookingId, phone: '0788129999' });
  const second = await startPayment(subgraph, owner, { bookingId, phone: '0788129999' });
  const a = first.data!.startPayment as { id: string; providerReference: string; status: string };
  const b = second.data!.startPayment as { id: string; providerReference: string; status: string };
  expect([a.status, b.status]).toEqual(['FAILED', 'FAILED']);
  await publish(subgraph, 'booking.expired', { bookingId, userId: owner.userId, tripId: randomUUID(), ticketIds: [] });

  // The payer approves both prompts, one after the other; ticketing asks for each payment's refund
  // (subgraphs/ticketing/src/services/advance-bookings.ts: an EXPIRED booking cannot be confirmed).
  for (const payment of [a, b]) {
    await payerAnswers(subgraph, payment.providerReference, 'SUCCESSFUL');
    await eventually(async () => (await statusOf(bookingId, payment.id)) === 'SUCCEEDED');
    await publish(subgraph, 'refund.requested', {
      bookingId,
      paymentId: payment.id,
      amount: { amount: 12_000, currency: 'RWF' },
      reason: 'PAID_AFTER_EXPIRY',
    });
    await eventually(async () => (await statusOf(bookingId, payment.id)) === 'REFUNDED');
  }
  const rows = await subgraph.database.handle.db.select().from(refunds).where(eq(refunds.bookingId, bookingId));
  expect(rows.map((row) => [row.paymentId, row.reason, row.status]).sort()).toEqual(
    [
      [a.id, 'PAID_AFTER_EXPIRY', 'SUCCEEDED'],
      [b.id, 'PAID_AFTER_EXPIRY', 'SUCCEEDED'],
    ].sort(),
  );

  // Requests again (a redelivery, another reason) refund nothing twice.
  const again = [randomUUID(), randomUUID()];
  for (const [i, payment] of [a, b].entries())
    await publish(
      subgraph,
      'refund.requested',
      { bookingId, paymentId: payment.id, amount: { amount: 12_000, currency: 'RWF' }, reason: 'DUPLICATE_PAYMENT' },
      again[i],
    );
  const db = subgraph.database.handle.db;
  await eventually(
    async () => (await db.select().from(processedEvents).where(inArray(processedEvents.eventId, again))).length === 2,
  );
  expect(await db.select().from(refunds).where(eq(refunds.bookingId, bookingId))).toHaveLength(2);
});
