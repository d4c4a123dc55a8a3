import { AppError, ErrorCode } from '@busline/shared';
import {
  BookingRepository,
  holdLockKeys,
  type HoldLimitUsage,
  type HoldLockKeys,
} from '../repositories/booking-repository';
import type { HoldLimitAsk } from '../repositories/trip-repository';
import type { TicketingOptions } from '../options';

/** Which limit refused a hold (`extensions.limit` of HOLD_LIMIT_REACHED). */
export type HoldLimit =
  'SEATS_PER_TRIP' | 'SEATS_PER_TRIP_PER_ADDRESS' | 'OPEN_BOOKINGS' | 'HOLDS_PER_HOUR' | 'OPEN_COUNTER_BOOKINGS';

export type HoldLimitOptions = Pick<
  TicketingOptions,
  | 'maxHeldSeatsPerTrip'
  | 'maxHeldSeatsPerTripPerAddress'
  | 'maxOpenBookings'
  | 'maxHoldsPerHour'
  | 'pendingPaymentGraceMs'
>;

const HOUR_MS = 3_600_000;

function limitReached(limit: HoldLimit, max: number, message: string): AppError {
  return new AppError(ErrorCode.HOLD_LIMIT_REACHED, `Hold limit reached: ${message}`, { limit, max });
}

/**
 * Whose holds a hold's limits count, for the hold's read after the limits' locks (TripRepository.forHold) to count
 * with the trip: a round trip fewer. See checkHoldLimits.
 */
export function holdLimitUsageOf(request: { userId: string; clientAddress?: string | null }, now: Date): HoldLimitAsk {
  return {
    userId: request.userId,
    clientAddress: request.clientAddress || null,
    since: new Date(now.getTime() - HOUR_MS),
  };
}

/**
 * Per-account limits on holds, so one account cannot take a trip's seats out of sale by holding them
 * again and again. They apply to every role: a hold is always in the caller's own name and no staff
 * task needs many of them (companies keep seats off sale through their bus layouts), while a stolen
 * admin token is the account an attacker would most like to be unlimited.
 *
 * `usage` is counted inside the hold's transaction after its limits' locks (holdLimitLocksOf, holdLimitUsageOf): the
 * account's lock is held until it commits, so parallel holds by one account are counted one after another, and a
 * refusal rolls everything back. The address's lock is per trip, as its limit is: holds from one address on
 * different trips do not wait for each other.
 */
export function checkHoldLimits(
  usage: HoldLimitUsage,
  request: { seats: string[]; clientAddress?: string | null },
  options: HoldLimitOptions,
): void {
  const address = request.clientAddress || null;
  if (usage.seatsOnTrip + request.seats.length > options.maxHeldSeatsPerTrip) {
    throw limitReached(
      'SEATS_PER_TRIP',
      options.maxHeldSeatsPerTrip,
      `at most ${options.maxHeldSeatsPerTrip} seats per trip can be held at once, and you already hold ${usage.seatsOnTrip} on this trip`,
    );
  }
  // The address's limit is against throwaway accounts: an account holding a ticket it paid for is held to its own
  // limits only, and its holds do not count in it, so nobody behind a carrier NAT who has paid for a ticket is kept
  // off a trip by someone else's free accounts. (A payment refunded, even one that came too late, does not count.)
  if (
    address &&
    !usage.hasPaid &&
    usage.seatsOnTripFromAddress + request.seats.length > options.maxHeldSeatsPerTripPerAddress
  ) {
    throw limitReached(
      'SEATS_PER_TRIP_PER_ADDRESS',
      options.maxHeldSeatsPerTripPerAddress,
      `at most ${options.maxHeldSeatsPerTripPerAddress} seats of one trip can be held at once from one network address`,
    );
  }
  if (usage.openBookings + 1 > options.maxOpenBookings) {
    throw limitReached(
      'OPEN_BOOKINGS',
      options.maxOpenBookings,
      `at most ${options.maxOpenBookings} bookings can be open at once; pay for or cancel one first`,
    );
  }
  if (usage.holdsSince + 1 > options.maxHoldsPerHour) {
    throw limitReached(
      'HOLDS_PER_HOUR',
      options.maxHoldsPerHour,
      `at most ${options.maxHoldsPerHour} holds can be made per hour; try again later`,
    );
  }
}

/**
 * The locks the limits of a hold are counted under, for its first read to take (a round trip fewer): the
 * account's (a counter sale's seller's) and, for an online hold from a known address, the address's.
 */
export function holdLimitLocksOf(
  request: { userId: string; tripId: string; clientAddress?: string | null },
  counterSale: boolean,
): HoldLockKeys {
  const address = counterSale ? null : request.clientAddress || null;
  return holdLockKeys(request.userId, address ? { clientAddress: address, tripId: request.tripId } : null);
}

/**
 * The limit on a seller's counter sales, which replaces the account limits above for them: at most
 * `maxOpenCounterBookings` held or pending-payment counter sales at once, claimed by a passenger or not (a sale paid,
 * cancelled or expired makes room). Runs in the hold's transaction under the seller's lock, like them.
 */
export async function enforceCounterSaleLimit(
  bookings: BookingRepository,
  sellerId: string,
  options: Pick<TicketingOptions, 'maxOpenCounterBookings' | 'pendingPaymentGraceMs'>,
  now: Date,
  /** The caller's transaction took the seller's lock already (`holdLimitLocksOf`). */
  { locked = false } = {},
): Promise<void> {
  if (!locked) await bookings.lockHoldsOf(sellerId);
  const open = await bookings.openCounterSales(sellerId, now, options.pendingPaymentGraceMs);
  if (open + 1 > options.maxOpenCounterBookings) {
    throw limitReached(
      'OPEN_COUNTER_BOOKINGS',
      options.maxOpenCounterBookings,
      `at most ${options.maxOpenCounterBookings} counter sales can be awaiting payment at once; take payment for or cancel one first`,
    );
  }
}
