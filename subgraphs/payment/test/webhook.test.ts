import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookDeliveries } from '../src/db/schema';
import { callbackHeaders } from '../src/provider/signature';
import { eventsFor, holdBooking, passenger, paymentRows, startPayment, startPaymentSubgraph, type PaymentSubgraph } from './helpers';

let subgraph: PaymentSubgraph;
const secret = 'test-webhook-secret-0123456789abcdef';
// The sandbox never answers during these tests: every callback below is the test's own.
beforeAll(async () => {
  subgraph = await startPaymentSubgraph({ webhookSecret: secret, sandboxCallbackDelayMs: 60_000, reconcileAfterMs: 600_000 });
});
afterAll(() => subgraph.stop());

async function pendingPayment() {
  const owner = passenger();
  const bookingId = await holdBooking(subgraph, owner);
  const { data } = await startPayment(subgraph, owner, { bookingId });
  return { bookingId, reference: data?.startPayment.providerReference as string };
}

function post(body: string, headers: Record<string, string>) {
  return fetch(`${subgraph.server.url}/webhooks/momo`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
}

const callback = (referenceId: string, status: 'SUCCESSFUL' | 'FAILED', eventId = randomUUID()) =>
  JSON.stringify({ eventId, referenceId, status, ...(status === 'FAILED' ? { reason: 'APPROVAL_REJECTED' } : {}) });

describe('POST /webhooks/momo', () => {
  it('settles a payment on a correctly signed callback and emits payment.succeeded', async () => {
    const { bookingId, reference } = await pendingPayment();
    const body = callback(reference, 'SUCCESSFUL');
    const response = await post(body, callbackHeaders(secret, body));
    expect(response.status).toBe(200);
    expect((await paymentRows(subgraph, bookingId))[0]?.status).toBe('SUCCEEDED');
    expect(await eventsFor(subgraph, 'payment.succeeded', bookingId)).toHaveLength(1);
  });

  it('ignores a callback with a bad signature', async () => {
    const { bookingId, reference } = await pendingPayment();
    const body = callback(reference, 'SUCCESSFUL');
    const response = await post(body, callbackHeaders('some-other-secret-0123456789', body));
    expect(response.status).toBe(401);
    expect((await paymentRows(subgraph, bookingId))[0]?.status).toBe('PENDING');
    expect(await eventsFor(subgraph, 'payment.succeeded', bookingId)).toHaveLength(0);
  });

  it('ignores a correctly signed callback older than five minutes', async () => {
    const { bookingId, reference } = await pendingPayment();
    const body = callback(reference, 'SUCCESSFUL');
    const response = await post(body, callbackHeaders(secret, body, Date.now() - 6 * 60_000));
    expect(response.status).toBe(401);
    expect((await paymentRows(subgraph, bookingId))[0]?.status).toBe('PENDING');
  });

  it('applies a replayed callback once', async () => {
    const { bookingId, reference } = await pendingPayment();
    const body = callback(reference, 'FAILED');
    const headers = callbackHeaders(secret, body);
    expect((await post(body, headers)).status).toBe(200);
    const replay = await post(body, headers);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ status: 'duplicate' });
    expect((await paymentRows(subgraph, bookingId))[0]).toMatchObject({ status: 'FAILED', failureReason: 'APPROVAL_REJECTED' });
    expect(await eventsFor(subgraph, 'payment.failed', bookingId)).toHaveLength(1);
  });

  it('answers 404 for an unknown reference without recording anything', async () => {
    const reference = randomUUID();
    const body = callback(reference, 'SUCCESSFUL');
    const response = await post(body, callbackHeaders(secret, body));
    expect(response.status).toBe(404);
    const rows = await subgraph.database.handle.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.providerReference, reference));
    expect(rows).toHaveLength(0);
  });
});
