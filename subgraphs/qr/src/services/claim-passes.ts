// A counter sale taken into a passenger account: its passes change hands.
import type { Executor } from '@busline/shared';
import { BoardingPassRepository } from '../repositories/boarding-pass-repository';

export interface BookingClaim {
  bookingId: string;
  userId: string;
  previousUserId?: string | null;
  claimedAt: string;
}

/**
 * Gives the passes of a claimed booking to the passenger who claimed it, in the consumer's transaction.
 * The claim is stored too: booking.claimed may arrive before the booking.confirmed that issues the passes
 * (or the booking is claimed before it is paid), and passes issued later go to the claimed owner
 * (issuePasses). Idempotent: a redelivered claim changes nothing more.
 */
export async function claimPasses(tx: Executor, claim: BookingClaim): Promise<number> {
  const repo = new BoardingPassRepository(tx);
  // Passes being issued at the same time are committed first (and transferred below), or see the claim.
  await repo.lockBooking(claim.bookingId);
  await repo.recordClaim({
    bookingId: claim.bookingId,
    userId: claim.userId,
    previousUserId: claim.previousUserId ?? null,
    claimedAt: new Date(claim.claimedAt),
  });
  // The latest claim decides (one stored before this one may be newer).
  const owner = (await repo.claimOf(claim.bookingId))?.userId ?? claim.userId;
  return repo.transferBooking(claim.bookingId, owner);
}
