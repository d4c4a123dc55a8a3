import { createHash, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { AppError, ErrorCode, EventTypes, type Logger, type TransactionRunner } from '@busline/shared';
import type { BookingClaimRow, BookingRow } from '../db/schema';
import { BookingRepository } from '../repositories/booking-repository';
import { ClaimRepository } from '../repositories/claim-repository';
import type { LiveUpdates } from './live';

/** How long a claim code is valid. */
export const CLAIM_CODE_MINUTES = 10;
/** Wrong codes tried against one code before it is void. */
export const MAX_CLAIM_ATTEMPTS = 5;

/**
 * Rate limits of requestBookingClaim: an SMS per phone per minute and 5 per hour (each code may be
 * guessed 5 times: 25 guesses an hour out of a million codes), and 10 requests per account per hour
 * (phones tried one after another). Requests for phones with no counter sales count too, so the limits
 * tell nothing about which phones have some.
 */
export const CLAIM_LIMITS = [
  { scope: 'phone', max: 1, windowSeconds: 60 },
  { scope: 'phone', max: 5, windowSeconds: 3600 },
  { scope: 'account', max: 10, windowSeconds: 3600 },
] as const;

const invalidCode = () =>
  new AppError(ErrorCode.BAD_USER_INPUT, 'This code is wrong or has expired; ask for a new one', {
    field: 'code',
    reason: 'INVALID_CLAIM_CODE',
  });

/** sha256 over the request id, the phone and the code: only the hash is stored. */
function hashCode(requestId: string, phone: string, code: string): string {
  return createHash('sha256').update(`${requestId}:${phone}:${code}`).digest('hex');
}

/** Constant-time comparison of a code with the stored hash of its request. */
function codeMatches(claim: BookingClaimRow, code: string): boolean {
  const expected = Buffer.from(claim.codeHash ?? '', 'hex');
  const given = Buffer.from(hashCode(claim.id, claim.phone, code), 'hex');
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Seconds until a request fits the limit again, or 0 when it fits now (`times` newest first). */
function retryAfter(times: Date[], max: number, windowSeconds: number, now: Date): number {
  if (times.length < max) return 0;
  const frees = times[max - 1]!.getTime() + windowSeconds * 1000;
  return Math.max(1, Math.ceil((frees - now.getTime()) / 1000));
}

/**
 * Claims of counter sales by phone: a passenger proves the walk-in phone with a code sent to it, and
 * the unclaimed counter sales of that phone move into their account (booking.claimed per booking, so
 * payment, qr and notification follow).
 */
export class BookingClaimService {
  constructor(
    private readonly runner: TransactionRunner,
    private readonly live: LiveUpdates,
    private readonly logger: Logger,
  ) {}

  /**
   * Records the request and, when the phone has claimable counter sales, a code for them
   * (booking.claim_requested carries it to notification, which sends the SMS). The caller learns
   * nothing either way; past a rate limit nothing is recorded and RATE_LIMITED says when to retry.
   */
  async request(userId: string, phone: string, now = new Date()): Promise<void> {
    await this.runner.run(async (uow) => {
      const claims = new ClaimRepository(uow.tx);
      await claims.lockRequests(userId, phone);
      const hourAgo = new Date(now.getTime() - 3_600_000);
      const byPhone = await claims.requestTimesForPhone(phone, hourAgo);
      const byAccount = await claims.requestTimesBy(userId, hourAgo);
      for (const limit of CLAIM_LIMITS) {
        const times = (limit.scope === 'phone' ? byPhone : byAccount).filter(
          (t) => t.getTime() > now.getTime() - limit.windowSeconds * 1000,
        );
        const seconds = retryAfter(times, limit.max, limit.windowSeconds, now);
        if (seconds > 0) {
          throw new AppError(ErrorCode.RATE_LIMITED, `Too many code requests; try again in ${seconds} seconds`, {
            retryAfterSeconds: seconds,
          });
        }
      }
      const found = await new BookingRepository(uow.tx).claimableByPhone(phone, now);
      const expiresAt = new Date(now.getTime() + CLAIM_CODE_MINUTES * 60_000);
      const requestId = randomUUID();
      const code = found.length > 0 ? randomInt(0, 1_000_000).toString().padStart(6, '0') : null;
      await claims.insert({
        id: requestId,
        phone,
        requestedBy: userId,
        codeHash: code === null ? null : hashCode(requestId, phone, code),
        expiresAt,
        createdAt: now,
      });
      if (code === null) return;
      await uow.emit(EventTypes.BookingClaimRequested, {
        requestId,
        phone,
        code,
        // The newest sale's language: the passenger chose it at the counter most recently.
        language: found[0]!.walkInLanguage ?? 'rw',
        expiresAt: expiresAt.toISOString(),
        bookingIds: found.map((b) => b.id),
      });
    });
  }

  /**
   * Moves the phone's unclaimed counter sales to the caller when `code` is the latest one sent to this
   * phone for them, unexpired and not void; a wrong code counts an attempt (committed even though the
   * call fails). The code's row lock orders concurrent claims: the first moves the bookings, the others
   * find the code used and answer the same bookings.
   */
  async claim(userId: string, phone: string, code: string, now = new Date()): Promise<BookingRow[]> {
    if (!/^\d{6}$/.test(code)) throw invalidCode();
    const outcome = await this.runner.run(async (uow) => {
      const claims = new ClaimRepository(uow.tx);
      const claim = await claims.lockLatestCode(phone, userId);
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
    });
    if (outcome === null) throw invalidCode();
    if (outcome.length > 0) this.logger.info({ userId, bookings: outcome.length }, 'counter sales claimed');
    return this.runner.run(async (uow) => {
      const rows = await new BookingRepository(uow.tx).findBookingsByIds(outcome);
      return rows.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1));
    });
  }
}
