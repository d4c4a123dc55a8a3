/** What the payment service needs from a mobile-money provider (modelled on MTN MoMo collections). */
export interface PaymentProvider {
  readonly name: string;
  /** Asks the payer to approve; idempotent per `referenceId`. The outcome arrives later on the webhook. */
  requestToPay(request: PayRequest): Promise<void>;
  /** The provider's view of a request, for reconciliation. */
  getStatus(referenceId: string): Promise<ProviderStatus>;
  /** Returns money of a successful payment; idempotent per `refundId`. */
  refund(request: RefundRequest): Promise<ProviderStatus>;
  /** Withdraws a request the payer has not answered yet; false when it is too late. */
  cancel?(referenceId: string): Promise<boolean>;
  /** Stops timers (callbacks still pending). */
  close?(): Promise<void>;
}

export interface PayRequest {
  referenceId: string;
  amount: number;
  currency: string;
  phone: string;
  callbackUrl: string;
  payerMessage: string;
}

export interface RefundRequest {
  refundId: string;
  paymentReference: string;
  amount: number;
  currency: string;
}

export type ProviderStatus =
  | { status: 'PENDING' }
  | { status: 'SUCCESSFUL'; financialTransactionId?: string }
  | { status: 'FAILED' | 'CANCELLED' | 'NOT_FOUND'; reason?: string };

/** Body of a provider callback on POST /webhooks/momo. */
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
