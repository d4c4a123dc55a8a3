import type { BaseContext, Db, LivePubSub } from '@busline/shared';
import { CashRefundsDueReads } from './services/read-cash-refunds-due';
import { CashShiftReads } from './services/read-cash-shifts';
import type { CloseCashShiftService } from './services/close-cash-shift';
import type { HandOutCashRefundService } from './services/hand-out-cash-refund';
import type { SendCashRefundCodeService } from './services/refund-codes';
import { PaymentReads } from './services/read-payments';
import type { RecordCashPaymentService } from './services/record-cash-payment';
import type { StartPaymentService } from './services/start-payment';

/** What the payment resolvers call: one service per use case. */
export interface PaymentServices {
  startPayment: StartPaymentService;
  /** Cash at the counter: recordCashPayment, closeCashShift and handOutCashRefund. */
  recordCashPayment: RecordCashPaymentService;
  closeCashShift: CloseCashShiftService;
  handOutCashRefund: HandOutCashRefundService;
  sendCashRefundCode: SendCashRefundCodeService;
  /** myCashShift and cashShifts. */
  cashShifts: CashShiftReads;
  /** cashRefundsDue. */
  cashRefundsDue: CashRefundsDueReads;
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
  cash: Pick<PaymentServices, 'recordCashPayment' | 'closeCashShift' | 'handOutCashRefund' | 'sendCashRefundCode'>,
): PaymentContext {
  return {
    ...base,
    services: {
      startPayment,
      ...cash,
      cashShifts: new CashShiftReads(db),
      cashRefundsDue: new CashRefundsDueReads(db),
      payments: new PaymentReads(db, pubsub),
    },
  };
}
