import type { BaseContext, Db, LivePubSub } from '@busline/shared';
import type { CashService } from './services/cash';
import { PaymentReads } from './services/read-payments';
import type { StartPaymentService } from './services/start-payment';

/** What the payment resolvers call: one service per use case. */
export interface PaymentServices {
  startPayment: StartPaymentService;
  /** Cash at the counter: recordCashPayment and the agents' shifts. */
  cash: CashService;
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
  cash: CashService,
): PaymentContext {
  return { ...base, services: { startPayment, cash, payments: new PaymentReads(db, pubsub) } };
}
