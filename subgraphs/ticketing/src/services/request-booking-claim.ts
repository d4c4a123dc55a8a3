// requestBookingClaim: a code sent to a walk-in phone, to claim its counter sales (docs/counter-sales.md).
import { randomInt, randomUUID } from 'node:crypto';
import { AppError, ErrorCode, EventTypes, withinDeadline, type TransactionRunner } from '@busline/shared';
import { BookingRepository } from '../repositories/booking-repository';
import { ClaimRepository } from '../repositories/claim-repository';
import { CLAIM_CODE_MINUTES, hashCode, MAX_CLAIM_ATTEMPTS } from './claim-codes';

/**
 * Limits of a requester (RATE_LIMITED past them): a request per phone per minute and 5 per hour from one account,
 * and 10 requests per account per hour (phones tried one after another). They count every request, so they tell
 * nothing about which phones have counter sales.
 */
export const CLAIM_LIMITS = [
  { scope: 'phone', max: 1, windowSeconds: 60 },
  { scope: 'phone', max: 5, windowSeconds: 3600 },
  { scope: 'account', max: 10, windowSeconds: 3600 },
] as const;

/**
 * Codes texted to one phone, whoever asks: one per minute and 5 per hour (each may be guessed 5 times: 25 guesses
 * an hour out of a million codes). A request past them sends nothing new and keeps the latest code valid instead.
 */
export const PHONE_CODE_LIMITS = [
  { max: 1, windowSeconds: 60 },
  { max: 5, windowSeconds: 3600 },
] as const;

/** Seconds until a request fits the limit again, or 0 when it fits now (`times` newest first). */
function retryAfter(all: Date[], max: number, windowSeconds: number, now: Date): number {
  const times = all.filter((t) => t.getTime() > now.getTime() - windowSeconds * 1000);
  if (times.length < max) return 0;
  const frees = times[max - 1]!.getTime() + windowSeconds * 1000;
  return Math.max(1, Math.ceil((frees - now.getTime()) / 1000));
}

/**
 * The first step of a claim of counter sales by phone: a passenger asks for a code, sent to the walk-in
 * phone; claim-bookings.ts checks it. The code proves the phone, so it works for whichever account presents it:
 * a stranger who asks for codes for the phone texts them to the passenger and cannot keep them out.
 */
export class RequestBookingClaimService {
  constructor(private readonly runner: TransactionRunner) {}

  /**
   * Records the request and, when the phone has claimable counter sales, a code for them
   * (booking.claim_requested carries it to notification, which sends the SMS). Past the phone's code limits no new
   * code is sent: its latest one, unless used or void, stays valid for CLAIM_CODE_MINUTES from now. The caller learns
   * nothing either way; past the caller's own limits nothing is recorded and RATE_LIMITED says when to retry.
   */
  async request(userId: string, phone: string, now = new Date(), deadline: number | null = null): Promise<void> {
    // Within the router's deadline: past it nothing is recorded and no code sent (UNAVAILABLE, retry).
    await withinDeadline(this.runner, deadline, 'The request took too long; no code was sent, retry', async (uow) => {
      const claims = new ClaimRepository(uow.tx);
      await claims.lockRequests(userId, phone);
      const hourAgo = new Date(now.getTime() - 3_600_000);
      const byPhone = await claims.requestTimesForPhone(phone, hourAgo, userId);
      const byAccount = await claims.requestTimesBy(userId, hourAgo);
      for (const limit of CLAIM_LIMITS) {
        const seconds = retryAfter(limit.scope === 'phone' ? byPhone : byAccount, limit.max, limit.windowSeconds, now);
        if (seconds > 0) {
          throw new AppError(ErrorCode.RATE_LIMITED, `Too many code requests; try again in ${seconds} seconds`, {
            retryAfterSeconds: seconds,
          });
        }
      }
      const found = await new BookingRepository(uow.tx).claimableByPhone(phone, now);
      const expiresAt = new Date(now.getTime() + CLAIM_CODE_MINUTES * 60_000);
      const requestId = randomUUID();
      const codesSent = found.length > 0 ? await claims.codeTimesForPhone(phone, hourAgo) : [];
      const phoneFull = PHONE_CODE_LIMITS.some(
        (limit) => retryAfter(codesSent, limit.max, limit.windowSeconds, now) > 0,
      );
      const code = found.length > 0 && !phoneFull ? randomInt(0, 1_000_000).toString().padStart(6, '0') : null;
      await claims.insert({
        id: requestId,
        phone,
        requestedBy: userId,
        codeHash: code === null ? null : hashCode(requestId, phone, code),
        expiresAt,
        createdAt: now,
      });
      if (phoneFull) {
        const latest = await claims.lockLatestCode(phone);
        if (latest && !latest.usedAt && latest.attempts < MAX_CLAIM_ATTEMPTS && latest.expiresAt < expiresAt)
          await claims.update(latest.id, { expiresAt });
      }
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
