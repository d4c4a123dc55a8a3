import { EventTypes, handle, z, type DomainEventHandler } from '@busline/shared';
import { BookingReplicaRepository } from './repositories/booking-replica-repository';
import type { CloseBookingsService } from './services/close-bookings';
import type { ClaimPaymentsService } from './services/claim-payments';
import type { RefundPaymentsService } from './services/refund-payments';

const money = z.object({ amount: z.number().int(), currency: z.string() });

const bookingHeld = z.object({
  bookingId: z.string().uuid(),
  userId: z.string().uuid(),
  companyId: z.string().uuid().nullish(),
  totalAmount: money,
  expiresAt: z.string(),
  /** Absent in events from before counter sales: ONLINE. */
  channel: z.enum(['ONLINE', 'COUNTER']).nullish(),
  soldBy: z.string().uuid().nullish(),
});
const bookingExpired = z.object({ bookingId: z.string().uuid(), userId: z.string().uuid() });
const bookingCancelled = z.object({
  bookingId: z.string().uuid(),
  userId: z.string().uuid(),
  refund: money.nullish(),
  paymentId: z.string().uuid().nullish(),
  cancelledBy: z.string().uuid().nullish(),
  /** Absent in events from before it was sent: payment judges from the shifts it has seen. */
  atCounter: z.boolean().nullish(),
});
const bookingClaimed = z.object({
  bookingId: z.string().uuid(),
  userId: z.string().uuid(),
  previousUserId: z.string().uuid().nullish(),
});
const refundRequested = z.object({
  bookingId: z.string().uuid(),
  paymentId: z.string().uuid().nullish(),
  amount: money,
  reason: z.string().min(1),
});

/** The replica's row of a held booking. */
const payable = (p: z.infer<typeof bookingHeld>) => ({
  bookingId: p.bookingId,
  userId: p.userId,
  companyId: p.companyId ?? null,
  amount: p.totalAmount.amount,
  currency: p.totalAmount.currency,
  expiresAt: new Date(p.expiresAt),
  channel: p.channel ?? ('ONLINE' as const),
  soldBy: p.soldBy ?? null,
});

/** Events the payment subgraph consumes: the booking replica, closures, claims and refunds. */
export function createHandlers(
  services: () => { closure: CloseBookingsService; refunds: RefundPaymentsService; claims: ClaimPaymentsService },
): Record<string, DomainEventHandler> {
  return {
    [EventTypes.BookingHeld]: handle(
      bookingHeld,
      async (p, { tx }) => {
        await new BookingReplicaRepository(tx).recordHeld([payable(p)]);
      },
      async (payloads, { tx }) => {
        await new BookingReplicaRepository(tx).recordHeld(payloads.map(payable));
      },
    ),
    [EventTypes.BookingExpired]: handle(bookingExpired, async (p, uow) => {
      await services().closure.close(uow, p.bookingId, p.userId, 'EXPIRED');
    }),
    [EventTypes.BookingCancelled]: handle(bookingCancelled, async (p, uow) => {
      await services().closure.close(uow, p.bookingId, p.userId, 'CANCELLED');
      if (p.refund && p.refund.amount > 0) {
        await services().refunds.request(uow, {
          bookingId: p.bookingId,
          paymentId: p.paymentId ?? null,
          amount: p.refund.amount,
          currency: p.refund.currency,
          reason: 'BOOKING_CANCELLED',
          cancelledBy: p.cancelledBy ?? null,
          atCounter: p.atCounter ?? undefined,
        });
      }
    }),
    [EventTypes.BookingClaimed]: handle(bookingClaimed, async (p, uow) => {
      await services().claims.claim(uow, p.bookingId, p.userId);
    }),
    [EventTypes.RefundRequested]: handle(refundRequested, async (p, uow) => {
      if (p.amount.amount <= 0) return;
      await services().refunds.request(uow, {
        bookingId: p.bookingId,
        paymentId: p.paymentId ?? null,
        amount: p.amount.amount,
        currency: p.amount.currency,
        reason: p.reason,
      });
    }),
  };
}
