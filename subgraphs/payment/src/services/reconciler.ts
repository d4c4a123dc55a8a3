import type { Db, Logger, LivePubSub, TransactionRunner, Worker } from '@busline/shared';
import type { PaymentProvider } from '../provider/types';
import { IdempotencyRepository } from '../repositories/idempotency-repository';
import { PaymentRepository } from '../repositories/payment-repository';
import type { RefundService } from './refunds';
import { applyOutcome } from './settlement';

export interface ReconcilerOptions {
  db: Db;
  runner: TransactionRunner;
  pubsub: LivePubSub;
  provider: PaymentProvider;
  refunds: RefundService;
  logger: Logger;
  /** Payments PENDING longer than this are checked with the provider. */
  afterMs: number;
  intervalMs: number;
}

/**
 * Settles what webhooks did not: payments PENDING for longer than `afterMs` are leased (SKIP
 * LOCKED, so instances share the work), checked on the provider's status API, and settled.
 * The same loop retries unconfirmed refunds and drops idempotency keys older than 24 h.
 */
export class Reconciler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;

  constructor(private readonly options: ReconcilerOptions) {}

  /** One pass; returns how many payments it settled. */
  async runOnce(): Promise<number> {
    const { db, runner, pubsub, provider, logger, afterMs, intervalMs } = this.options;
    const leaseMs = Math.max(2 * intervalMs, 200);
    const stale = await new PaymentRepository(db).claimStalePending(new Date(Date.now() - afterMs), leaseMs, 50);
    let settled = 0;
    for (const payment of stale) {
      try {
        const answer = await provider.getStatus(payment.providerReference ?? '');
        if (answer.status === 'PENDING') continue;
        const outcome =
          answer.status === 'NOT_FOUND' ? { status: 'FAILED' as const, reason: 'UNKNOWN_TO_PROVIDER' } : answer.status === 'SUCCESSFUL' ? answer : { status: answer.status, reason: answer.reason };
        if (await runner.run((uow) => applyOutcome(uow, pubsub, payment.id, outcome))) settled++;
      } catch (error) {
        logger.warn({ err: error, paymentId: payment.id }, 'could not reconcile payment; will retry');
      }
    }
    if (settled > 0) logger.info({ settled }, 'reconciled pending payments');
    await this.options.refunds.processDue();
    await new IdempotencyRepository(db).deleteExpired();
    return settled;
  }

  readonly worker: Worker = {
    name: 'payment-reconciler',
    start: () => {
      this.stopped = false;
      this.schedule();
    },
    stop: async () => {
      this.stopped = true;
      clearTimeout(this.timer);
      await this.running;
    },
  };

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.runOnce()
        .then(() => undefined)
        .catch((error) => this.options.logger.warn({ err: error }, 'reconciliation pass failed'))
        .finally(() => this.schedule());
    }, this.options.intervalMs);
  }
}
