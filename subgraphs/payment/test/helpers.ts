import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Viewer } from '@busline/shared';
import { eventually, startTestSubgraph, type TestSubgraph } from '@busline/shared/testing';
import { migrations } from '../src/db/migrations';
import { outbox, payableBookings, payments, sandboxRequests } from '../src/db/schema';
import type { PaymentOptions } from '../src/options';
import type { PaymentProvider } from '../src/provider/types';
import { createServer } from '../src/server';

export type PaymentSubgraph = TestSubgraph<ReturnType<typeof createServer>> & {
  providerCalls: { requestToPay: number; refund: number };
};

/** Starts the payment subgraph with tiny sandbox delays and a provider that counts its calls. */
export async function startPaymentSubgraph(options: PaymentOptions = {}): Promise<PaymentSubgraph> {
  const providerCalls = { requestToPay: 0, refund: 0 };
  const counting = (sandbox: PaymentProvider): PaymentProvider => ({
    name: sandbox.name,
    requestToPay: (r) => (providerCalls.requestToPay++, sandbox.requestToPay(r)),
    getStatus: (ref) => sandbox.getStatus(ref),
    refund: (r) => (providerCalls.refund++, sandbox.refund(r)),
    cancel: (ref) => sandbox.cancel!(ref),
    close: () => sandbox.close!(),
  });
  const subgraph = await startTestSubgraph({
    name: 'payment',
    migrations,
    createServer: (deps) =>
      createServer(deps, {
        sandboxCallbackDelayMs: 30,
        sandboxUnansweredSettleMs: 400,
        reconcileAfterMs: 150,
        reconcileBackoffMs: 100,
        reconcileBackoffMaxMs: 200,
        reconcileIntervalMs: 100,
        refundRetryMs: 50,
        bookingReplicaWaitMs: 300,
        provider: counting,
        ...options,
      }),
  });
  return Object.assign(subgraph, { providerCalls });
}

export const passenger = (): Viewer => ({ userId: randomUUID(), role: 'PASSENGER', companyId: null });

/** Publishes a domain event as another subgraph would (through the bus). */
export async function publish(
  subgraph: PaymentSubgraph,
  type: string,
  payload: Record<string, unknown>,
  id: string = randomUUID(),
): Promise<void> {
  await subgraph.deps.bus.publish({ id, type, source: 'ticketing', occurredAt: new Date().toISOString(), payload });
}

/** booking.held for `owner`, waited for until the replica has it. */
export async function holdBooking(
  subgraph: PaymentSubgraph,
  owner: Viewer,
  amount = 12_000,
  companyId: string = randomUUID(),
): Promise<string> {
  const bookingId = randomUUID();
  await publish(subgraph, 'booking.held', {
    bookingId,
    tripId: randomUUID(),
    companyId,
    userId: owner.userId,
    tickets: [{ ticketId: randomUUID(), seatNumber: '1A', passengerName: 'Aline' }],
    totalAmount: { amount, currency: 'RWF' },
    expiresAt: new Date(Date.now() + 600_000).toISOString(),
    departureAt: new Date(Date.now() + 86_400_000).toISOString(),
  });
  const db = subgraph.database.handle.db;
  await eventually(
    async () => (await db.select().from(payableBookings).where(eq(payableBookings.bookingId, bookingId))).length === 1,
  );
  return bookingId;
}

export const START_PAYMENT = `mutation($input: StartPaymentInput!, $key: String!) {
  startPayment(input: $input, idempotencyKey: $key) { id status method providerReference amount { amount currency } booking { id } }
}`;

export function startPayment(
  subgraph: PaymentSubgraph,
  viewer: Viewer,
  input: { bookingId: string; method?: string; phone?: string },
  key: string = randomUUID(),
) {
  return subgraph.request(START_PAYMENT, { input: { method: 'MTN_MOMO', phone: '0788123456', ...input }, key }, viewer);
}

/** Outbox rows of `type` whose payload concerns `bookingId`. */
export async function eventsFor(subgraph: PaymentSubgraph, type: string, bookingId: string) {
  const rows = await subgraph.database.handle.db.select().from(outbox).where(eq(outbox.type, type));
  return rows.map((row) => row.payload as Record<string, any>).filter((payload) => payload.bookingId === bookingId);
}

export async function paymentRows(subgraph: PaymentSubgraph, bookingId: string) {
  return subgraph.database.handle.db.select().from(payments).where(eq(payments.bookingId, bookingId));
}

/** The in-process sandbox's payer answers a request now (its status API shows the outcome from now on). */
export async function payerAnswers(
  subgraph: PaymentSubgraph,
  reference: string,
  outcome: 'SUCCESSFUL' | 'FAILED',
): Promise<void> {
  await subgraph.database.handle.db
    .update(sandboxRequests)
    .set({ outcome, reason: outcome === 'FAILED' ? 'APPROVAL_REJECTED' : null, settlesAt: new Date() })
    .where(eq(sandboxRequests.referenceId, reference));
}

/**
 * The sandbox provider, but the answer to a payment request is lost whenever `lose()` says so: the request reached
 * the provider and we saw a timeout, so the payment is FAILED (PROVIDER_UNAVAILABLE) while the payer can still
 * approve it.
 */
export const losingAnswers =
  (lose: () => boolean = () => true) =>
  (sandbox: PaymentProvider): PaymentProvider => ({
    name: sandbox.name,
    requestToPay: async (request) => {
      await sandbox.requestToPay(request);
      if (lose()) throw new Error('timeout waiting for the provider');
    },
    getStatus: (reference) => sandbox.getStatus(reference),
    refund: (request) => sandbox.refund(request),
    cancel: (reference) => sandbox.cancel!(reference),
    close: () => sandbox.close!(),
  });
