// A refund attempt is leased in the database before the provider is asked (docs/payments.md, Refunds): Airtel's
// refund takes no reference of ours, so an attempt started while another is still waiting for the provider would pay
// the passenger back twice. These tests make the provider slower than REFUND_RETRY_MS.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@busline/shared/testing';
import { refunds } from '../src/db/schema';
import type { PaymentOptions } from '../src/options';
import { createServer } from '../src/server';
import {
  holdBooking,
  passenger,
  paymentRows,
  publish,
  startPayment,
  startPaymentSubgraph,
  startWithScriptedAirtel,
  type AirtelScript,
  type PaymentSubgraph,
  sandboxWith,
} from './helpers';

const REFUND_ANSWER_MS = 600;

/** A scripted Airtel that takes payments at once and pays back every refund it is asked for, slowly. */
function fakeAirtel() {
  const state = { refundPosts: 0, refunded: 0 };
  const script: AirtelScript = ({ method, url, body }, send) => {
    if (method === 'POST' && url.startsWith('/merchant/v1/payments')) {
      send(200, {
        data: { transaction: { id: JSON.parse(body).transaction.id, status: 'SUCCESS' } },
        status: { code: '200', success: true, message: 'SUCCESS' },
      });
    } else if (method === 'GET' && url.startsWith('/standard/v1/payments/')) {
      const id = decodeURIComponent(url.split('/').pop()!);
      send(200, {
        data: { transaction: { id, status: 'TS', airtel_money_id: 'AM-777', message: 'success' } },
        status: { code: '200', success: true },
      });
    } else if (method === 'POST' && url.startsWith('/standard/v1/payments/refund')) {
      state.refundPosts++;
      setTimeout(() => {
        state.refunded++;
        send(200, {
          data: { transaction: { airtel_money_id: 'AM-777', status: 'SUCCESS' } },
          status: { code: '200', success: true, message: 'SUCCESS' },
        });
      }, REFUND_ANSWER_MS);
    } else return false;
    return true;
  };
  return { script, state };
}

/** A cancellation of `bookingId` asking for the whole of its payment back. */
const cancelled = (bookingId: string, userId: string, paymentId: string, amount: number) => ({
  bookingId,
  tripId: randomUUID(),
  companyId: randomUUID(),
  userId,
  reason: 'PASSENGER',
  cancelledBy: userId,
  ticketIds: [],
  refund: { amount, currency: 'RWF' },
  paymentId,
});

const refundOf = async (subgraph: PaymentSubgraph, paymentId: string) =>
  (await subgraph.database.handle.db.select().from(refunds).where(eq(refunds.paymentId, paymentId)))[0];

describe('an Airtel refund slower than REFUND_RETRY_MS', () => {
  let subgraph: PaymentSubgraph;
  let stop: () => Promise<void>;
  const airtel = fakeAirtel();

  beforeAll(async () => {
    ({ subgraph, stop } = await startWithScriptedAirtel(
      airtel.script,
      {
        reconcileAfterMs: 50,
        reconcileBackoffMs: 50,
        reconcileBackoffMaxMs: 100,
        reconcileIntervalMs: 50,
        refundRetryMs: 100,
      },
      { timeoutMs: 5000 },
    ));
  });
  afterAll(async () => {
    await stop?.();
  });

  it('is sent to Airtel once: the worker keeps off while the attempt after commit waits for the answer', async () => {
    const owner = passenger();
    const bookingId = await holdBooking(subgraph, owner, 15_000);
    const { data, errors } = await startPayment(subgraph, owner, {
      bookingId,
      method: 'AIRTEL_MONEY',
      phone: '0732121234',
    });
    expect(errors).toBeUndefined();
    const paymentId = data!.startPayment.id as string;
    await eventually(async () => (await paymentRows(subgraph, bookingId))[0]?.status === 'SUCCEEDED', 5000);

    await publish(subgraph, 'booking.cancelled', cancelled(bookingId, owner.userId, paymentId, 15_000));
    await eventually(async () => (await refundOf(subgraph, paymentId))?.status === 'SUCCEEDED', 5000);
    await new Promise((resolve) => setTimeout(resolve, 2 * REFUND_ANSWER_MS));
    expect(airtel.state).toEqual({ refundPosts: 1, refunded: 1 });
  });
});

describe('two payment instances on one database, the provider slow to refund', () => {
  it('send each refund once, whichever instance leases it', async () => {
    const refundCalls = new Map<string, number>();
    const slowRefunds = sandboxWith((sandbox) => ({
      refund: async (r) => {
        refundCalls.set(r.paymentReference, (refundCalls.get(r.paymentReference) ?? 0) + 1);
        await new Promise((resolve) => setTimeout(resolve, REFUND_ANSWER_MS));
        return sandbox.refund(r);
      },
    }));
    const options: PaymentOptions = { reconcileIntervalMs: 20, refundRetryMs: 50, provider: slowRefunds };
    const first = await startPaymentSubgraph(options);
    const second = createServer(first.deps, options);
    await second.start(0);
    try {
      const owner = passenger();
      const bookingId = await holdBooking(first, owner, 12_000);
      const { data } = await startPayment(first, owner, { bookingId });
      const paymentId = data?.startPayment.id as string;
      const reference = data?.startPayment.providerReference as string;
      await eventually(async () => (await paymentRows(first, bookingId))[0]?.status === 'SUCCEEDED');

      await publish(first, 'booking.cancelled', cancelled(bookingId, owner.userId, paymentId, 12_000));
      await eventually(async () => (await refundOf(first, paymentId))?.status === 'SUCCEEDED', 5000);
      await new Promise((resolve) => setTimeout(resolve, 2 * REFUND_ANSWER_MS));
      expect(refundCalls.get(reference)).toBe(1);
    } finally {
      await second.stop();
      await first.stop();
    }
  });
});
