import type { BaseContext, Db, LivePubSub } from '@busline/shared';
import { PaymentReads } from './services/read-payments';
import type { StartPaymentService } from './services/start-payment';

/** What the payment resolvers call: one service per use case. */
export interface PaymentServices {
  startPayment: StartPaymentService;
  /** This request's reads (batched per request). */
  payments: PaymentReads;
}

/** Per-request state of the payment subgraph. */
export interface PaymentContext extends BaseContext {
  services: PaymentServices;
}

export function buildContext(
  base: BaseContext,
  db: Db,
  pubsub: LivePubSub,
  startPayment: StartPaymentService,
): PaymentContext {
  return { ...base, services: { startPayment, payments: new PaymentReads(db, pubsub) } };
}
