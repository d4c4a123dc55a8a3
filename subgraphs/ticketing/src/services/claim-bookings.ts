// claimBookings: a passenger's code moves the walk-in phone's counter sales into their account.
import { EventTypes, withinDeadline, type Logger, type TransactionRunner } from '@busline/shared';
import type { BookingRow } from '../db/schema';
import { BookingRepository } from '../repositories/booking-repository';
import { ClaimRepository } from '../repositories/claim-repository';
import { codeMatches, invalidCode, MAX_CLAIM_ATTEMPTS } from './claim-codes';
import type { LiveUpdates } from './live';

/**
 * Claims of counter sales by phone: a passenger proves the walk-in phone with the code sent to it
 * (request-booking-claim.ts), and the unclaimed counter sales of that phone move into their account
 * (booking.claimed per booking, so payment, qr and notification follow).
 */
export class ClaimBookingsService {
  constructor(
    private readonly runner: TransactionRunner,
    private readonly live: LiveUpdates,
    private readonly logger: Logger,
  ) {}

  /**
   * Moves the phone's unclaimed counter sales to the caller when `code` is the latest one sent to this
   * phone (whoever asked for it: the code proves the phone), unexpired and not void; a wrong code counts an
   * attempt (committed even though the call fails). The code's row lock orders concurrent claims: the first moves
   * the bookings, the others find the code used and answer those of the bookings that are theirs.
   */
  async claim(
    userId: string,
    phone: string,
    code: string,
    now = new Date(),
    deadline: number | null = null,
  ): Promise<BookingRow[]> {
    if (!/^\d{6}$/.test(code)) throw invalidCode();
    // Within the router's deadline: past it nothing moves (UNAVAILABLE, retry with the same code); a wrong code's
    // attempt is counted whatever the time.
    const outcome = await withinDeadline(
      this.runner,
      deadline,
      'The claim took too long; nothing was claimed, retry',
      async (uow) => {
        const claims = new ClaimRepository(uow.tx);
        const claim = await claims.lockLatestCode(phone);
        if (!claim || claim.expiresAt <= now || claim.attempts >= MAX_CLAIM_ATTEMPTS) return null;
        if (!codeMatches(claim, code)) {
          await claims.update(claim.id, { attempts: claim.attempts + 1 });
          return null;
        }
        if (claim.usedAt) return claim.bookingIds ?? [];
        const bookings = new BookingRepository(uow.tx);
        const moved: string[] = [];
        for (const booking of await bookings.lockClaimableByPhone(phone, now)) {
          await bookings.updateBooking(booking.id, { userId, claimedAt: now });
          const tickets = await bookings.findTicketsByBookingIds([booking.id]);
          await uow.emit(EventTypes.BookingClaimed, {
            bookingId: booking.id,
            tripId: booking.tripId,
            companyId: booking.companyId,
            userId,
            previousUserId: booking.userId,
            ticketIds: tickets.map((t) => t.id),
            claimedAt: now.toISOString(),
          });
          this.live.bookingChanged(uow, booking, false);
          moved.push(booking.id);
        }
        await claims.update(claim.id, { usedAt: now, bookingIds: moved });
        return moved;
      },
      (outcome) => outcome === null,
    );
    if (outcome === null) throw invalidCode();
    if (outcome.length > 0) this.logger.info({ userId, bookings: outcome.length }, 'counter sales claimed');
    return this.runner.run(async (uow) => {
      // A code already used by another account answers none of its bookings.
      const rows = (await new BookingRepository(uow.tx).findBookingsByIds(outcome)).filter((b) => b.userId === userId);
      return rows.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1));
    });
  }
}
