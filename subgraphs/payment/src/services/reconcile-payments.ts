import {
  createPollingWorker,
  type Db,
  type Logger,
  type LivePubSub,
  type PollingWorker,
  type TransactionRunner,
  type Worker,
} from '@busline/shared';
import type { ProviderRegistry } from '../provider/registry';
import { PaymentRepository } from '../repositories/payment-repository';
import type { RefundPaymentsService } from './refund-payments';
import { applyOutcome } from './settle-payments';

export interface ReconcilePaymentsOptions {
  db: Db;
  runner: TransactionRunner;
  pubsub: LivePubSub;
  providers: ProviderRegistry;
  refunds: RefundPaymentsService;
  logger: Logger;
  /** Delay of the second status check of a PENDING payment; doubles with each further check. */
  backoffMs: number;
  /** Longest delay between two checks. */
  backoffMaxMs: number;
  /** How often the worker looks for due payments and refunds. */
  intervalMs: number;
}

/** How long a payment we failed without the provider's word keeps being checked for a late success. */
const RECHECK_FAILED_FOR_MS = 24 * 3600_000;

/** Delay after the `checks`-th status check that still found the payment PENDING (1 → backoffMs). */
export function nextCheckDelay(checks: number, backoffMs: number, backoffMaxMs: number): number {
  return Math.min(backoffMs * 2 ** Math.min(Math.max(checks - 1, 0), 30), backoffMaxMs);
}

/**
 * Settles what webhooks did not. Each PENDING payment carries its next status check (`next_check_at`:
 * a few seconds after its expected callback, then backing off); due payments are leased (SKIP LOCKED,
 * so instances share the work), checked on the provider's status API, and settled or rescheduled.
 * Everything lives in the database, so a restarted instance picks up where the last one stopped.
 * The same loop retries refunds and drops idempotency keys older than 24 h.
 */
export class ReconcilePaymentsService {
  // The kit's loop: a pass every intervalMs, at once when a callback kicks it, again after a kicked pass.
  private readonly polling: PollingWorker;
  /** What the server starts and stops. */
  readonly worker: Worker;

  constructor(private readonly options: ReconcilePaymentsOptions) {
    this.polling = createPollingWorker({
      name: 'payment-reconciler',
      intervalMs: options.intervalMs,
      pass: async () => void (await this.runOnce()),
      logger: options.logger,
      failureMessage: 'reconciliation pass failed',
    });
    this.worker = this.polling.worker;
  }

  /** One pass; returns how many payments it settled. */
  async runOnce(): Promise<number> {
    const { db, runner, pubsub, providers, logger, backoffMs, backoffMaxMs, intervalMs } = this.options;
    const payments = new PaymentRepository(db);
    // Long enough for a slow status API; a crashed instance's lease lapses after it.
    const leaseMs = Math.max(2 * intervalMs, 30_000);
    const due = await payments.claimDueChecks(leaseMs, 50);
    let settled = 0;
    for (const payment of due) {
      const checks = payment.statusChecks + 1;
      const gaveUp = payment.status === 'FAILED';
      try {
        if (gaveUp && Date.now() - payment.createdAt.getTime() > RECHECK_FAILED_FOR_MS) {
          await payments.scheduleNextCheck(payment.id, null);
          continue;
        }
        const market = payment.country ? { country: payment.country, currency: payment.currency } : undefined;
        const answer = await providers.forPayment(payment.provider).getStatus(payment.providerReference ?? '', market);
        if (answer.status === 'PENDING') {
          await payments.scheduleNextCheck(
            payment.id,
            new Date(Date.now() + nextCheckDelay(checks, backoffMs, backoffMaxMs)),
          );
          continue;
        }
        const recheckAt = new Date(Date.now() + nextCheckDelay(checks, backoffMs, backoffMaxMs));
        // A payment we failed ourselves only changes if the provider did collect the money. One the provider
        // still does not know keeps being checked (the request may surface late); a definite answer ends it.
        if (gaveUp && answer.status !== 'SUCCESSFUL') {
          await payments.scheduleNextCheck(payment.id, answer.status === 'NOT_FOUND' ? recheckAt : null);
          continue;
        }
        // "Not found" is not the provider's verdict (a request can show up late, e.g. behind a slow queue):
        // failed, but still checked like PROVIDER_UNAVAILABLE, so a late success is confirmed or refunded.
        const outcome =
          answer.status === 'NOT_FOUND'
            ? { status: 'FAILED' as const, reason: 'UNKNOWN_TO_PROVIDER', recheckAt }
            : answer.status === 'SUCCESSFUL'
              ? answer
              : { status: answer.status, reason: answer.reason };
        if (await runner.run((uow) => applyOutcome(uow, pubsub, payment.id, outcome))) settled++;
        // A late success refunded rather than confirmed leaves the payment FAILED: nothing more to learn.
        if (gaveUp) await payments.scheduleNextCheck(payment.id, null);
      } catch (error) {
        logger.warn({ err: error, paymentId: payment.id }, 'could not reconcile payment; will retry');
        await payments
          .scheduleNextCheck(payment.id, new Date(Date.now() + nextCheckDelay(checks, backoffMs, backoffMaxMs)))
          .catch(() => undefined);
      }
    }
    if (settled > 0) logger.info({ settled }, 'reconciled pending payments');
    await this.options.refunds.processDue();
    return settled;
  }

  /**
   * A callback said a payment has news: its status check is made due and a pass runs now (or right
   * after the one under way). The callback itself is never trusted; the status read back decides.
   */
  async checkSoon(paymentId: string): Promise<boolean> {
    const due = await new PaymentRepository(this.options.db).checkNow(paymentId);
    if (due) this.polling.kick();
    return due;
  }
}
