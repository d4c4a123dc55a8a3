// A refund attempt whose outcome was never recorded (docs/payments.md, Refunds): its process died or was stopped
// while the provider answered. The next attempt, once the lease has run out, counts it as one that may have gone
// through, so Airtel's "already refunded" means done, and MTN reads the attempt's status first; and a graceful stop
// waits for the first attempt under way, so what it sent is recorded.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProviderSimulator } from '@busline/provider-simulator';
import { runMigrations } from '@busline/shared';
import { createTestDatabase, eventually, testLogger, type TestDatabase } from '@busline/shared/testing';
import { migrations } from '../src/db/migrations';
import { payments, refunds } from '../src/db/schema';
import type { PaymentProvider, ProviderStatus, RefundRequest } from '../src/provider/types';
import { ProviderRegistry } from '../src/provider/registry';
import { RefundRepository } from '../src/repositories/refund-repository';
import { RefundPaymentsService } from '../src/services/refund-payments';
import { eventsFor, holdBooking, passenger, publish, startPayment, type PaymentSubgraph } from './helpers';
import { startWithSimulator } from './simulator-setup';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Each adapter as is, except its first refund call: `first` runs once the request has reached the provider, and
 * what it returns is the answer (a promise that never settles stands for a process that died awaiting it).
 */
function firstRefundAnswered(first: (answer: ProviderStatus) => Promise<ProviderStatus>) {
  const state = { refundCalls: 0, firstSent: false };
  const wrap = (inner: PaymentProvider): PaymentProvider =>
    new Proxy(inner, {
      get(target, property, receiver) {
        if (property === 'refund')
          return async (request: RefundRequest) => {
            state.refundCalls++;
            const answer = await target.refund(request);
            if (state.refundCalls > 1) return answer;
            state.firstSent = true;
            return first(answer);
          };
        const value = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  return { state, wrap };
}

const methods = [
  { method: 'AIRTEL_MONEY', ledger: 'airtel', phone: '0732125678' },
  { method: 'MTN_MOMO', ledger: 'mtn', phone: '0788125678' },
] as const;

/** A paid booking of `method`, cancelled by its company: the whole price goes back. */
async function paidAndCancelled(subgraph: PaymentSubgraph, method: string, phone: string, amount = 15_000) {
  const owner = passenger();
  const bookingId = await holdBooking(subgraph, owner, amount);
  const { data, errors } = await startPayment(subgraph, owner, { bookingId, method, phone });
  expect(errors).toBeUndefined();
  const paymentId = data!.startPayment.id as string;
  const reference = data!.startPayment.providerReference as string;
  const db = subgraph.database.handle.db;
  const payment = async () => (await db.select().from(payments).where(eq(payments.id, paymentId)))[0]!;
  await eventually(async () => (await payment()).status === 'SUCCEEDED', 5000);
  await publish(subgraph, 'booking.cancelled', {
    bookingId,
    tripId: randomUUID(),
    companyId: randomUUID(),
    userId: owner.userId,
    reason: 'COMPANY',
    cancelledBy: randomUUID(),
    ticketIds: [],
    refund: { amount, currency: 'RWF' },
    paymentId,
  });
  const refund = async () => (await db.select().from(refunds).where(eq(refunds.paymentId, paymentId)))[0];
  return { bookingId, paymentId, reference, amount, payment, refund };
}

describe.each(methods)(
  '$method: a refund attempt paid back, its answer never recorded',
  ({ method, ledger, phone }) => {
    let subgraph: PaymentSubgraph;
    let simulator: ProviderSimulator;
    // The first attempt's answer never comes back: its process is gone.
    const provider = firstRefundAnswered(() => new Promise<ProviderStatus>(() => undefined));

    beforeAll(async () => {
      // Two refusals give a refund up (startWithSimulator), retried 50 ms apart.
      ({ subgraph, simulator } = await startWithSimulator({ provider: provider.wrap }));
    });
    afterAll(() => subgraph?.stop());

    it('is recorded as done by the next attempt once the lease runs out: payment REFUNDED, paid back once', async () => {
      const { bookingId, reference, amount, payment, refund } = await paidAndCancelled(subgraph, method, phone);
      await eventually(() => provider.state.firstSent, 5000);
      expect(simulator.ledger.find(ledger, reference)!.refunded).toBe(amount);
      const leased = (await refund())!;
      expect(leased).toMatchObject({ status: 'PENDING', attempts: 1, attemptInFlight: true, outcomeUnknown: false });

      // The lease of the lost attempt runs out: the worker takes the refund over.
      await subgraph.database.handle.db
        .update(refunds)
        .set({ nextAttemptAt: new Date(Date.now() - 1000) })
        .where(eq(refunds.id, leased.id));
      const settled = await eventually(async () => {
        const row = (await refund())!;
        return row.status !== 'PENDING' ? row : undefined;
      }, 10_000);

      expect(settled).toMatchObject({
        status: 'SUCCEEDED',
        failures: 0,
        lastError: null,
        attempts: 2,
        outcomeUnknown: true,
        attemptInFlight: false,
      });
      expect((await payment()).status).toBe('REFUNDED');
      expect(provider.state.refundCalls).toBe(2);
      const collection = simulator.ledger.find(ledger, reference)!;
      expect(collection.refunded).toBe(amount);
      expect(collection.refundsMade).toBe(1);
      expect(await eventsFor(subgraph, 'payment.refunded', bookingId)).toHaveLength(1);
    });
  },
);

describe('a graceful stop while the first refund attempt waits for the provider', () => {
  const ANSWER_MS = 1500; // longer than an event handler waits for its after-commit steps
  let subgraph: PaymentSubgraph;
  let simulator: ProviderSimulator;
  const provider = firstRefundAnswered(async (answer) => {
    await sleep(ANSWER_MS);
    return answer;
  });

  beforeAll(async () => {
    ({ subgraph, simulator } = await startWithSimulator({ provider: provider.wrap }));
  });
  afterAll(() => subgraph?.stop());

  it('waits for its answer and records it before the workers are gone', async () => {
    const { bookingId, reference, amount, payment, refund } = await paidAndCancelled(
      subgraph,
      'AIRTEL_MONEY',
      '0732125679',
    );
    await eventually(() => provider.state.firstSent, 5000);
    // The event handler has returned; the attempt is still waiting for Airtel's answer.
    await sleep(1100);
    expect((await refund())!.status).toBe('PENDING');

    await subgraph.server.stop({ graceMs: 20_000 });

    expect(await refund()).toMatchObject({ status: 'SUCCEEDED', attempts: 1, attemptInFlight: false, failures: 0 });
    expect((await payment()).status).toBe('REFUNDED');
    expect(await eventsFor(subgraph, 'payment.refunded', bookingId)).toHaveLength(1);
    expect(simulator.ledger.find('airtel', reference)!.refunded).toBe(amount);
    expect(provider.state.refundCalls).toBe(1);
  });
});

describe('RefundRepository: an attempt in flight', () => {
  let database: TestDatabase;
  let repository: RefundRepository;
  const retry = { baseMs: 10, maxMs: 100, maxFailures: 5 };

  beforeAll(async () => {
    database = await createTestDatabase('payment_refund_in_flight');
    await runMigrations(database.handle, migrations);
    repository = new RefundRepository(database.handle.db);
  });
  afterAll(() => database?.cleanup());

  const newRefund = async () =>
    (await repository.create({
      paymentId: randomUUID(),
      bookingId: randomUUID(),
      amount: 1000,
      currency: 'RWF',
      reason: 'COMPANY',
    }))!;
  /** The lease has run out. */
  const expire = (id: string) =>
    database.handle.db
      .update(refunds)
      .set({ nextAttemptAt: new Date(Date.now() - 1000) })
      .where(eq(refunds.id, id));

  it('leased again without an outcome recorded: the outcome is unknown from then on', async () => {
    const refund = await newRefund();
    expect(await repository.lease(refund.id, 60_000)).toMatchObject({ attemptInFlight: true, outcomeUnknown: false });
    await expire(refund.id);
    expect(await repository.lease(refund.id, 60_000)).toMatchObject({ attemptInFlight: true, outcomeUnknown: true });
    await repository.recordFailure(refund.id, 'FAILED: X', retry);
    await expire(refund.id);
    expect(await repository.lease(refund.id, 60_000)).toMatchObject({ outcomeUnknown: true });
  });

  it('a payment with no provider reference: nothing is sent and the attempt is not left in flight', async () => {
    const [payment] = await database.handle.db
      .insert(payments)
      .values({
        bookingId: randomUUID(),
        userId: randomUUID(),
        amount: 1000,
        currency: 'RWF',
        method: 'MTN_MOMO',
        status: 'SUCCEEDED',
      })
      .returning();
    const refund = (await repository.create({
      paymentId: payment!.id,
      bookingId: payment!.bookingId,
      amount: 1000,
      currency: 'RWF',
      reason: 'COMPANY',
    }))!;
    let sent = 0;
    const provider = {
      name: 'sandbox',
      refund: async () => {
        sent++;
        return { status: 'SUCCEEDED' };
      },
    } as unknown as PaymentProvider;
    const service = new RefundPaymentsService(
      database.handle.db,
      undefined as never,
      undefined as never,
      new ProviderRegistry([provider], 'all-to-first'),
      testLogger('refunds'),
      retry,
    );
    await expire(refund.id);
    await service.process(refund.id);
    expect(sent).toBe(0);
    expect(await repository.find(refund.id)).toMatchObject({ status: 'PENDING', attemptInFlight: false });
    await expire(refund.id);
    expect(await repository.lease(refund.id, 60_000)).toMatchObject({ outcomeUnknown: false });
  });

  it('leased again after each recorded outcome: nothing unknown', async () => {
    const refund = await newRefund();
    await repository.lease(refund.id, 60_000);
    await repository.recordFailure(refund.id, 'FAILED: X', retry);
    expect(await repository.find(refund.id)).toMatchObject({ attemptInFlight: false });
    await expire(refund.id);
    await repository.lease(refund.id, 60_000);
    await repository.retryLater(refund.id, retry);
    expect(await repository.find(refund.id)).toMatchObject({ attemptInFlight: false });
    await expire(refund.id);
    expect(await repository.lease(refund.id, 60_000)).toMatchObject({ attemptInFlight: true, outcomeUnknown: false });
    expect(await repository.complete(refund.id, 'SUCCEEDED')).toMatchObject({ attemptInFlight: false });
  });
});
