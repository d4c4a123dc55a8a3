import { EventNotReadyError, type Logger, type UnitOfWork } from '@busline/shared';
import { BookingReplicaRepository } from '../repositories/booking-replica-repository';
import { PaymentRepository } from '../repositories/payment-repository';

/**
 * booking.claimed: a counter sale was taken into a passenger's account. Its payments (and the replica,
 * so the passenger may pay a booking still open by mobile money) now belong to that account; the agent
 * who took the cash keeps seeing it as the company's staff.
 */
export class ClaimPaymentsService {
  constructor(private readonly logger: Logger) {}

  async claim(uow: UnitOfWork, bookingId: string, userId: string): Promise<void> {
    const known = await new BookingReplicaRepository(uow.tx).reassign(bookingId, userId);
    // booking.held comes first in ticketing; here it may still be on its way: retried until it is known.
    if (!known) throw new EventNotReadyError(`booking ${bookingId} is not known to payment yet`);
    const moved = await new PaymentRepository(uow.tx).reassignBooking(bookingId, userId);
    this.logger.info({ bookingId, userId, payments: moved }, 'claimed booking: its payments moved to the account');
  }
}
