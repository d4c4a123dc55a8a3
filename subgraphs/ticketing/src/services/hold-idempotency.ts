import { createHash } from 'node:crypto';
import { AppError, ErrorCode, type Viewer } from '@busline/shared';
import type { BookingRow } from '../db/schema';
import type { BookingRepository } from '../repositories/booking-repository';
import { ownsBooking } from './access';
import type { WalkInPassenger } from './walk-in';

/**
 * What makes two holds the same request: trip, seat-passenger pairs (in any order), the stops asked
 * for and, for a counter sale, its walk-in passenger; a request without stops hashes as before segments
 * existed, so its retries across an upgrade match (and an online one as before counter sales).
 */
export function hashHoldRequest(request: {
  tripId: string;
  seats: string[];
  passengerNames: string[];
  boardingStop?: number | null;
  alightingStop?: number | null;
  boardingStationId?: string | null;
  alightingStationId?: string | null;
  walkIn?: { passenger: WalkInPassenger } | null;
}): string {
  const pairs = request.seats
    .map((seat, i) => [seat, request.passengerNames[i]!.trim()])
    .sort(([a], [b]) => (a! < b! ? -1 : a! > b! ? 1 : 0));
  const stops = [request.boardingStop ?? null, request.alightingStop ?? null];
  const parts: unknown[] = stops.every((s) => s === null) ? [request.tripId, pairs] : [request.tripId, pairs, stops];
  // Only when given: a key's hash from before they could be is the same.
  const stations = [request.boardingStationId ?? null, request.alightingStationId ?? null];
  if (stations.some((s) => s !== null)) parts.push({ stations });
  if (request.walkIn) {
    const { name, phone, language, email } = request.walkIn.passenger;
    parts.push({ walkIn: [name, phone, language, email] });
  }
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/**
 * The booking an earlier hold with this key made, whatever its status now (the client may never
 * have seen the first answer); IDEMPOTENCY_CONFLICT when that hold asked for something else. A counter
 * sale is given back only to a seller who still sells for its company (`seller`: the retry's), as a new one
 * would be: one who left keeps none of their sales.
 */
export async function replayHold(
  bookings: BookingRepository,
  userId: string,
  key: string,
  requestHash: string,
  seller: Viewer | null,
): Promise<BookingRow | undefined> {
  const booking = await bookings.findByIdempotencyKey(userId, key);
  if (booking && booking.requestHash !== requestHash) {
    throw new AppError(
      ErrorCode.IDEMPOTENCY_CONFLICT,
      'This idempotency key was already used with a different request',
    );
  }
  // A counter sale the passenger has claimed since is theirs: its seller's retry does not get it back.
  if (booking && booking.userId !== userId)
    throw new AppError(
      ErrorCode.IDEMPOTENCY_CONFLICT,
      'This idempotency key was used for a counter sale its passenger has claimed since',
    );
  if (booking && seller && !ownsBooking(seller, booking)) throw counterSaleRefused();
  return booking;
}

export const counterSaleRefused = () =>
  new AppError(ErrorCode.FORBIDDEN, "Only the trip company's counter agents and admins sell at the counter");
