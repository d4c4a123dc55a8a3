import DataLoader from 'dataloader';
import type { BaseContext, Db } from '@busline/shared';
import type { PaymentRow } from './db/schema';
import { PaymentRepository } from './repositories/payment-repository';

/** Per-request state of the payment subgraph. */
export interface PaymentContext extends BaseContext {
  payments: PaymentRepository;
  paymentById: DataLoader<string, PaymentRow | null>;
  paymentsByBookingId: DataLoader<string, PaymentRow[]>;
}

export function buildContext(base: BaseContext, db: Db): PaymentContext {
  const payments = new PaymentRepository(db);
  return {
    ...base,
    payments,
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
