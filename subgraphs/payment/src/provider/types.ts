/** What the payment service needs from a mobile-money provider (modelled on MTN MoMo collections). */
export interface PaymentProvider {
  /** `mtn-momo`, `airtel-money` or `sandbox-momo`: recorded on each payment it takes. */
  readonly name: string;
  /**
   * Asks the payer to approve; idempotent per `referenceId` (a retry never charges twice). The outcome
   * arrives later (callback or status check). Throws ProviderRejectedError when the provider refuses the
   * request for good, any other error when its answer is unknown (the request may have arrived).
   */
  requestToPay(request: PayRequest): Promise<void>;
  /** The provider's view of a request, for reconciliation; `market` is where it was made (Airtel needs it). */
  getStatus(referenceId: string, market?: Market): Promise<ProviderStatus>;
  /** Returns money of a successful payment; idempotent per `attemptReference` (a new one after a refusal). */
  refund(request: RefundRequest): Promise<ProviderStatus>;
  /**
   * The longest one `refund` call can take (every call timing out, every retry made): a refund is leased that
   * long while it runs, so no other attempt of it starts meanwhile. Unset for a provider that answers at once.
   */
  readonly refundAttemptMs?: number;
  /**
   * The longest one `getStatus` call can take (every call timing out, every retry made): a payment's status check is
   * leased that long. Unset for a provider that answers at once.
   */
  readonly statusCheckMs?: number;
  /**
   * The longest one `requestToPay` call can take (every call timing out, every retry and status read made): no status
   * check of the payment starts while its request may still be on its way. Unset for a provider that answers at once.
   */
  readonly requestMs?: number;
  /** Withdraws a request the payer has not answered yet; false when it is too late. */
  cancel?(referenceId: string): Promise<boolean>;
  /** Stops timers (callbacks still pending). */
  close?(): Promise<void>;
}

/** Country (ISO 3166 alpha-2) and currency (ISO 4217) of a payment: the provider's market. */
export interface Market {
  country: string;
  currency: string;
}

export interface PayRequest {
  referenceId: string;
  /** Minor units of `currency` (RWF and UGX have none). */
  amount: number;
  currency: string;
  /** International form without '+', e.g. 250788123456. */
  phone: string;
  /** ISO 3166 alpha-2 country of the payer's wallet, e.g. RW. */
  country: string;
  callbackUrl: string;
  payerMessage: string;
  /**
   * The request is sent again: an earlier one under this reference may have reached the provider (its sender died
   * before recording the answer). A refusal is then no verdict: the provider may be keeping the earlier request.
   */
  mayHaveBeenSent?: boolean;
}

export interface RefundRequest {
  refundId: string;
  /** The provider's reference of this attempt (MoMo's X-Reference-Id): the refund's id until an attempt was refused. */
  attemptReference: string;
  paymentReference: string;
  amount: number;
  currency: string;
  /** An earlier attempt got no clear answer and may have gone through (Airtel's "already refunded" then means done). */
  mayHaveBeenSent?: boolean;
  /** The whole payment's amount (Airtel can only refund a whole transaction). */
  paymentAmount?: number;
  country?: string;
}

export type ProviderStatus =
  | { status: 'PENDING' }
  | {
      status: 'SUCCESSFUL';
      financialTransactionId?: string;
      /** What the provider says it collected (its decimal amount), when its answer tells: checked against it. */
      collected?: { amount: string; currency: string };
    }
  | { status: 'FAILED' | 'CANCELLED' | 'NOT_FOUND'; reason?: string };

/**
 * What a provider said (a refusal's reason, a status's) as it may be stored and shown: control characters (a NUL,
 * which Postgres text cannot hold and which failed the payment's write after its prompt was sent) become spaces,
 * and it is cut at 200 characters.
 */
export function providerText(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  return text
    .replace(/\p{Cc}+/gu, ' ')
    .trim()
    .slice(0, 200);
}

/** The provider refused a request for good (bad number, payer unknown, limits): no retry, no status check. */
export class ProviderRejectedError extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'ProviderRejectedError';
  }
}

/** Body of a sandbox callback on POST /webhooks/momo (HMAC-signed; the in-process sandbox only). */
export interface MomoCallback {
  /** Unique per delivery attempt group: a replay carries the same id. */
  eventId: string;
  referenceId: string;
  status: 'SUCCESSFUL' | 'FAILED';
  reason?: string;
  financialTransactionId?: string;
  amount?: string;
  currency?: string;
}
