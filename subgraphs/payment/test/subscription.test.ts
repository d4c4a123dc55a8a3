import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Viewer } from '@busline/shared';
import { callbackHeaders } from '../src/provider/signature';
import { holdBooking, passenger, startPayment, startPaymentSubgraph, type PaymentSubgraph } from './helpers';

let subgraph: PaymentSubgraph;
const clients: Client[] = [];
// Nothing settles on its own here: the test sends the provider's callback itself.
beforeAll(async () => {
  subgraph = await startPaymentSubgraph({ sandboxCallbackDelayMs: 60_000, reconcileAfterMs: 600_000 });
});
afterAll(async () => {
  for (const client of clients) await client.dispose();
  await subgraph.stop();
});

async function subscribe(viewer: Viewer, paymentId: string) {
  const { authorization } = await subgraph.tokens.authorization(viewer);
  const client = createClient({ url: subgraph.graphqlUrl.replace('http', 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization }, retryAttempts: 0 });
  clients.push(client);
  const received: { data?: any; errors?: readonly { extensions?: Record<string, unknown> }[] }[] = [];
  const errors: unknown[] = [];
  client.subscribe(
    { query: 'subscription($id: ID!) { paymentStatusChanged(paymentId: $id) { id status } }', variables: { id: paymentId } },
    { next: (value) => void received.push(value as (typeof received)[number]), error: (error) => void errors.push(error), complete: () => undefined },
  );
  await new Promise((resolve) => setTimeout(resolve, 300));
  return { received, errors };
}

describe('paymentStatusChanged', () => {
  it("streams the payment's status changes to its owner and refuses anyone else", async () => {
    const owner = passenger();
    const bookingId = await holdBooking(subgraph, owner);
    const { data } = await startPayment(subgraph, owner, { bookingId });
    const paymentId = data?.startPayment.id as string;
    const mine = await subscribe(owner, paymentId);
    const theirs = await subscribe(passenger(), paymentId);
    const body = JSON.stringify({ eventId: 'evt-sub-1', referenceId: data?.startPayment.providerReference, status: 'SUCCESSFUL' });
    await fetch(`${subgraph.server.url}/webhooks/momo`, { method: 'POST', headers: { 'content-type': 'application/json', ...callbackHeaders(subgraph.server.webhookSecret, body) }, body });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(mine.received.map((r) => r.data?.paymentStatusChanged)).toEqual([{ id: paymentId, status: 'SUCCEEDED' }]);
    const refusal = [...theirs.received.flatMap((r) => r.errors ?? []), ...(theirs.errors as { extensions?: Record<string, unknown> }[][]).flat()];
    expect(refusal.map((e) => e.extensions?.code)).toContain('NOT_FOUND');
    expect(theirs.received.some((r) => r.data?.paymentStatusChanged)).toBe(false);
  });
});
