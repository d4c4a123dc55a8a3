import type { Executor } from '@busline/shared';
import type { KeyRing } from '../keys/key-ring';
import { signPass } from '../keys/pass-token';
import { BoardingPassRepository } from '../repositories/boarding-pass-repository';

interface StopName {
  name?: string | null;
  city?: string | null;
}

/** "Musanze Bus Park (Musanze)", or whichever part is known; null when neither is. */
export const stopLabel = (stop: StopName | null | undefined) =>
  stop?.name && stop.city && stop.name !== stop.city
    ? `${stop.name} (${stop.city})`
    : (stop?.name ?? stop?.city ?? null);

export interface ConfirmedBooking {
  bookingId: string;
  tripId: string;
  companyId: string;
  userId: string;
  /** The counter agent who sold a counter sale; null or absent for online bookings. */
  soldBy?: string | null;
  /** The payment that confirmed it (absent from events of before it was sent). */
  paymentId?: string | null;
  tickets: {
    ticketId: string;
    seatNumber: string;
    passengerName: string;
    /** The ticket's segment (stop orders); absent from bookings confirmed before segments. */
    boardingStop?: number | null;
    alightingStop?: number | null;
    boarding?: StopName | null;
    alighting?: StopName | null;
  }[];
  departureAt?: string | null;
  arrivalAt?: string | null;
}

/** When a pass stops being valid: arrival plus grace (departure + 12 h, or 7 days, when unknown). */
export function validUntilFor(booking: ConfirmedBooking, graceMs: number, now = new Date()): Date {
  const arrival = booking.arrivalAt
    ? new Date(booking.arrivalAt)
    : booking.departureAt
      ? new Date(new Date(booking.departureAt).getTime() + 12 * 3600_000)
      : null;
  const end =
    arrival && !Number.isNaN(arrival.getTime()) ? arrival.getTime() + graceMs : now.getTime() + 7 * 24 * 3600_000;
  return new Date(end);
}

/**
 * Issues one signed pass per ticket of a confirmed booking, in the consumer's transaction.
 * Idempotent: tickets that already have a pass keep it. A booking already cancelled or refunded
 * (events arrive out of order) gets its passes revoked from the start, and a counter sale already
 * claimed (booking.claimed seen first) gets them issued to the passenger who claimed it. Holds the booking's lock
 * and its trip's shared lock until the transaction ends, so a cancellation, refund, claim or trip move applied at
 * the same time (another stream, another replica) waits for the passes or is seen by them.
 */
export async function issuePasses(
  tx: Executor,
  keys: KeyRing,
  booking: ConfirmedBooking,
  graceMs: number,
): Promise<number> {
  const repo = new BoardingPassRepository(tx);
  // What is read below (cancelled, refunded, claimed, the trip's arrival) stays true until the passes are committed.
  await repo.lockBooking(booking.bookingId);
  await repo.lockTrip(booking.tripId, 'shared');
  const existing = new Set((await repo.findByTicketIds(booking.tickets.map((t) => t.ticketId))).map((p) => p.ticketId));
  const revokedReason =
    (await repo.revokedReason(booking.bookingId)) ??
    (booking.paymentId && (await repo.wasRefunded(booking.paymentId)) ? 'REFUNDED' : undefined);
  const owner = (await repo.claimOf(booking.bookingId))?.userId ?? booking.userId;
  const validFrom = new Date(Date.now() - 60_000);
  // The trip may have been moved later than the booking says (its trip.updated seen first).
  const tripArrival = await repo.arrivalOf(booking.tripId);
  const validUntil = new Date(
    Math.max(validUntilFor(booking, graceMs).getTime(), tripArrival ? tripArrival.getTime() + graceMs : 0),
  );
  const passes = await Promise.all(
    booking.tickets
      .filter((ticket) => !existing.has(ticket.ticketId))
      .map(async (ticket) => ({
        ticketId: ticket.ticketId,
        bookingId: booking.bookingId,
        tripId: booking.tripId,
        companyId: booking.companyId,
        userId: owner,
        soldBy: booking.soldBy ?? null,
        seatNumber: ticket.seatNumber,
        passengerName: ticket.passengerName,
        boardingStop: ticket.boardingStop ?? null,
        alightingStop: ticket.alightingStop ?? null,
        boardingName: stopLabel(ticket.boarding),
        alightingName: stopLabel(ticket.alighting),
        token: await signPass(
          keys,
          {
            tid: ticket.ticketId,
            trp: booking.tripId,
            seat: ticket.seatNumber,
            name: ticket.passengerName,
            ...(ticket.boardingStop != null && ticket.alightingStop != null
              ? { from: ticket.boardingStop, to: ticket.alightingStop }
              : {}),
          },
          validFrom,
          validUntil,
        ),
        keyId: keys.signingKid,
        validFrom,
        validUntil,
        departureAt:
          booking.departureAt && !Number.isNaN(Date.parse(booking.departureAt)) ? new Date(booking.departureAt) : null,
        paymentId: booking.paymentId ?? null,
        ...(revokedReason ? { status: 'REVOKED' as const, revokedAt: new Date(), revokedReason } : {}),
      })),
  );
  return (await repo.insertMissing(passes)).length;
}
