import { eq } from 'drizzle-orm';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Viewer } from '@busline/shared';
import { eventually, untilSubscribed } from '@busline/shared/testing';
import { payments } from '../src/db/schema';
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
// Nothing settles on its own here: the test sends the provider's callback itself.
beforeAll(async () => {
  subgraph = await startPaymentSubgraph({ sandboxCallbackDelayMs: 60_000, reconcileAfterMs: 600_000 });
});
afterAll(async () => {
  for (const client of clients) await client.dispose();
  await subgraph.stop();
});

interface Outcome {
  data?: any;
  errors?: readonly { extensions?: Record<string, unknown> }[];
}

/** Follows paymentStatusChanged as `viewer` (`fields` of each update): what arrived, and whether it ended. */
async function subscribe(viewer: Viewer, paymentId: string, fields = 'id status') {
  const { authorization } = await subgraph.tokens.authorization(viewer);
  const client = createClient({
    url: subgraph.graphqlUrl.replace('http', 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { authorization },
    retryAttempts: 0,
  });
  clients.push(client);
  const stream = { received: [] as Outcome[], ended: false };
  client.subscribe(
    {
      query: `subscription($id: ID!) { paymentStatusChanged(paymentId: $id) { ${fields} } }`,
      variables: { id: paymentId },
    },
    {
      next: (value) => void stream.received.push(value as Outcome),
      error: (error) => {
        stream.received.push({ errors: error as Outcome['errors'] });
        stream.ended = true;
      },
      complete: () => void (stream.ended = true),
    },
  );
  return stream;
}

async function pendingPayment(owner: Viewer) {
  const bookingId = await holdBooking(subgraph, owner);
  const { data } = await startPayment(subgraph, owner, { bookingId });
  return {
    paymentId: data?.startPayment.id as string,
    providerReference: data?.startPayment.providerReference as string,
  };
}

/** The payer approves, and the sandbox's signed callback says so (the status read back settles it). */
async function approve(providerReference: string, eventId: string) {
  await payerAnswers(subgraph, providerReference, 'SUCCESSFUL');
  const body = JSON.stringify({ eventId, referenceId: providerReference, status: 'SUCCESSFUL' });
  const response = await fetch(`${subgraph.server.url}/webhooks/momo`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...callbackHeaders(subgraph.server.webhookSecret, body) },
    body,
  });
  expect(response.status).toBe(200);
}

describe('paymentStatusChanged', () => {
  it("streams the payment's status changes to its owner", async () => {
    const owner = passenger();
    const { paymentId, providerReference } = await pendingPayment(owner);
    const mine = await subscribe(owner, paymentId);
    await untilSubscribed(subgraph.deps.pubsub, paymentTopic(paymentId));
    await approve(providerReference, 'evt-sub-owner');
    await eventually(() => mine.received.length > 0);
    expect(mine.received.map((r) => r.data?.paymentStatusChanged)).toEqual([{ id: paymentId, status: 'SUCCEEDED' }]);
  });

  it('refuses anyone else with NOT_FOUND, without subscribing them to the payment', async () => {
    const { paymentId } = await pendingPayment(passenger());
    const theirs = await subscribe(passenger(), paymentId);
    await eventually(() => theirs.ended);
    expect(theirs.received).toEqual([
      { errors: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'NOT_FOUND' }) })] },
    ]);
    expect(await subgraph.deps.pubsub.subscriberCount(paymentTopic(paymentId))).toBe(0);
  });
  it('ends the stream of a payer who no longer has the payment (its booking claimed by another account)', async () => {
    const seller = passenger();
    const bookingId = await holdBooking(subgraph, seller);
    const { data } = await startPayment(subgraph, seller, { bookingId });
    const paymentId = data?.startPayment.id as string;
    const sellers = await subscribe(seller, paymentId);
    await untilSubscribed(subgraph.deps.pubsub, paymentTopic(paymentId));
    const claimer = passenger();
    await publish(subgraph, 'booking.claimed', { bookingId, userId: claimer.userId, previousUserId: seller.userId });
    await eventually(
      async () =>
        (await subgraph.database.handle.db.select().from(payments).where(eq(payments.id, paymentId)))[0]?.userId ===
        claimer.userId,
    );
    await approve(data?.startPayment.providerReference as string, 'evt-sub-claimed');
    await eventually(() => sellers.ended);
    expect(sellers.received).toEqual([]);
  });
  it('shows the refund in the update that announces it (read afresh, not as the first update found it)', async () => {
    const owner = passenger();
    const bookingId = await holdBooking(subgraph, owner);
    const { data } = await startPayment(subgraph, owner, { bookingId });
    const paymentId = data?.startPayment.id as string;
    const fields = 'id status refundState refundAmount { amount }';
    const mine = await subscribe(owner, paymentId, fields);
    await untilSubscribed(subgraph.deps.pubsub, paymentTopic(paymentId));
    await approve(data?.startPayment.providerReference as string, 'evt-sub-refund');
    await eventually(() => mine.received.length >= 1);
    expect(mine.received[0]!.data?.paymentStatusChanged).toMatchObject({ status: 'SUCCEEDED', refundState: null });
    await publish(subgraph, 'refund.requested', {
      bookingId,
      paymentId,
      amount: { amount: 12_000, currency: 'RWF' },
      reason: 'PAID_AFTER_EXPIRY',
    });
    await eventually(() => mine.received.some((r) => r.data?.paymentStatusChanged?.status === 'REFUNDED'), 30_000);
    const refunded = mine.received.find((r) => r.data?.paymentStatusChanged?.status === 'REFUNDED');
    // What the owner's query answers now: the refund is there.
    const queried = await subgraph.request(
      `query($id: ID!) { payment(id: $id) { ${fields} } }`,
      { id: paymentId },
      owner,
    );
    expect(queried.data?.payment).toEqual({
      id: paymentId,
      status: 'REFUNDED',
      refundState: 'SUCCEEDED',
      refundAmount: { amount: 12_000 },
    });
    expect(refunded!.data.paymentStatusChanged).toEqual(queried.data?.payment);
  });

  it('ends the subscription underneath when its client leaves while nothing changes', async () => {
    const owner = passenger();
    const { paymentId } = await pendingPayment(owner);
    await subscribe(owner, paymentId);
    await untilSubscribed(subgraph.deps.pubsub, paymentTopic(paymentId));
    await clients.pop()!.dispose();
    await eventually(async () => (await subgraph.deps.pubsub.subscriberCount(paymentTopic(paymentId))) === 0);
  });
});
