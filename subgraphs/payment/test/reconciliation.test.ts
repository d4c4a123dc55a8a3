import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, itConcurrent } from '@busline/shared/testing';
import { payments } from '../src/db/schema';
import type { PaymentOptions } from '../src/options';
import { createServer } from '../src/server';
import {
  eventsFor,
  holdBooking,
  passenger,
  paymentRows,
  startPayment,
  startPaymentSubgraph,
  type PaymentSubgraph,
  sandboxWith,
} from './helpers';

// Production timings of the reconciliation; only the sandbox is quick. The payer answers after 1 s
// (the expected callback), and a number ending 9999 never calls back but shows SUCCESSFUL on the
// status API from then on.
const EXPECTED_CALLBACK_MS = 1000;
const productionTimings: PaymentOptions = {
  sandboxCallbackDelayMs: EXPECTED_CALLBACK_MS,
  sandboxUnansweredSettleMs: EXPECTED_CALLBACK_MS,
  reconcileAfterMs: 3000,
  reconcileBackoffMs: 5000,
  reconcileBackoffMaxMs: 60_000,
  reconcileIntervalMs: 1000,
};
const BOUND_MS = 10_000;

let subgraph: PaymentSubgraph;
beforeAll(async () => {
  subgraph = await startPaymentSubgraph(productionTimings);
});
afterAll(() => subgraph.stop());

/** A payment from a number whose callback never comes; resolves with the time its callback was expected. */
async function paymentWithLostCallback(target: PaymentSubgraph) {
  const owner = passenger();
  const bookingId = await holdBooking(target, owner);
  const { data, errors } = await startPayment(target, owner, { bookingId, phone: '0788129999' });
  expect(errors).toBeUndefined();
  return {
    bookingId,
    reference: data?.startPayment.providerReference as string,
    expectedCallbackAt: Date.now() + EXPECTED_CALLBACK_MS,
  };
}

const succeededAt = (target: PaymentSubgraph, bookingId: string) =>
  eventually(
    async () => ((await paymentRows(target, bookingId))[0]?.status === 'SUCCEEDED' ? Date.now() : null),
    BOUND_MS + 5000,
  );

describe('a payment whose callback is lost', () => {
  it('is settled from the status API within 10 s of its expected callback time', async () => {
    const { bookingId, expectedCallbackAt } = await paymentWithLostCallback(subgraph);
    const settled = await succeededAt(subgraph, bookingId);
    expect(settled - expectedCallbackAt).toBeLessThanOrEqual(BOUND_MS);
    expect(await eventsFor(subgraph, 'payment.succeeded', bookingId)).toHaveLength(1);
  }, 30_000);

  it('is settled within 10 s of its expected callback time by a new server on the same database after a restart', async () => {
    // `host` serves the requests and owns the database; its own worker never ticks during the test.
    // The payment instance that was up when the payment started is stopped before it is due.
    const host = await startPaymentSubgraph({ ...productionTimings, reconcileIntervalMs: 3_600_000 });
    const before = createServer(host.deps, productionTimings);
    await before.start(0);
    const { bookingId, expectedCallbackAt } = await paymentWithLostCallback(host);
    await before.stop();
    const restarted = createServer(host.deps, productionTimings);
    await restarted.start(0);
    try {
      const settled = await succeededAt(host, bookingId);
      expect(settled - expectedCallbackAt).toBeLessThanOrEqual(BOUND_MS);
    } finally {
      await restarted.stop();
      await host.stop();
    }
  }, 30_000);
});

describe('two payment instances on one database', () => {
  itConcurrent(
    'check and settle each due payment once',
    async () => {
      const checks = new Map<string, number>();
      const countingChecks = sandboxWith((sandbox) => ({
        getStatus: (reference) => (
          checks.set(reference, (checks.get(reference) ?? 0) + 1),
          sandbox.getStatus(reference)
        ),
      }));
      // Nothing is due on its own (first check 10 minutes out); the test makes all payments due at once.
      const options: PaymentOptions = {
        sandboxUnansweredSettleMs: 0,
        reconcileAfterMs: 600_000,
        reconcileIntervalMs: 20,
        provider: countingChecks,
        // Thirty payments from one phone within the test.
        promptsPerWalletPerHour: 1000,
      };
      const first = await startPaymentSubgraph(options);
      const second = createServer(first.deps, options);
      await second.start(0);
      try {
        const bookingIds: string[] = [];
        for (let i = 0; i < 30; i++) bookingIds.push((await paymentWithLostCallback(first)).bookingId);
        const db = first.database.handle.db;
        await db.update(payments).set({ nextCheckAt: new Date() }).where(inArray(payments.bookingId, bookingIds));
        await eventually(
          async () => (await db.select().from(payments).where(eq(payments.status, 'SUCCEEDED'))).length === 30,
        );
        const references = (await db.select().from(payments)).map((row) => row.providerReference!);
        expect(references.map((reference) => checks.get(reference))).toEqual(references.map(() => 1));
        for (const bookingId of bookingIds)
          expect(await eventsFor(first, 'payment.succeeded', bookingId)).toHaveLength(1);
      } finally {
        await second.stop();
        await first.stop();
      }
    },
    30_000,
  );
});
