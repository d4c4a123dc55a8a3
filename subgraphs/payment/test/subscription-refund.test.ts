// paymentStatusChanged: each update shows the payment as it is now, its refund included.
import { randomUUID } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Viewer } from '@busline/shared';
import { eventually, untilSubscribed } from '@busline/shared/testing';
import { callbackHeaders } from '../src/provider/signature';
import { paymentTopic } from '../src/services/settle-payments';
import {
  holdBooking,
  passenger,
  payerAnswers,
  publish,
  startPayment,
  startPaymentSubgraph,
  type PaymentSubgraph,
} from './helpers';

let subgraph: PaymentSubgraph;
const clients: Client[] = [];
beforeAll(async () => {
  subgraph = await startPaymentSubgraph({ sandboxCallbackDelayMs: 60_000, reconcileAfterMs: 600_000 });
});
afterAll(async () => {
  for (const client of clients) await client.dispose();
  await subgraph.stop();
});

async function subscribe(viewer: Viewer, paymentId: string) {
  const { authorization } = await subgraph.tokens.authorization(viewer);
  const client = createClient({
    url: subgraph.graphqlUrl.replace('http', 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { authorization },
    retryAttempts: 0,
  });
  clients.push(client);
  const received: any[] = [];
  client.subscribe(
    {
      query:
        'subscription($id: ID!) { paymentStatusChanged(paymentId: $id) { id status refundState refundAmount { amount } } }',
      variables: { id: paymentId },
    },
    { next: (v) => void received.push(v), error: (e) => void received.push({ errors: e }), complete: () => {} },
  );
  return received;
}

async function approve(providerReference: string) {
  await payerAnswers(subgraph, providerReference, 'SUCCESSFUL');
  const body = JSON.stringify({ eventId: randomUUID(), referenceId: providerReference, status: 'SUCCESSFUL' });
  const response = await fetch(`${subgraph.server.url}/webhooks/momo`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...callbackHeaders(subgraph.server.webhookSecret, body) },
    body,
  });
  expect(response.status).toBe(200);
}

describe('paymentStatusChanged payload freshness', () => {
  it('shows the refund of a payment in the event that announces it (not the refundState read at the first event)', async () => {
    const owner = passenger();
    const bookingId = await holdBooking(subgraph, owner);
    const { data } = await startPayment(subgraph, owner, { bookingId });
    const paymentId = data?.startPayment.id as string;
    const received = await subscribe(owner, paymentId);
    await untilSubscribed(subgraph.deps.pubsub, paymentTopic(paymentId));
    await approve(data?.startPayment.providerReference as string);
    await eventually(() => received.length >= 1);
    expect(received[0].data?.paymentStatusChanged).toMatchObject({ status: 'SUCCEEDED', refundState: null });
    await publish(subgraph, 'refund.requested', {
      bookingId,
      paymentId,
      amount: { amount: 12_000, currency: 'RWF' },
      reason: 'PAID_AFTER_EXPIRY',
    });
    await eventually(() => received.some((r) => r.data?.paymentStatusChanged?.status === 'REFUNDED'), 30_000);
    const refunded = received.find((r) => r.data?.paymentStatusChanged?.status === 'REFUNDED');
    // The same payment read by the owner now: the refund is there.
    const queried = await subgraph.request(
      'query($id: ID!) { payment(id: $id) { id status refundState refundAmount { amount } } }',
      { id: paymentId },
      owner,
    );
    expect(queried.data?.payment).toEqual({
      id: paymentId,
      status: 'REFUNDED',
      refundState: 'SUCCEEDED',
      refundAmount: { amount: 12_000 },
    });
    expect(refunded.data.paymentStatusChanged).toEqual(queried.data?.payment);
  });
});
