import { EventTypes, type Logger, type UnitOfWork } from '@busline/shared';
import type { BookingRow } from '../db/schema';
import { BookingRepository } from '../repositories/booking-repository';
import type { LiveUpdates } from './live';
import { channelFields } from './sales-channel';
import type { StopRange } from './segments';

/** Why a booking was cancelled (booking.cancelled `reason`). */
export type CancellationReason = 'PASSENGER' | 'COMPANY' | 'TRIP_CANCELLED' | 'ROUTE_CHANGED';

export interface CancelOptions {
  reason: CancellationReason;
  /** User who cancelled, null when the system did (trip cancellation). */
  cancelledBy: string | null;
  /** Refund in minor units for a paid booking, null when nothing was paid. */
  refund: number | null;
  /**
   * The company's counter staff cancelled at the passenger's request, the passenger in front of them: a cash
   * refund is handed back at once from their till. Otherwise it is owed (DUE) until handed out.
   */
  atCounter?: boolean;
}

/** The segment a booking's tickets share (one hold, one segment); the whole trip when none changed. */
function segmentOf(tickets: StopRange[]): StopRange | true {
  return tickets[0] ? { boardingStop: tickets[0].boardingStop, alightingStop: tickets[0].alightingStop } : true;
}

/**
 * Booking state changes shared by mutations, event handlers and the sweeper. Callers hold
 * the booking's row lock and have checked that the transition is legal.
 */
export class BookingTransitions {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly live: LiveUpdates,
  ) {}

  private get repo() {
    return new BookingRepository(this.uow.tx);
  }

  /** HELD/PENDING_PAYMENT → EXPIRED; its seats are free again. */
  async expire(booking: BookingRow): Promise<BookingRow> {
    const updated = await this.repo.updateBooking(booking.id, { status: 'EXPIRED' });
    const freed = await this.repo.moveTickets(booking.id, ['HELD'], 'EXPIRED');
    const ticketIds = freed.map((t) => t.id);
    await this.uow.emit(EventTypes.BookingExpired, {
      bookingId: booking.id,
      tripId: booking.tripId,
      companyId: booking.companyId,
      userId: booking.userId,
      ticketIds,
      ...channelFields(booking),
    });
    this.live.bookingChanged(this.uow, booking, segmentOf(freed));
    return updated;
  }

  /** HELD/PENDING_PAYMENT/CONFIRMED → CANCELLED; seats free; payment refunds `refund` if > 0. */
  async cancel(booking: BookingRow, options: CancelOptions): Promise<BookingRow> {
    const updated = await this.repo.updateBooking(booking.id, {
      status: 'CANCELLED',
      expiresAt: null,
      cancellationReason: options.reason,
      cancelledBy: options.cancelledBy,
      refundAmount: options.refund,
    });
    const freed = await this.repo.moveTickets(booking.id, ['HELD', 'CONFIRMED'], 'CANCELLED');
    const ticketIds = freed.map((t) => t.id);
    await this.uow.emit(EventTypes.BookingCancelled, {
      bookingId: booking.id,
      tripId: booking.tripId,
      companyId: booking.companyId,
      userId: booking.userId,
      reason: options.reason,
      cancelledBy: options.cancelledBy,
      ticketIds,
      refund: options.refund === null ? null : { amount: options.refund, currency: booking.currency },
      paymentId: booking.paymentId ?? null,
      atCounter: options.atCounter ?? false,
      ...channelFields(booking),
    });
    this.live.bookingChanged(this.uow, booking, segmentOf(freed));
    return updated;
  }
}

/** Logs a transition the current state does not allow; the event or request changes nothing. */
export function logIllegalTransition(
  logger: Logger,
  booking: BookingRow | undefined,
  action: string,
  extra: Record<string, unknown> = {},
): void {
  logger.warn(
    { bookingId: booking?.id, status: booking?.status ?? 'MISSING', action, ...extra },
    'illegal booking transition ignored',
  );
}
