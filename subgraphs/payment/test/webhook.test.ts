import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteExpired } from '@busline/shared';
import { eventually } from '@busline/shared/testing';
import { idempotencyKeys, webhookDeliveries } from '../src/db/schema';
import { WEBHOOK_DELIVERIES_RETENTION_MS } from '../src/db/retention';
import { callbackHeaders } from '../src/provider/signature';
import {
  eventsFor,
  holdBooking,
  passenger,
  payerAnswers,
  paymentRows,
  startPayment,
  startPaymentSubgraph,
  type PaymentSubgraph,
} from './helpers';

let subgraph: PaymentSubgraph;
const secret = 'test-webhook-secret-0123456789abcdef';
// The sandbox's payer never answers on its own during these tests (60 s), and nothing is checked unless a
// callback asks: every callback below is the test's own, and only what the sandbox's status API says counts.
beforeAll(async () => {
  subgraph = await startPaymentSubgraph({
    webhookSecret: secret,
    sandboxCallbackDelayMs: 60_000,
    reconcileAfterMs: 600_000,
  });
});
afterAll(() => subgraph.stop());

async function pendingPayment(phone = '0788123456') {
  const owner = passenger();
  const bookingId = await holdBooking(subgraph, owner);
  const { data } = await startPayment(subgraph, owner, { bookingId, phone });
  return { bookingId, reference: data?.startPayment.providerReference as string };
}

function post(body: string, headers: Record<string, string>) {
  return fetch(`${subgraph.server.url}/webhooks/momo`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
}

const callback = (
  referenceId: string,
  status: 'SUCCESSFUL' | 'FAILED',
  eventId = randomUUID(),
  extra: Record<string, unknown> = {},
) =>
  JSON.stringify({
    eventId,
    referenceId,
    status,
    ...(status === 'FAILED' ? { reason: 'APPROVAL_REJECTED' } : {}),
    ...extra,
  });

const statusOf = async (bookingId: string) => (await paymentRows(subgraph, bookingId))[0]?.status;

describe('POST /webhooks/momo (signed sandbox callbacks)', () => {
  it('settles a payment from the status read a correctly signed callback prompts, and emits payment.succeeded', async () => {
    const { bookingId, reference } = await pendingPayment();
    await payerAnswers(subgraph, reference, 'SUCCESSFUL');
    const body = callback(reference, 'SUCCESSFUL');
    const response = await post(body, callbackHeaders(secret, body));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'checking' });
    await eventually(async () => (await statusOf(bookingId)) === 'SUCCEEDED');
    expect(await eventsFor(subgraph, 'payment.succeeded', bookingId)).toHaveLength(1);
  });

  it('changes nothing when a correctly signed callback claims success while the provider still says PENDING', async () => {
    const { bookingId, reference } = await pendingPayment();
    const body = callback(reference, 'SUCCESSFUL', randomUUID(), { amount: '1', currency: 'EUR' });
    const response = await post(body, callbackHeaders(secret, body));
    expect(response.status).toBe(200);
    // The status check it prompted ran and rescheduled the payment: it is still PENDING.
    await eventually(async () => (await paymentRows(subgraph, bookingId))[0]!.statusChecks >= 1);
    expect(await statusOf(bookingId)).toBe('PENDING');
    expect(await eventsFor(subgraph, 'payment.succeeded', bookingId)).toHaveLength(0);
  });

  it('does not overturn a decline: a correctly signed success for a FAILED payment changes nothing', async () => {
    const { bookingId, reference } = await pendingPayment('0788120000');
    await payerAnswers(subgraph, reference, 'FAILED');
    const declined = callback(reference, 'FAILED');
    expect((await post(declined, callbackHeaders(secret, declined))).status).toBe(200);
    await eventually(async () => (await statusOf(bookingId)) === 'FAILED');
    const forged = callback(reference, 'SUCCESSFUL', randomUUID(), {
      amount: '1',
      currency: 'EUR',
      financialTransactionId: 'forged',
    });
    const response = await post(forged, callbackHeaders(secret, forged));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'already-settled' });
    expect(await paymentRows(subgraph, bookingId)).toEqual([
      expect.objectContaining({ status: 'FAILED', failureReason: 'APPROVAL_REJECTED' }),
    ]);
    expect(await eventsFor(subgraph, 'payment.succeeded', bookingId)).toHaveLength(0);
  });

  it('ignores a callback with a bad signature', async () => {
    const { bookingId, reference } = await pendingPayment();
    await payerAnswers(subgraph, reference, 'SUCCESSFUL');
    const body = callback(reference, 'SUCCESSFUL');
    const response = await post(body, callbackHeaders('some-other-secret-0123456789', body));
    expect(response.status).toBe(401);
    expect(await statusOf(bookingId)).toBe('PENDING');
    expect(await eventsFor(subgraph, 'payment.succeeded', bookingId)).toHaveLength(0);
  });

  it('ignores a correctly signed callback older than five minutes', async () => {
    const { bookingId, reference } = await pendingPayment();
    const body = callback(reference, 'SUCCESSFUL');
    const response = await post(body, callbackHeaders(secret, body, Date.now() - 6 * 60_000));
    expect(response.status).toBe(401);
    expect(await statusOf(bookingId)).toBe('PENDING');
  });

  it('counts a replayed callback once', async () => {
    const { bookingId, reference } = await pendingPayment();
    await payerAnswers(subgraph, reference, 'FAILED');
    const body = callback(reference, 'FAILED');
    const headers = callbackHeaders(secret, body);
    expect((await post(body, headers)).status).toBe(200);
    const replay = await post(body, headers);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ status: 'duplicate' });
    await eventually(async () => (await statusOf(bookingId)) === 'FAILED');
    expect((await paymentRows(subgraph, bookingId))[0]).toMatchObject({
      status: 'FAILED',
      failureReason: 'APPROVAL_REJECTED',
    });
    expect(await eventsFor(subgraph, 'payment.failed', bookingId)).toHaveLength(1);
  });

  it('answers 404 for an unknown reference without recording anything', async () => {
    const reference = randomUUID();
    const body = callback(reference, 'SUCCESSFUL');
    const response = await post(body, callbackHeaders(secret, body));
    expect(response.status).toBe(404);
    const rows = await subgraph.database.handle.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.providerReference, reference));
    expect(rows).toHaveLength(0);
  });

  it('deletes callback records after 30 days and idempotency keys after 24 hours, by the retention worker’s rules', async () => {
    const db = subgraph.database.handle.db;
    const ago = (hours: number) => new Date(Date.now() - hours * 3600_000);
    const [oldCallback, newCallback] = [randomUUID(), randomUUID()];
    await db.insert(webhookDeliveries).values([
      { eventId: oldCallback, providerReference: 'ref-old', receivedAt: ago(31 * 24) },
      { eventId: newCallback, providerReference: 'ref-new', receivedAt: ago(29 * 24) },
    ]);
    const [oldKey, newKey] = [randomUUID(), randomUUID()];
    const userId = randomUUID();
    await db.insert(idempotencyKeys).values([
      { userId, key: oldKey, requestHash: 'h', createdAt: ago(25) },
      { userId, key: newKey, requestHash: 'h', createdAt: ago(23) },
    ]);
    const rules = subgraph.server.events.retention;
    expect(rules.find((r) => r.table === webhookDeliveries)!.keepMs).toBe(WEBHOOK_DELIVERIES_RETENTION_MS);
    for (const rule of rules) await deleteExpired(db, rule);
    const callbacks = await db
      .select({ id: webhookDeliveries.eventId })
      .from(webhookDeliveries)
      .where(inArray(webhookDeliveries.eventId, [oldCallback, newCallback]));
    expect(callbacks.map((row) => row.id)).toEqual([newCallback]);
    const keys = await db
      .select({ key: idempotencyKeys.key })
      .from(idempotencyKeys)
      .where(eq(idempotencyKeys.userId, userId));
    expect(keys.map((row) => row.key)).toEqual([newKey]);
  });
});
