// requestBookingClaim: a code sent to a walk-in phone, to claim its counter sales (docs/counter-sales.md).
import { randomInt, randomUUID } from 'node:crypto';
import { AppError, ErrorCode, EventTypes, type TransactionRunner } from '@busline/shared';
import { BookingRepository } from '../repositories/booking-repository';
import { ClaimRepository } from '../repositories/claim-repository';
import { CLAIM_CODE_MINUTES, hashCode } from './claim-codes';

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

/** Seconds until a request fits the limit again, or 0 when it fits now (`times` newest first). */
function retryAfter(times: Date[], max: number, windowSeconds: number, now: Date): number {
  if (times.length < max) return 0;
  const frees = times[max - 1]!.getTime() + windowSeconds * 1000;
  return Math.max(1, Math.ceil((frees - now.getTime()) / 1000));
}

/**
 * The first step of a claim of counter sales by phone: a passenger asks for a code, sent to the walk-in
 * phone; claim-bookings.ts checks it.
 */
export class RequestBookingClaimService {
  constructor(private readonly runner: TransactionRunner) {}

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
}
