import type DataLoader from 'dataloader';
import { groupLoader, rowLoader, type BaseContext, type Db } from '@busline/shared';
import type { PaymentRow, RefundRow } from './db/schema';
import { PaymentRepository } from './repositories/payment-repository';
import { RefundRepository } from './repositories/refund-repository';

/** Per-request state of the payment subgraph. */
export interface PaymentContext extends BaseContext {
  payments: PaymentRepository;
  paymentById: DataLoader<string, PaymentRow | null>;
  paymentsByBookingId: DataLoader<string, PaymentRow[]>;
  refunds: RefundRepository;
  refundByPaymentId: DataLoader<string, RefundRow | null>;
}

export function buildContext(base: BaseContext, db: Db): PaymentContext {
  const payments = new PaymentRepository(db);
  const refunds = new RefundRepository(db);
  return {
    ...base,
    payments,
    refunds,
    refundByPaymentId: rowLoader((ids) => refunds.findByPaymentIds(ids), (row) => row.paymentId),
    paymentById: rowLoader((ids) => payments.findByIds(ids), (row) => row.id),
    paymentsByBookingId: groupLoader((ids) => payments.findByBookingIds(ids), (row) => row.bookingId),
  };
}
