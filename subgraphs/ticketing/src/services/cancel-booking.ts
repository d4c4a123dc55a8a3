import {
  AppError,
  canActForCompany,
  ErrorCode,
  withinDeadline,
  type TransactionRunner,
  type Viewer,
} from '@busline/shared';
import { atCounter, ownsBooking } from './access';
import type { BookingRow, TripRow } from '../db/schema';
import { BookingRepository } from '../repositories/booking-repository';
import { TripRepository } from '../repositories/trip-repository';
import type { TicketingOptions } from '../options';
import type { LiveUpdates } from './live';
import { DEFAULT_REFUND_TIERS, refundAmount } from './refund-policy';
import { BookingTransitions } from './transitions';

/** Trip statuses (from the company subgraph) in which passengers are boarding or have boarded. */
const BOARDING_STARTED_STATUSES = new Set(['BOARDING', 'DEPARTED', 'ARRIVED']);

/**
 * Cancellation on request of the passenger (or, for a counter sale, its seller or the company's counter agents
 * on the passenger's behalf): refunded by the refund tiers. The company's admins (of a sale they did not sell
 * unclaimed) and platform admins cancel for the company, which refunds the whole `totalAmount`. A confirmed
 * booking can be cancelled only until boarding may start (`cancellationClosesMinutes` before departure, or
 * earlier once the trip is BOARDING): a scan reaches ticketing later, as ticket.boarded, so a cancellation after
 * that point could refund a passenger who is already on the bus. The booking's row lock, which the
 * ticket.boarded consumer takes too, orders a cancellation and a boarding event.
 */
export class CancelBookingService {
  constructor(
    private readonly runner: TransactionRunner,
    private readonly live: LiveUpdates,
    private readonly options: Pick<TicketingOptions, 'cancellationClosesMinutes' | 'pendingPaymentGraceMs'>,
  ) {}

  /** Within the router's `deadline` (epoch ms, or null): past it nothing is cancelled (UNAVAILABLE, retry). */
  async cancel(
    viewer: Viewer,
    bookingId: string,
    now = new Date(),
    deadline: number | null = null,
  ): Promise<BookingRow> {
    return withinDeadline(
      this.runner,
      deadline,
      'The cancellation took too long; nothing was cancelled, retry',
      async (uow) => {
        const bookings = new BookingRepository(uow.tx);
        const booking = await bookings.lockBooking(bookingId);
        const isOwner = !!booking && ownsBooking(viewer, booking);
        // The company's counter agents may cancel its counter sales (its seller while they work there).
        const counter = !!booking && atCounter(viewer, booking);
        if (!booking || (!isOwner && !counter && !canActForCompany(viewer, booking.companyId, 'COMPANY_ADMIN'))) {
          // Someone else's booking looks exactly like a missing one.
          throw new AppError(ErrorCode.NOT_FOUND, 'Booking not found');
        }
        const unclaimedSale = booking.channel === 'COUNTER' && booking.claimedAt === null;
        const transitions = new BookingTransitions(uow, this.live);
        // A counter agent cancels at the passenger's request, claimed or not (the tiers): granting the company's full
        // refund is its admins' decision, or an agent could claim a sale with an account of their own and cancel it
        // for the whole price. The seller of an unclaimed sale cancels it for the walk-in too, whatever their role.
        const atPassengersRequest = isOwner || (counter && (unclaimedSale || viewer.role === 'COUNTER_AGENT'));
        const reason = atPassengersRequest ? 'PASSENGER' : 'COMPANY';
        // An unclaimed counter sale cancelled by the company's own counter staff (agents and admins, not a platform
        // admin) for the passenger in front of them: cash is handed back there and then. Any other cancellation (the
        // passenger online, staff cancelling a claimed sale, an online booking paid in cash, a platform admin) leaves a
        // cash refund owed until handed out.
        const companyStaff =
          viewer.companyId === booking.companyId &&
          (viewer.role === 'COUNTER_AGENT' || viewer.role === 'COMPANY_ADMIN');
        const handedBack = unclaimedSale && companyStaff;
        if (booking.status === 'HELD' || booking.status === 'PENDING_PAYMENT') {
          // Ended already (its time ran out, at its bus's departure at the latest; a payment's grace too), the sweeper
          // not there yet: its seats are free, and there is nothing to release. It ends as EXPIRED, not cancelled.
          const endsAt =
            (booking.expiresAt?.getTime() ?? Infinity) +
            (booking.status === 'PENDING_PAYMENT' ? this.options.pendingPaymentGraceMs : 0);
          if (endsAt < now.getTime())
            throw new AppError(ErrorCode.BAD_USER_INPUT, 'This hold has already ended: its seats are free again', {
              field: 'bookingId',
              reason: 'EXPIRED',
            });
          return transitions.cancel(booking, {
            reason,
            cancelledBy: viewer.userId,
            refund: null,
            atCounter: handedBack,
          });
        }
        // The caller's own cancellation again (a retry whose first answer was lost, a second click): it stands,
        // answered as it is. Someone else's (the trip's cancellation, another agent's) is no success of this caller's:
        // an agent must not read "refund handed back" off a cancellation that left the refund owed.
        if (booking.status === 'CANCELLED' || (booking.status === 'REFUNDED' && booking.cancellationReason !== null)) {
          if (booking.cancelledBy === viewer.userId) return booking;
          throw new AppError(ErrorCode.BAD_USER_INPUT, 'This booking was already cancelled', {
            field: 'bookingId',
            reason: 'BOOKING_CANCELLED',
          });
        }
        if (booking.status !== 'CONFIRMED') {
          throw new AppError(ErrorCode.BAD_USER_INPUT, `A ${booking.status} booking cannot be cancelled`, {
            field: 'bookingId',
            reason: booking.status,
          });
        }
        const boarded = (await bookings.findTicketsByBookingIds([booking.id])).some((t) => t.status === 'BOARDED');
        if (boarded)
          throw new AppError(ErrorCode.BAD_USER_INPUT, 'A passenger of this booking has already boarded', {
            field: 'bookingId',
          });
        const trips = new TripRepository(uow.tx);
        const [trip] = await trips.findByIds([booking.tripId]);
        const closesAt = trip && trip.departureAt.getTime() - this.options.cancellationClosesMinutes * 60_000;
        if (trip && (BOARDING_STARTED_STATUSES.has(trip.status) || now.getTime() >= closesAt!)) {
          throw new AppError(
            ErrorCode.BAD_USER_INPUT,
            `Cancellation is closed: boarding may have started (bookings can be cancelled until ${this.options.cancellationClosesMinutes} minutes before departure)`,
            { field: 'bookingId', reason: 'BOARDING_STARTED' },
          );
        }
        const refund =
          reason === 'COMPANY' ? booking.totalAmount : await this.passengerRefund(trips, booking, trip, now);
        return transitions.cancel(booking, { reason, cancelledBy: viewer.userId, refund, atCounter: handedBack });
      },
    );
  }

  /** What a passenger's own cancellation refunds: the company's current tiers, else its trip snapshot's. */
  private async passengerRefund(trips: TripRepository, booking: BookingRow, trip: TripRow | undefined, now: Date) {
    if (!trip) return 0;
    const tiers = (await trips.companyRefundTiers(booking.companyId)) ?? trip.refundTiers ?? DEFAULT_REFUND_TIERS;
    return refundAmount(booking.totalAmount, tiers, trip.departureAt, now);
  }
}
