import type { Db, Logger } from '@busline/shared';
import { SandboxRequestRepository } from '../repositories/sandbox-request-repository';
import { callbackHeaders } from './signature';
import type { MomoCallback, PaymentProvider, PayRequest, ProviderStatus, RefundRequest } from './types';

export interface SandboxOptions {
  /** Secret the callbacks are signed with (the webhook's MOMO_WEBHOOK_SECRET). */
  webhookSecret: string;
  /** How long the "payer" takes to answer. */
  callbackDelayMs: number;
  /** When a request from a number ending 9999 (never calls back) shows SUCCESSFUL on the status API. */
  unansweredSettleMs: number;
}

/** Test numbers, as in MTN's sandbox: the last digits decide what the payer does. */
function outcomeFor(phone: string): { outcome: 'SUCCESSFUL' | 'FAILED'; reason?: string; callsBack: boolean } {
  if (phone.endsWith('0000')) return { outcome: 'FAILED', reason: 'APPROVAL_REJECTED', callsBack: true };
  if (phone.endsWith('9999')) return { outcome: 'SUCCESSFUL', callsBack: false };
  return { outcome: 'SUCCESSFUL', callsBack: true };
}

/**
 * The built-in sandbox mobile-money provider. Behaves like MoMo collections: accepts a push
 * request under the caller's reference id, answers later with a signed callback, and offers a
 * status API. Never call it inside a database transaction (it uses its own queries).
 */
export class SandboxMomoProvider implements PaymentProvider {
  readonly name = 'sandbox-momo';
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;
  private readonly requests: SandboxRequestRepository;

  constructor(
    db: Db,
    private readonly options: SandboxOptions,
    private readonly logger: Logger,
  ) {
    this.requests = new SandboxRequestRepository(db);
  }

  async requestToPay(request: PayRequest): Promise<void> {
    const plan = outcomeFor(request.phone);
    const delay = plan.callsBack ? this.options.callbackDelayMs : this.options.unansweredSettleMs;
    const inserted = await this.requests.insertOnce({
      referenceId: request.referenceId,
      kind: 'COLLECTION',
      amount: request.amount,
      currency: request.currency,
      phone: request.phone,
      callbackUrl: request.callbackUrl,
      outcome: plan.outcome,
      reason: plan.reason ?? null,
      settlesAt: new Date(Date.now() + delay),
    });
    // A repeated reference id is accepted once (MoMo answers 409), so it is called back once.
    if (!inserted || !plan.callsBack) return;
    this.schedule(request.referenceId, this.options.callbackDelayMs, 1);
  }

  async getStatus(referenceId: string): Promise<ProviderStatus> {
    const row = await this.requests.find(referenceId);
    if (!row) return { status: 'NOT_FOUND' };
    if (row.settlesAt.getTime() > Date.now()) return { status: 'PENDING' };
    if (row.outcome === 'SUCCESSFUL')
      return { status: 'SUCCESSFUL', financialTransactionId: `sbx-${row.referenceId.slice(0, 8)}` };
    return { status: row.outcome as 'FAILED' | 'CANCELLED', reason: row.reason ?? undefined };
  }

  async refund(request: RefundRequest): Promise<ProviderStatus> {
    const paid = await this.getStatus(request.paymentReference);
    if (paid.status !== 'SUCCESSFUL') return { status: 'FAILED', reason: 'PAYMENT_NOT_SUCCESSFUL' };
    await this.requests.insertOnce({
      referenceId: request.attemptReference,
      kind: 'REFUND',
      amount: request.amount,
      currency: request.currency,
      outcome: 'SUCCESSFUL',
      settlesAt: new Date(),
    });
    return this.getStatus(request.attemptReference);
  }

  async cancel(referenceId: string): Promise<boolean> {
    return this.requests.cancelUnsettled(referenceId, new Date());
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private schedule(referenceId: string, delayMs: number, attempt: number): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.deliver(referenceId, attempt).catch((error) =>
        this.logger.warn({ err: error, referenceId }, 'sandbox callback failed'),
      );
    }, delayMs);
    this.timers.add(timer);
  }

  private async deliver(referenceId: string, attempt: number): Promise<void> {
    const row = await this.requests.find(referenceId);
    if (!row?.callbackUrl || row.outcome === 'CANCELLED') return;
    const callback: MomoCallback = {
      eventId: `sandbox-${referenceId}`,
      referenceId,
      status: row.outcome as 'SUCCESSFUL' | 'FAILED',
      ...(row.reason ? { reason: row.reason } : {}),
      ...(row.outcome === 'SUCCESSFUL' ? { financialTransactionId: `sbx-${referenceId.slice(0, 8)}` } : {}),
      amount: String(row.amount),
      currency: row.currency,
    };
    const body = JSON.stringify(callback);
    let ok = false;
    try {
      const response = await fetch(row.callbackUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...callbackHeaders(this.options.webhookSecret, body) },
        body,
      });
      ok = response.ok || response.status === 404;
    } catch (error) {
      this.logger.debug({ err: error, referenceId }, 'sandbox callback not delivered');
    }
    // Like a real provider, retry a few times; reconciliation settles what never arrives.
    if (!ok && attempt < 3) this.schedule(referenceId, this.options.callbackDelayMs * 2 ** attempt, attempt + 1);
  }
}
