import { z, type DomainEventHandler } from '@busline/shared';
import { BookingReplicaRepository } from './repositories/booking-replica-repository';
import type { BookingClosure } from './services/cancellation';
import type { RefundService } from './services/refunds';

const money = z.object({ amount: z.number().int(), currency: z.string() });

const bookingHeld = z.object({
  bookingId: z.string().uuid(),
  userId: z.string().uuid(),
  companyId: z.string().uuid().nullish(),
  totalAmount: money,
  expiresAt: z.string(),
});
const bookingExpired = z.object({ bookingId: z.string().uuid(), userId: z.string().uuid() });
const bookingCancelled = z.object({
  bookingId: z.string().uuid(),
  userId: z.string().uuid(),
  refund: money.nullish(),
  paymentId: z.string().uuid().nullish(),
});
const refundRequested = z.object({
  bookingId: z.string().uuid(),
  paymentId: z.string().uuid().nullish(),
  amount: money,
  reason: z.string().min(1),
});

/** Events the payment subgraph consumes: the booking replica, closures and refunds. */
export function createHandlers(services: () => { closure: BookingClosure; refunds: RefundService }): Record<string, DomainEventHandler> {
  return {
    'booking.held': async (event, { tx }) => {
      const p = bookingHeld.parse(event.payload);
      await new BookingReplicaRepository(tx).recordHeld({
        bookingId: p.bookingId,
        userId: p.userId,
        companyId: p.companyId ?? null,
        amount: p.totalAmount.amount,
        currency: p.totalAmount.currency,
        expiresAt: new Date(p.expiresAt),
      });
    },
    'booking.expired': async (event, uow) => {
      const p = bookingExpired.parse(event.payload);
      await services().closure.close(uow, p.bookingId, p.userId, 'EXPIRED');
    },
    'booking.cancelled': async (event, uow) => {
      const p = bookingCancelled.parse(event.payload);
      await services().closure.close(uow, p.bookingId, p.userId, 'CANCELLED');
      if (p.refund && p.refund.amount > 0) {
        await services().refunds.request(uow, {
          bookingId: p.bookingId,
          paymentId: p.paymentId ?? null,
          amount: p.refund.amount,
          currency: p.refund.currency,
          reason: 'BOOKING_CANCELLED',
        });
      }
    },
    'refund.requested': async (event, uow) => {
      const p = refundRequested.parse(event.payload);
      if (p.amount.amount <= 0) return;
      await services().refunds.request(uow, {
        bookingId: p.bookingId,
        paymentId: p.paymentId ?? null,
        amount: p.amount.amount,
        currency: p.amount.currency,
        reason: p.reason,
      });
    },
  };
}
