// An Airtel payment request sent again by the reconciler (its first sender died after Airtel took it, before recording
// the answer) and refused: Airtel may be refusing a copy of the request the payer is approving. Taken as Airtel's
// verdict (a first request's refusal is one), the payment was failed for good and never checked again: the payer's
// approval was money collected with neither a ticket nor a refund.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eventually } from '@busline/shared/testing';
import { payments } from '../src/db/schema';
import { airtelCallbackHash } from '../src/provider/airtel-money';
import type { PaymentProvider } from '../src/provider/types';
import {
  holdBooking,
  passenger,
  paymentRows,
  startPayment,
  startWithScriptedAirtel,
  type AirtelScript,
  type PaymentSubgraph,
} from './helpers';

const SECRET = 'airtel-callback-secret-for-resend-tests';
const state = { posts: 0, approved: false };

/** Airtel records the first request (the prompt is on the phone); its enquiry lags ("not found") until the payer
 * approves; a resend of the same id is refused ("in process"), as Airtel does for an id it is still handling. */
const script: AirtelScript = ({ method, url }, send) => {
  if (method === 'POST' && url.startsWith('/merchant/v1/payments')) {
    state.posts++;
    if (state.posts === 1) {
      send(200, { data: { transaction: { id: 'x', status: 'Success.' } }, status: { code: '200', success: true } });
    } else {
      send(200, {
        data: {},
        status: { code: '200', success: false, message: 'Transaction in process', response_code: 'DP00800001006' },
      });
    }
    return true;
  }
  if (method === 'GET' && url.startsWith('/standard/v1/payments/')) {
    const id = decodeURIComponent(url.split('/').pop()!);
    if (state.approved)
      send(200, {
        data: { transaction: { id, status: 'TS', airtel_money_id: 'AM777', message: 'success' } },
        status: { code: '200', success: true },
      });
    else send(404, { data: {}, status: { code: '404', success: false, message: 'Transaction not found' } });
    return true;
  }
  return false;
};

/** The instance that sent the first request died right after Airtel took it (nothing recorded it as sent). */
const stuck: (() => void)[] = [];
const seen = new Set<string>();
const diesAfterFirstSend = (airtel: PaymentProvider): PaymentProvider => ({
  name: airtel.name,
  requestToPay: async (request) => {
    if (!seen.has(request.referenceId)) {
      seen.add(request.referenceId);
      await airtel.requestToPay(request);
      return new Promise<void>((resolve) => stuck.push(resolve));
    }
    return airtel.requestToPay(request);
  },
  getStatus: (reference, market) => airtel.getStatus(reference, market),
  refund: (request) => airtel.refund(request),
  get requestMs() {
    return airtel.requestMs;
  },
  get statusCheckMs() {
    return airtel.statusCheckMs;
  },
  get refundAttemptMs() {
    return airtel.refundAttemptMs;
  },
});

let subgraph: PaymentSubgraph;
let stop: () => Promise<void>;
beforeAll(async () => {
  ({ subgraph, stop } = await startWithScriptedAirtel(
    script,
    { provider: diesAfterFirstSend, reconcileAfterMs: 200, reconcileBackoffMs: 100, reconcileBackoffMaxMs: 200 },
    { callbackSecret: SECRET },
  ));
});
/** The first startPayment, whose request's sender is stuck: answered once released, before the subgraph stops. */
let started: Promise<unknown> | undefined;
afterAll(async () => {
  for (const release of stuck) release();
  await started?.catch(() => undefined);
  await stop?.();
});

it('keeps an Airtel payment whose request sent again is refused checked: the approval is confirmed', async () => {
  const owner = passenger();
  const bookingId = await holdBooking(subgraph, owner, 20_000);
  started = startPayment(subgraph, owner, { bookingId, method: 'AIRTEL_MONEY', phone: '0732121234' }, randomUUID());
  await eventually(async () => state.posts === 1 && (await paymentRows(subgraph, bookingId)).length === 1);
  const [payment] = await paymentRows(subgraph, bookingId);
  expect(payment).toMatchObject({ status: 'PENDING' });
  // The request's longest time is over.
  await subgraph.database.handle.db
    .update(payments)
    .set({ createdAt: new Date(Date.now() - 180_000) })
    .where(eq(payments.id, payment!.id));
  // The reconciler sends it again; Airtel refuses the resend.
  await eventually(async () => state.posts >= 2, 15_000);
  await eventually(async () => (await paymentRows(subgraph, bookingId))[0]!.status !== 'PENDING', 15_000);
  expect((await paymentRows(subgraph, bookingId))[0]).toMatchObject({
    status: 'FAILED',
    failureReason: 'PROVIDER_UNAVAILABLE',
    nextCheckAt: expect.any(Date),
  });

  // The payer approves the prompt of the original request; Airtel calls back, signed.
  state.approved = true;
  const transaction = { id: payment!.providerReference, message: 'Paid', status_code: 'TS', airtel_money_id: 'AM777' };
  const callback = await fetch(`${subgraph.server.url}/webhooks/airtel`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ transaction, hash: airtelCallbackHash(SECRET, JSON.stringify(transaction)) }),
  });
  const answer = (await callback.json()) as { status: string };
  const row = async () => (await paymentRows(subgraph, bookingId))[0]!;
  expect(answer.status).not.toBe('already-settled');
  // Airtel collected the money: the payment must be confirmed (or refunded), never left FAILED for good.
  await eventually(async () => (await row()).status === 'SUCCEEDED', 8_000);
});
