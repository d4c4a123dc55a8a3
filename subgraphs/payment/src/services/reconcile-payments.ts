import { createPollingWorker, type PollingWorker, type Worker } from '@busline/shared';
import { LEASE_MARGIN_MS } from '../provider/http';
import { isProviderAmount } from '../provider/money';
import type { ProviderRegistry } from '../provider/registry';
import type { PaymentProvider } from '../provider/types';
import { BookingReplicaRepository } from '../repositories/booking-replica-repository';
import type { PaymentRow } from '../db/schema';
import { PaymentRepository, type ProviderLane } from '../repositories/payment-repository';
import type { RefundPaymentsService } from './refund-payments';
import { isPayable, requestWindowEnd, sendPaymentRequest, type RequestPaymentDeps } from './request-payment';
import { applyOutcome } from './settle-payments';

export interface ReconcilePaymentsOptions extends RequestPaymentDeps {
  providers: ProviderRegistry;
  refunds: RefundPaymentsService;
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

/** Status reads one provider lane makes at once: a slow provider answers several payments in the time of one. */
export const CHECKS_AT_ONCE = 4;

/** Payments one lane checks in a pass at most; a full pass asks for the next at once. */
const CHECKS_PER_PASS = 48;

/**
 * Settles what webhooks did not. Each PENDING payment carries its next status check (`next_check_at`:
 * a few seconds after its expected callback, then backing off); due payments are leased (SKIP LOCKED,
 * so instances share the work), checked on the provider's status API, and settled or rescheduled.
 * Everything lives in the database, so a restarted instance picks up where the last one stopped.
 * The same loops retry refunds.
 *
 * Each provider has a loop of its own (a lane: its payments' checks, a few at once, and their refunds), so a provider
 * whose API hangs keeps only its own payments waiting: another provider's callback is read back at once.
 */
export class ReconcilePaymentsService {
  /** A loop per provider lane: a pass every intervalMs, at once when a callback kicks it, again after a kicked one. */
  private readonly lanes: { lane: ProviderLane; polling: PollingWorker }[];
  /** What the server starts and stops. */
  readonly worker: Worker;
  private stopping = false;
  /** Checks of this instance that ended while the database was away: when each is due next, and its lease's end. */
  private readonly unreleased = new Map<string, { at: Date; leasedUntil: Date }>();

  constructor(private readonly options: ReconcilePaymentsOptions) {
    const names = options.providers.providers.map((provider) => provider.name);
    // The first provider's lane also takes the payments of none of them (forPayment sends those to the first).
    const lanes = names.map((provider, i): ProviderLane => (i === 0 ? { provider, unlisted: names } : { provider }));
    this.lanes = lanes.map((lane) => ({
      lane,
      polling: createPollingWorker({
        name: `payment-reconciler:${lane.provider}`,
        intervalMs: options.intervalMs,
        pass: () => this.runLane(lane).then((outcome) => outcome.more),
        logger: options.logger,
        failureMessage: 'reconciliation pass failed',
      }),
    }));
    const workers = this.lanes.map(({ polling }) => polling.worker);
    this.worker = {
      name: 'payment-reconciler',
      start: () => {
        this.stopping = false;
        for (const worker of workers) void worker.start();
      },
      stop: async () => {
        // A pass under way ends after the reads and the refund attempt it has started.
        this.stopping = true;
        await Promise.all(workers.map((worker) => worker.stop()));
        // Left under their leases otherwise, until another instance may take them.
        await this.releaseLeases().catch(() => undefined);
      },
    };
  }

  /** One pass of every lane, side by side; returns how many payments they settled. */
  async runOnce(): Promise<number> {
    const outcomes = await Promise.all(this.lanes.map(({ lane }) => this.runLane(lane)));
    return outcomes.reduce((sum, outcome) => sum + outcome.settled, 0);
  }

  /** One lane's pass: its due checks, `CHECKS_AT_ONCE` at a time, beside its due refunds. */
  private async runLane(lane: ProviderLane): Promise<{ settled: number; more: boolean }> {
    await this.releaseLeases();
    const [checks] = await Promise.all([
      this.checkDue(lane),
      this.options.refunds.processDue(lane, () => this.stopping),
    ]);
    if (checks.settled > 0)
      this.options.logger.info({ settled: checks.settled, provider: lane.provider }, 'reconciled pending payments');
    return checks;
  }

  private async checkDue(lane: ProviderLane): Promise<{ settled: number; more: boolean }> {
    const { db, providers, intervalMs } = this.options;
    const payments = new PaymentRepository(db);
    // A crashed instance's lease lapses after it; never while the slowest status read may still answer.
    // A check may send a request never sent (sendAgainIfNeverSent) after its status read.
    const provider = providers.forPayment(lane.provider);
    const leaseMs = Math.max(
      2 * intervalMs,
      30_000,
      (provider.statusCheckMs ?? 0) + (provider.requestMs ?? 0) + LEASE_MARGIN_MS,
    );
    let settled = 0;
    for (let checked = 0; checked < CHECKS_PER_PASS && !this.stopping;) {
      // Leased as they start, a few at a time: none waits in a lease behind a slow read of another.
      const due = await payments.claimDueChecks(leaseMs, CHECKS_AT_ONCE, lane);
      if (due.length === 0) return { settled, more: false };
      checked += due.length;
      const outcomes = await Promise.all(due.map((payment) => this.check(payments, payment)));
      settled += outcomes.filter(Boolean).length;
    }
    return { settled, more: true };
  }

  /**
   * Gives back the leases of checks that ended without their next check written: each payment is due again at the
   * time its check set, unless its lease has lapsed meanwhile (due anyway) or is no longer this check's (a callback
   * made it due and a pass leased it again: the lease is that pass's).
   */
  private async releaseLeases(): Promise<void> {
    if (this.unreleased.size === 0) return;
    const payments = new PaymentRepository(this.options.db);
    for (const [id, release] of [...this.unreleased]) {
      // Taken off first: the lanes run side by side, and each release is written once.
      if (!this.unreleased.delete(id) || release.leasedUntil.getTime() <= Date.now()) continue;
      try {
        await payments.releaseCheck(id, release.leasedUntil, release.at);
      } catch (error) {
        this.unreleased.set(id, release);
        throw error;
      }
    }
  }

  /** Reads one leased payment's status from its provider and settles or reschedules it; true when it settled. */
  private async check(payments: PaymentRepository, payment: PaymentRow): Promise<boolean> {
    const { runner, pubsub, providers, logger, backoffMs, backoffMaxMs } = this.options;
    const checks = payment.statusChecks + 1;
    const gaveUp = payment.status === 'FAILED';
    try {
      if (gaveUp && Date.now() - payment.createdAt.getTime() > RECHECK_FAILED_FOR_MS) {
        await payments.scheduleNextCheck(payment.id, null);
        return false;
      }
      const market = payment.country ? { country: payment.country, currency: payment.currency } : undefined;
      const provider = providers.forPayment(payment.provider);
      // As the read starts: a slow "not found" that began while the request may have been on its way proves nothing.
      const askedAt = Date.now();
      const answer = await provider.getStatus(payment.providerReference ?? '', market);
      // "Not found" while the payment's request may still be on its way (a provider slow to answer it) is no news: the
      // prompt may be about to reach the payer, and the request's own outcome (a refusal, an unclear answer) is
      // written when it ends. Failed now, the payer saw FAILED under a prompt they were about to approve.
      const windowEnd = requestWindowEnd(payment, provider);
      const requestMayBeUnderWay = payment.status === 'PENDING' && askedAt < windowEnd;
      if (answer.status === 'PENDING' || (answer.status === 'NOT_FOUND' && requestMayBeUnderWay)) {
        let next = Date.now() + nextCheckDelay(checks, backoffMs, backoffMaxMs);
        // A request never marked sent is looked at again as soon as its time is over: it may never have been sent.
        if (answer.status === 'NOT_FOUND' && !payment.requestedAt) next = Math.min(next, windowEnd);
        await payments.scheduleNextCheck(payment.id, new Date(next));
        return false;
      }
      if (answer.status === 'NOT_FOUND' && payment.status === 'PENDING' && !payment.requestedAt) {
        if (await this.sendAgainIfNeverSent(payments, payment, provider, checks)) return false;
      }
      const recheckAt = new Date(Date.now() + nextCheckDelay(checks, backoffMs, backoffMaxMs));
      // A success for another amount or currency than the payment's is not this payment's (a misrouted or cached
      // answer, the provider's fault): never settled on it, and told to the operators; checked again meanwhile.
      if (
        answer.status === 'SUCCESSFUL' &&
        answer.collected &&
        !isProviderAmount(answer.collected, payment.amount, payment.currency)
      ) {
        logger.error(
          {
            paymentId: payment.id,
            provider: provider.name,
            asked: { amount: payment.amount, currency: payment.currency },
            collected: {
              amount: answer.collected.amount.slice(0, 40),
              currency: answer.collected.currency.slice(0, 8),
            },
          },
          'provider reports a success for another amount: payment not settled',
        );
        await payments.scheduleNextCheck(payment.id, recheckAt);
        return false;
      }
      // A payment we failed ourselves only changes if the provider did collect the money. One the provider
      // still does not know keeps being checked (the request may surface late); a definite answer ends it.
      if (gaveUp && answer.status !== 'SUCCESSFUL') {
        await payments.scheduleNextCheck(payment.id, answer.status === 'NOT_FOUND' ? recheckAt : null);
        return false;
      }
      // "Not found" is not the provider's verdict (a request can show up late, e.g. behind a slow queue):
      // failed, but still checked like PROVIDER_UNAVAILABLE, so a late success is confirmed or refunded.
      const outcome =
        answer.status === 'NOT_FOUND'
          ? { status: 'FAILED' as const, reason: 'UNKNOWN_TO_PROVIDER', recheckAt }
          : answer.status === 'SUCCESSFUL'
            ? answer
            : { status: answer.status, reason: answer.reason };
      const applied = await runner.run((uow) => applyOutcome(uow, pubsub, payment.id, outcome));
      // A late success refunded rather than confirmed leaves the payment FAILED: nothing more to learn.
      if (gaveUp) await payments.scheduleNextCheck(payment.id, null);
      return !!applied;
    } catch (error) {
      logger.warn({ err: error, paymentId: payment.id }, 'could not reconcile payment; will retry');
      const at = new Date(Date.now() + nextCheckDelay(checks, backoffMs, backoffMaxMs));
      // The database away as well (its outage is what failed the check, often): the lease, which lasts as long as a
      // slow provider's longest read, would keep a payment the payer approved waiting for minutes. Released on a
      // later pass, once the database answers.
      await payments.scheduleNextCheck(payment.id, at).catch(() => {
        if (payment.nextCheckAt) this.unreleased.set(payment.id, { at, leasedUntil: payment.nextCheckAt });
      });
      return false;
    }
  }

  /**
   * A PENDING payment its provider does not know, whose request was never marked accepted and whose request's time is
   * over: the request was never sent (its process died first, or a client's retry found the payment its lost commit
   * made). Sent now, under the payment's own reference (a request that did arrive is taken once), while its booking
   * can still be paid; true when sent (the payment is then checked as a new one). False leaves the verdict to the
   * caller: the provider does not know the payment.
   */
  private async sendAgainIfNeverSent(
    payments: PaymentRepository,
    payment: PaymentRow,
    provider: PaymentProvider,
    checks: number,
  ): Promise<boolean> {
    const { db, logger, backoffMs, backoffMaxMs, firstCheckAfterMs } = this.options;
    const booking = await new BookingReplicaRepository(db).find(payment.bookingId);
    if (!booking || !isPayable(booking)) return false;
    logger.warn(
      { paymentId: payment.id, provider: provider.name, referenceId: payment.providerReference },
      'payment request was never sent: sending it now',
    );
    const sent = await sendPaymentRequest(this.options, payment, provider, { again: true });
    if (sent.status === 'PENDING') {
      const delay = Math.max(firstCheckAfterMs, nextCheckDelay(checks, backoffMs, backoffMaxMs));
      await payments.scheduleNextCheck(payment.id, new Date(Date.now() + delay));
    }
    return true;
  }

  /**
   * A callback said a payment has news: its status check is made due and a pass runs now (or right
   * after the one under way). The callback itself is never trusted; the status read back decides.
   */
  async checkSoon(paymentId: string): Promise<boolean> {
    const due = await new PaymentRepository(this.options.db).checkNow(paymentId);
    // Every lane: an idle one finds nothing due and costs one query.
    if (due) for (const { polling } of this.lanes) polling.kick();
    return due;
  }
}
