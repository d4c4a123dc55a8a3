import DataLoader from 'dataloader';
import type { BaseContext, Db } from '@busline/shared';
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
    refundByPaymentId: new DataLoader(async (ids) => {
      const rows = await refunds.findByPaymentIds(ids);
      const byPayment = new Map(rows.map((row) => [row.paymentId, row]));
      return ids.map((id) => byPayment.get(id) ?? null);
    }),
    paymentById: new DataLoader(async (ids) => {
      const rows = await payments.findByIds(ids);
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    paymentsByBookingId: new DataLoader(async (ids) => {
      const rows = await payments.findByBookingIds(ids);
      const byBooking = new Map<string, PaymentRow[]>();
      for (const row of rows) byBooking.set(row.bookingId, [...(byBooking.get(row.bookingId) ?? []), row]);
      return ids.map((id) => byBooking.get(id) ?? []);
    }),
  };
}
