import { AppError, canActForCompany, ErrorCode, type TransactionRunner, type Viewer } from '@busline/shared';
import type { BookingRow } from '../db/schema';
import { BookingRepository } from '../repositories/booking-repository';
import { TripRepository } from '../repositories/trip-repository';
import type { LiveUpdates } from './live';
import { DEFAULT_REFUND_TIERS, refundAmount } from './refund-policy';
import { BookingTransitions } from './transitions';

/** Cancellation on request of the passenger, the company's admin or a platform admin. */
export class CancelBookingService {
  constructor(
    private readonly runner: TransactionRunner,
    private readonly live: LiveUpdates,
  ) {}

  async cancel(viewer: Viewer, bookingId: string, now = new Date()): Promise<BookingRow> {
    return this.runner.run(async (uow) => {
      const bookings = new BookingRepository(uow.tx);
      const booking = await bookings.lockBooking(bookingId);
      const isOwner = booking?.userId === viewer.userId;
      if (!booking || (!isOwner && !canActForCompany(viewer, booking.companyId, 'COMPANY_ADMIN'))) {
        // Someone else's booking looks exactly like a missing one.
        throw new AppError(ErrorCode.NOT_FOUND, 'Booking not found');
      }
      const transitions = new BookingTransitions(uow, this.live);
      const reason = isOwner ? 'PASSENGER' : 'COMPANY';
      if (booking.status === 'HELD' || booking.status === 'PENDING_PAYMENT') {
        return transitions.cancel(booking, { reason, cancelledBy: viewer.userId, refund: null });
      }
      if (booking.status !== 'CONFIRMED') {
        throw new AppError(ErrorCode.BAD_USER_INPUT, `A ${booking.status} booking cannot be cancelled`, { field: 'bookingId' });
      }
      const boarded = (await bookings.findTicketsByBookingIds([booking.id])).some((t) => t.status === 'BOARDED');
      if (boarded) throw new AppError(ErrorCode.BAD_USER_INPUT, 'A passenger of this booking has already boarded', { field: 'bookingId' });
      const trips = new TripRepository(uow.tx);
      const [trip] = await trips.findByIds([booking.tripId]);
      // The company's current policy when known; else the one its trip snapshot carried.
      const tiers = (await trips.companyRefundTiers(booking.companyId)) ?? trip?.refundTiers ?? DEFAULT_REFUND_TIERS;
      const refund = trip ? refundAmount(booking.totalAmount, tiers, trip.departureAt, now) : 0;
      return transitions.cancel(booking, { reason, cancelledBy: viewer.userId, refund });
    });
  }
}
