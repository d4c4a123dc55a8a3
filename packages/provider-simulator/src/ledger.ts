import { randomUUID } from 'node:crypto';

/**
 * What a payer does, by the last four digits of the number (both providers):
 * 0000 declines · 9999 never answers (the status shows SUCCESSFUL after `unansweredSettleMs`, no callback)
 * 4444 approves but the callback is lost · 2222 approves and the callback is delivered twice
 * 5555 the first request is recorded but answered 500 (a retry must not charge twice)
 * 6666 the first request is answered 503 and not recorded (it must be sent again)
 * 3333 approves, but refunds of it are refused · 7777 approves, its first refund is refused, later ones not
 * 8888 approves; its first refund goes through but is answered 500 (the answer is lost)
 * anything else approves, with one callback.
 */
export interface Plan {
  outcome: 'SUCCESSFUL' | 'FAILED';
  reason?: string;
  /** Callbacks to send when the payer answers (0: none). */
  callbacks: number;
  /** Answers after `unansweredSettleMs` instead of `callbackDelayMs`. */
  late: boolean;
  failFirstAnswer: boolean;
  /** The first request fails before the provider records it. */
  dropFirstRequest: boolean;
  refuseRefunds: boolean;
  /** Only the first refund is refused (a refusal that clears, e.g. the merchant balance topped up). */
  refuseFirstRefund: boolean;
  /** The first refund is made but answered 500. */
  loseFirstRefundAnswer: boolean;
}

export function planFor(msisdn: string): Plan {
  const plan: Plan = {
    outcome: 'SUCCESSFUL',
    callbacks: 1,
    late: false,
    failFirstAnswer: false,
    dropFirstRequest: false,
    refuseRefunds: false,
    refuseFirstRefund: false,
    loseFirstRefundAnswer: false,
  };
  if (msisdn.endsWith('0000')) return { ...plan, outcome: 'FAILED', reason: 'APPROVAL_REJECTED' };
  if (msisdn.endsWith('9999')) return { ...plan, callbacks: 0, late: true };
  if (msisdn.endsWith('4444')) return { ...plan, callbacks: 0 };
  if (msisdn.endsWith('2222')) return { ...plan, callbacks: 2 };
  if (msisdn.endsWith('5555')) return { ...plan, failFirstAnswer: true };
  if (msisdn.endsWith('6666')) return { ...plan, dropFirstRequest: true };
  if (msisdn.endsWith('3333')) return { ...plan, refuseRefunds: true };
  if (msisdn.endsWith('7777')) return { ...plan, refuseFirstRefund: true };
  if (msisdn.endsWith('8888')) return { ...plan, loseFirstRefundAnswer: true };
  return plan;
}

export type Provider = 'mtn' | 'airtel';

/** One collection (request to pay) as the provider holds it. */
export interface Collection {
  provider: Provider;
  reference: string;
  /** Decimal amount as the provider received it. */
  amount: string;
  currency: string;
  msisdn: string;
  country?: string;
  callbackUrl?: string;
  externalId?: string;
  payerMessage?: string;
  payeeNote?: string;
  plan: Plan;
  /** When the payer's answer is known (PENDING before). */
  settlesAt: number;
  /** Set at settlement when SUCCESSFUL. */
  financialTransactionId: string;
  refunded: number;
  /** Refunds of it refused so far. */
  refundsRefused: number;
  /** Refunds of it made so far. */
  refundsMade?: number;
  cancelled?: boolean;
}

export interface Refund {
  reference: string;
  collection: Collection;
  amount: string;
  currency: string;
  status: 'SUCCESSFUL' | 'FAILED';
  reason?: string;
  externalId?: string;
}

/** Everything the simulator has been asked, in memory: per process, gone on restart. */
export class Ledger {
  readonly collections = new Map<string, Collection>();
  readonly refunds = new Map<string, Refund>();
  /** Payment requests received per reference, accepted or not (a retry counts). */
  readonly requestAttempts = new Map<string, number>();
  /** Callbacks sent per reference (delivered or not). */
  readonly callbacksSent = new Map<string, number>();
  tokensIssued = 0;

  key(provider: Provider, reference: string): string {
    return `${provider}:${reference}`;
  }

  find(provider: Provider, reference: string): Collection | undefined {
    return this.collections.get(this.key(provider, reference));
  }

  /** Money taken from payers for a reference: 1 at most, however often it was asked. */
  charges(reference: string): number {
    return [...this.collections.values()].filter((c) => c.reference === reference && c.plan.outcome === 'SUCCESSFUL')
      .length;
  }

  /** Collections that took money from one payer's number (international form), whatever their reference. */
  chargesTo(msisdn: string): number {
    return [...this.collections.values()].filter((c) => c.msisdn === msisdn && this.statusOf(c) === 'SUCCESSFUL')
      .length;
  }

  countAttempt(reference: string): number {
    const attempts = (this.requestAttempts.get(reference) ?? 0) + 1;
    this.requestAttempts.set(reference, attempts);
    return attempts;
  }

  record(collection: Omit<Collection, 'financialTransactionId' | 'refunded' | 'refundsRefused'>): Collection {
    const row: Collection = {
      ...collection,
      financialTransactionId: `SIM${Date.now().toString(36).toUpperCase()}${randomUUID().slice(0, 6).toUpperCase()}`,
      refunded: 0,
      refundsRefused: 0,
    };
    this.collections.set(this.key(row.provider, row.reference), row);
    return row;
  }

  /** PENDING until the payer answers, then the plan's outcome. */
  statusOf(collection: Collection, now = Date.now()): 'PENDING' | 'SUCCESSFUL' | 'FAILED' {
    if (collection.cancelled) return 'FAILED';
    return now < collection.settlesAt ? 'PENDING' : collection.plan.outcome;
  }

  /** Whether the payer's plan refuses this refund (counted as refused when it does). */
  refusesRefund(collection: Collection): boolean {
    const refuses =
      collection.plan.refuseRefunds || (collection.plan.refuseFirstRefund && collection.refundsRefused === 0);
    if (refuses) collection.refundsRefused++;
    return refuses;
  }

  /** Counts a refund made; true when the plan loses its answer (the first one of an 8888 payer). */
  losesRefundAnswer(collection: Collection): boolean {
    collection.refundsMade = (collection.refundsMade ?? 0) + 1;
    return collection.plan.loseFirstRefundAnswer && collection.refundsMade === 1;
  }

  byAirtelMoneyId(id: string): Collection | undefined {
    return [...this.collections.values()].find((c) => c.provider === 'airtel' && c.financialTransactionId === id);
  }
}
