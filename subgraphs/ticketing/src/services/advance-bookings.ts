import { EventTypes, isUuid, type EventContext } from '@busline/shared';
import type { BookingRow, TripRow } from '../db/schema';
import { BookingRepository } from '../repositories/booking-repository';
import { TripRepository } from '../repositories/trip-repository';
import type { PaymentSucceededPayload } from './event-payloads';
import type { LiveUpdates } from './live';
import { channelFields, contactFields } from './sales-channel';
import { BookingTransitions, logIllegalTransition } from './transitions';

/**
 * Why a payment can no longer confirm a hold on `trip`: the trip was cancelled, or its bus has left (DEPARTED,
 * ARRIVED, or still SCHEDULED past its departure: holds end at departure). Null while it can (BOARDING included:
 * the bus is still at its first stop).
 */
function closedTripReason(
  trip: Pick<TripRow, 'status' | 'departureAt'>,
  now: Date,
): 'PAID_AFTER_TRIP_CANCELLED' | 'PAID_AFTER_DEPARTURE' | null {
  if (trip.status === 'CANCELLED') return 'PAID_AFTER_TRIP_CANCELLED';
  if (trip.status === 'DEPARTED' || trip.status === 'ARRIVED') return 'PAID_AFTER_DEPARTURE';
  if (trip.status === 'SCHEDULED' && trip.departureAt <= now) return 'PAID_AFTER_DEPARTURE';
  return null;
}

/** The booking saga's reactions to payment and boarding events (docs/events.md). */
export class AdvanceBookingsService {
  constructor(
    private readonly live: LiveUpdates,
    /** TicketingOptions.pendingPaymentGraceMs: how long past its end a hold awaiting its payment keeps its seats. */
    private readonly pendingPaymentGraceMs: number,
  ) {}

  private async lock(ctx: EventContext, bookingId: string): Promise<BookingRow | undefined> {
    return isUuid(bookingId) ? new BookingRepository(ctx.tx).lockBooking(bookingId) : undefined;
  }

  /**
   * payment.started: HELD → PENDING_PAYMENT. A start of a payment that failed (failedPaymentIds: its failure arrived
   * first, the two travel on different streams, or a start whose handling failed is redelivered after the next
   * attempt) changes nothing. Payment lets one payment of a booking be under way at a time, so a start of another
   * one while PENDING_PAYMENT means the earlier one ended (its failure still on its way): the booking follows the new
   * one.
   */
  async paymentStarted(ctx: EventContext, e: { paymentId: string; bookingId: string }): Promise<void> {
    const booking = await this.lock(ctx, e.bookingId);
    const startable =
      (booking?.status === 'HELD' || booking?.status === 'PENDING_PAYMENT') &&
      booking.paymentId !== e.paymentId &&
      !booking.failedPaymentIds.includes(e.paymentId);
    if (!booking || !startable)
      return logIllegalTransition(ctx.logger, booking, EventTypes.PaymentStarted, { paymentId: e.paymentId });
    await new BookingRepository(ctx.tx).updateBooking(booking.id, {
      status: 'PENDING_PAYMENT',
      paymentId: e.paymentId,
    });
    this.live.bookingChanged(ctx, booking, false);
  }

  /**
   * payment.failed: PENDING_PAYMENT → HELD, payable again until the hold expires. Every failure of a booking that
   * may still be paid is recorded (failedPaymentIds), so that a start of that payment arriving later changes nothing.
   */
  async paymentFailed(ctx: EventContext, e: { paymentId: string; bookingId: string }): Promise<void> {
    const booking = await this.lock(ctx, e.bookingId);
    const repo = new BookingRepository(ctx.tx);
    const open = booking?.status === 'HELD' || booking?.status === 'PENDING_PAYMENT';
    const known = !!booking && booking.failedPaymentIds.includes(e.paymentId);
    const failedPaymentIds = booking && !known ? [...booking.failedPaymentIds, e.paymentId] : undefined;
    if (booking?.status === 'HELD' && booking.paymentId !== e.paymentId) {
      await repo.updateBooking(booking.id, { paymentId: e.paymentId, ...(failedPaymentIds && { failedPaymentIds }) });
      ctx.logger.info(
        { bookingId: booking.id, paymentId: e.paymentId },
        'payment failed before its start reached the booking; the start will be ignored',
      );
      return;
    }
    const current = booking?.paymentId === null || booking?.paymentId === e.paymentId;
    if (booking?.status !== 'PENDING_PAYMENT' || !current) {
      if (open && failedPaymentIds) await repo.updateBooking(booking!.id, { failedPaymentIds });
      return logIllegalTransition(ctx.logger, booking, EventTypes.PaymentFailed, { paymentId: e.paymentId });
    }
    await repo.updateBooking(booking.id, { status: 'HELD', ...(failedPaymentIds && { failedPaymentIds }) });
    this.live.bookingChanged(ctx, booking, false);
  }

  /**
   * payment.succeeded: HELD/PENDING_PAYMENT → CONFIRMED with booking.confirmed. Money that
   * arrives for a booking that can no longer be confirmed is handed back (refund.requested).
   */
  async paymentSucceeded(ctx: EventContext, e: PaymentSucceededPayload): Promise<void> {
    const booking = await this.lock(ctx, e.bookingId);
    if (!booking)
      return logIllegalTransition(ctx.logger, booking, EventTypes.PaymentSucceeded, { paymentId: e.paymentId });
    const repo = new BookingRepository(ctx.tx);
    const tripRepo = new TripRepository(ctx.tx);
    const [trip] = await tripRepo.findByIds([booking.tripId]);
    const open = booking.status === 'HELD' || booking.status === 'PENDING_PAYMENT';
    const now = new Date();
    // Money for a seat on a bus that will not run, or has left: the hold ends and the money goes back.
    const closed = open && trip ? closedTripReason(trip, now) : null;
    if (closed) {
      const transitions = new BookingTransitions(ctx, this.live);
      if (trip!.status === 'CANCELLED')
        await transitions.cancel(booking, { reason: 'TRIP_CANCELLED', cancelledBy: null, refund: null });
      else await transitions.expire(booking);
      return this.handBack(ctx, booking, e, closed);
    }
    // Money paid once the hold no longer kept its seats (by when payment learned of it, never later than now, so a
    // delay before this event is applied changes nothing): HELD past its end, or PENDING_PAYMENT past its end and the
    // grace it keeps its seats for (pendingPaymentGraceMs: a success learned late, by a status check after a lost
    // callback, still confirms). The hold ends as the sweeper would have ended it, and the money goes back.
    const paidAt = new Date(Math.min(e.succeededAt ? Date.parse(e.succeededAt) : now.getTime(), now.getTime()));
    const grace = booking.status === 'PENDING_PAYMENT' ? this.pendingPaymentGraceMs : 0;
    if (open && booking.expiresAt && booking.expiresAt.getTime() + grace < paidAt.getTime()) {
      await new BookingTransitions(ctx, this.live).expire(booking);
      return this.handBack(ctx, booking, e, 'PAID_AFTER_EXPIRY');
    }
    if (open) {
      await repo.updateBooking(booking.id, { status: 'CONFIRMED', paymentId: e.paymentId, expiresAt: null });
      await repo.setTicketStatus(booking.id, ['HELD'], 'CONFIRMED');
      const tickets = await repo.findTicketsByBookingIds([booking.id]);
      const stops = new Map((await tripRepo.stopsOf([booking.tripId])).map((stop) => [stop.stopOrder, stop]));
      const stopOf = (order: number) => {
        const stop = stops.get(order);
        return {
          order,
          stationId: stop?.stationId ?? null,
          code: stop?.code ?? null,
          name: stop?.name ?? null,
          city: stop?.city ?? null,
          departsAt: stop?.departsAt.toISOString() ?? null,
        };
      };
      await ctx.emit(EventTypes.BookingConfirmed, {
        bookingId: booking.id,
        tripId: booking.tripId,
        companyId: booking.companyId,
        userId: booking.userId,
        paymentId: e.paymentId,
        tickets: tickets.map((t) => ({
          ticketId: t.id,
          seatNumber: t.seatLabel,
          passengerName: t.passengerName,
          boardingStop: t.boardingStop,
          alightingStop: t.alightingStop,
          boarding: stopOf(t.boardingStop),
          alighting: stopOf(t.alightingStop),
        })),
        totalAmount: { amount: booking.totalAmount, currency: booking.currency },
        departureAt: trip?.departureAt.toISOString() ?? null,
        arrivalAt: trip?.arrivalAt.toISOString() ?? null,
        ...channelFields(booking),
        ...contactFields(booking),
      });
      this.live.bookingChanged(
        ctx,
        booking,
        tickets[0] ? { boardingStop: tickets[0].boardingStop, alightingStop: tickets[0].alightingStop } : true,
      );
      return;
    }
    // This payment already confirmed the booking (its later cancellation carried the refund).
    if (booking.paymentId === e.paymentId && (booking.status === 'CONFIRMED' || booking.refundAmount !== null)) {
      return logIllegalTransition(ctx.logger, booking, 'payment.succeeded (already applied)', {
        paymentId: e.paymentId,
      });
    }
    const reason =
      booking.status === 'EXPIRED'
        ? 'PAID_AFTER_EXPIRY'
        : booking.status === 'CONFIRMED'
          ? 'DUPLICATE_PAYMENT'
          : 'PAID_AFTER_CANCELLATION';
    await this.handBack(ctx, booking, e, reason);
  }

  /** Asks payment to refund `e`'s money, which confirmed nothing. */
  private async handBack(ctx: EventContext, booking: BookingRow, e: PaymentSucceededPayload, reason: string) {
    const amount =
      e.amount == null
        ? { amount: booking.totalAmount, currency: booking.currency }
        : typeof e.amount === 'number'
          ? { amount: e.amount, currency: booking.currency }
          : e.amount;
    await ctx.emit(EventTypes.RefundRequested, { bookingId: booking.id, paymentId: e.paymentId, amount, reason });
    // A booking that ended (cancelled, expired) shows the money it is giving back; a confirmed one's duplicate is no
    // refund of the booking's.
    if (booking.status !== 'CONFIRMED' && amount.currency === booking.currency)
      await new BookingRepository(ctx.tx).addLateRefund(booking.id, amount.amount);
    ctx.logger.warn(
      { bookingId: booking.id, status: booking.status, paymentId: e.paymentId, reason },
      'payment for a booking that cannot be confirmed; refund requested',
    );
  }

  /**
   * payment.refunded: CANCELLED/EXPIRED (or CONFIRMED) → REFUNDED when the refunded payment is the one
   * that paid the booking (or the booking never had one: money that came after it ended). The refund of
   * a second, duplicate payment changes nothing: the booking's own refund may still be under way.
   */
  async paymentRefunded(ctx: EventContext, e: { paymentId: string; bookingId: string }): Promise<void> {
    const booking = await this.lock(ctx, e.bookingId);
    // A booking never confirmed (expired, or cancelled before it was paid: no refund of its own) has no refund of
    // its own under way: a refund is of money that came late, whatever attempt failed before it (paymentId keeps the
    // last started or failed one).
    const neverConfirmed =
      booking?.status === 'EXPIRED' || (booking?.status === 'CANCELLED' && booking.refundAmount === null);
    const ownPayment =
      booking?.paymentId === e.paymentId ||
      (booking?.paymentId == null && booking?.status !== 'CONFIRMED') ||
      neverConfirmed;
    const refundable =
      booking?.status === 'CANCELLED' || booking?.status === 'EXPIRED' || booking?.status === 'CONFIRMED';
    if (booking && refundable && !ownPayment) {
      ctx.logger.info(
        { bookingId: booking.id, paymentId: e.paymentId, bookingPaymentId: booking.paymentId },
        'refund of another payment of this booking; booking unchanged',
      );
      return;
    }
    if (!booking || !refundable)
      return logIllegalTransition(ctx.logger, booking, EventTypes.PaymentRefunded, { paymentId: e.paymentId });
    const repo = new BookingRepository(ctx.tx);
    await repo.updateBooking(booking.id, { status: 'REFUNDED', expiresAt: null });
    // Seats a confirmed booking still held are freed now; a cancelled or expired one's were freed before.
    const freed = await repo.setTicketStatus(booking.id, ['HELD', 'CONFIRMED'], 'REFUNDED');
    await repo.setTicketStatus(booking.id, ['CANCELLED', 'EXPIRED'], 'REFUNDED');
    await ctx.emit(EventTypes.BookingRefunded, {
      bookingId: booking.id,
      tripId: booking.tripId,
      companyId: booking.companyId,
      userId: booking.userId,
      paymentId: e.paymentId,
      previousStatus: booking.status,
      ticketIds: freed,
      ...channelFields(booking),
    });
    this.live.bookingChanged(ctx, booking, booking.status === 'CONFIRMED');
  }

  /**
   * ticket.boarded: CONFIRMED ticket → BOARDED. Locks the booking first, as cancelBooking does, so a
   * cancellation either sees the boarding (and is refused) or comes entirely before it.
   */
  async ticketBoarded(ctx: EventContext, e: { ticketId: string; bookingId?: string | null }): Promise<void> {
    const repo = new BookingRepository(ctx.tx);
    const [found] = isUuid(e.ticketId) ? await repo.findTicketsByIds([e.ticketId]) : [];
    const booking = found ? await repo.lockBooking(found.bookingId) : undefined;
    const ticket = booking ? await repo.lockTicket(e.ticketId) : undefined;
    if (ticket && (ticket.status === 'CANCELLED' || ticket.status === 'REFUNDED')) {
      // Scanned after its booking was cancelled (the pass is revoked only when booking.cancelled reaches qr):
      // the boarding record stays in qr; the passenger travelled on a cancelled ticket, for staff to follow up.
      ctx.logger.error(
        { ticketId: ticket.id, bookingId: ticket.bookingId, status: ticket.status },
        'ticket boarded after its booking was cancelled',
      );
      return;
    }
    if (ticket?.status !== 'CONFIRMED') {
      ctx.logger.warn(
        { ticketId: e.ticketId, status: ticket?.status ?? 'MISSING' },
        'illegal ticket transition ignored (ticket.boarded)',
      );
      return;
    }
    await repo.updateTicket(ticket.id, 'BOARDED');
    // A boarded seat stays sold: only the booking's followers hear about it.
    this.live.bookingChanged(ctx, { id: ticket.bookingId, tripId: ticket.tripId }, false);
  }
}
