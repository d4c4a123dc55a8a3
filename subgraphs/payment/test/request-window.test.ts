// A payment's request is sent right after the commit, and a status check that finds it unknown to the provider sends it
// again once its time is over, counted from the payment's created_at. That was the transaction's start (now()): a
// startPayment that waited on the booking's lock longer than the margin saw its window end while its request was
// still on its way, and the reconciler sent the same request again beside it.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@busline/shared/testing';
import { payableBookings } from '../src/db/schema';
import type { PayRequest } from '../src/provider/types';
import {
  holdBooking,
  passenger,
  paymentRows,
  sandboxWith,
  startPayment,
  startPaymentSubgraph,
  type PaymentSubgraph,
} from './helpers';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const REQUEST_MS = 2_500;

const calls: { request: PayRequest; startedAt: number; endedAt?: number }[] = [];
// A provider whose request takes 2.5 s (declared as its longest: requestMs), otherwise the sandbox.
const slow = sandboxWith((sandbox) => ({
  requestMs: REQUEST_MS,
  requestToPay: async (request) => {
    const call: (typeof calls)[number] = { request, startedAt: Date.now() };
    calls.push(call);
    await sleep(REQUEST_MS - 300);
    await sandbox.requestToPay(request);
    call.endedAt = Date.now();
  },
}));

let subgraph: PaymentSubgraph;
beforeAll(async () => {
  subgraph = await startPaymentSubgraph({ provider: slow });
});
afterAll(async () => {
  await subgraph?.stop();
});

describe('request window of a payment whose transaction waited', () => {
  it('does not send the request again while the first one is still on its way', async () => {
    const owner = passenger();
    const bookingId = await holdBooking(subgraph, owner, 9_000);
    const db = subgraph.database.handle.db;
    // Another transaction holds the booking's row (a cash sale being decided, a close being handled, a slow commit):
    // startPayment's transaction waits on its lock for 6 s, past LEASE_MARGIN_MS.
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    const holder = db.transaction(async (tx) => {
      await tx.select().from(payableBookings).where(eq(payableBookings.bookingId, bookingId)).for('update');
      locked();
      await sleep(6_000);
    });
    await lockTaken;
    const started = startPayment(subgraph, owner, { bookingId, phone: '0788127777' }, randomUUID());
    await holder;
    const answer = await started;
    expect(answer.errors).toBeUndefined();
    const reference = answer.data?.startPayment.providerReference as string;
    await eventually(async () => (await paymentRows(subgraph, bookingId))[0]?.status === 'SUCCEEDED', 15_000);
    const forPayment = calls.filter((call) => call.request.referenceId === reference);
    // The first request was sent once and answered (accepted) within its own time: nothing was lost.
    expect(forPayment[0]!.endedAt! - forPayment[0]!.startedAt).toBeLessThanOrEqual(REQUEST_MS);
    expect(
      forPayment.map((call) => ({ startedAfterFirstMs: call.startedAt - forPayment[0]!.startedAt })),
      'the reconciler sent the request again while the first was still on its way',
    ).toHaveLength(1);
  });
});
