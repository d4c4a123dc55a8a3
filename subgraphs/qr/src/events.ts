import { EventNotReadyError, EventTypes, handle, isUuid, z, type DomainEventHandler } from '@busline/shared';
import type { KeyRing } from './keys/key-ring';
import { BoardingPassRepository } from './repositories/boarding-pass-repository';
import { claimPasses } from './services/claim-passes';
import { issuePasses, stopLabel } from './services/issue-passes';

const stop = z.object({ name: z.string().nullish(), city: z.string().nullish() });
const bookingConfirmed = z.object({
  bookingId: z.string().uuid(),
  tripId: z.string().uuid(),
  companyId: z.string().uuid(),
  userId: z.string().uuid(),
  soldBy: z.string().uuid().nullish(),
  paymentId: z.string().uuid().nullish(),
  tickets: z.array(
    z.object({
      ticketId: z.string().uuid(),
      seatNumber: z.string(),
      passengerName: z.string(),
      boardingStop: z.number().int().nullish(),
      alightingStop: z.number().int().nullish(),
      boarding: stop.nullish(),
      alighting: stop.nullish(),
    }),
  ),
  departureAt: z.string().nullish(),
  arrivalAt: z.string().nullish(),
});
const bookingCancelled = z.object({ bookingId: z.string().uuid(), ticketIds: z.array(z.string().uuid()).nullish() });
const bookingClaimed = z.object({
  bookingId: z.string().uuid(),
  userId: z.string().uuid(),
  previousUserId: z.string().uuid().nullish(),
  claimedAt: z.string().datetime({ offset: true }),
});
const bookingStopsChanged = z.object({
  bookingId: z.string().uuid(),
  version: z.number().int().nullish(),
  tickets: z.array(
    z.object({
      ticketId: z.string().uuid(),
      boardingStop: z.number().int(),
      alightingStop: z.number().int(),
      boarding: stop.nullish(),
      alighting: stop.nullish(),
    }),
  ),
});
const tripCancelled = z.object({
  tripId: z.string().uuid(),
  cancelledAt: z.string().datetime({ offset: true }).nullish(),
});
const paymentRefunded = z.object({ bookingId: z.string().uuid(), paymentId: z.string().uuid().nullish() });
const tripSchedule = z.object({
  tripId: z.string().uuid(),
  departureAt: z.string().datetime({ offset: true }),
  arrivalAt: z.string().datetime({ offset: true }).nullish(),
  version: z.number().int(),
  status: z.string().nullish(),
  /**
   * Absent from snapshots before it (null: the trip has no driver with an account). Checked as company checks the ids
   * it links drivers to (any 8-4-4-4-12 hex, not only RFC versions), so that no snapshot of their trips is refused.
   */
  driverUserId: z.string().refine(isUuid).nullish(),
});

/**
 * Trip schedules say when boarding opens, and how long passes stay valid: a trip moved later (a day's delay)
 * keeps its passengers' passes valid until its new arrival plus the grace period. The check is the stored
 * validity (verifyTicket); the token's own `exp` stays as signed, which only an offline scanner reads. They also
 * say whose scans board the trip (`driverUserId`).
 */
const recordSchedule = (graceMs: number) =>
  handle(tripSchedule, async (p, { tx, logger }) => {
    const repo = new BoardingPassRepository(tx);
    // Passes being issued for the trip are committed first (and extended below), or read the new arrival.
    await repo.lockTrip(p.tripId, 'exclusive');
    const arrivalAt = p.arrivalAt ? new Date(p.arrivalAt) : null;
    const arrived = p.status === 'ARRIVED';
    const departureAt = new Date(p.departureAt);
    if (p.status === 'CANCELLED') await repo.recordCancellation(p.tripId, new Date());
    if (
      !(await repo.recordDeparture(p.tripId, departureAt, p.version, arrivalAt, arrived, p.driverUserId)) ||
      !arrivalAt
    )
      return;
    const extended = await repo.extendValidity(p.tripId, new Date(arrivalAt.getTime() + graceMs));
    if (extended > 0) logger.info({ tripId: p.tripId, passes: extended }, 'passes kept valid for the new arrival');
  });

/**
 * Events the qr subgraph consumes: passes are issued on confirmation, change hands when a counter sale is
 * claimed, and are revoked on cancellation or refund; a cancelled trip boards nobody.
 */
export function createHandlers(keys: KeyRing, graceMs: number): Record<string, DomainEventHandler> {
  return {
    [EventTypes.BookingConfirmed]: handle(bookingConfirmed, async (p, { tx, logger }) => {
      const issued = await issuePasses(tx, keys, p, graceMs);
      logger.debug({ issued }, 'boarding passes issued');
    }),
    [EventTypes.BookingCancelled]: handle(bookingCancelled, async (p, { tx }) => {
      const repo = new BoardingPassRepository(tx);
      // Passes being issued at the same time are committed first (and revoked below), or see the cancellation.
      await repo.lockBooking(p.bookingId);
      await repo.revoke(p.bookingId, 'BOOKING_CANCELLED', p.ticketIds ?? undefined);
      // Remembered for a booking.confirmed that arrives after its cancellation.
      await repo.rememberRevokedBooking(p.bookingId, 'BOOKING_CANCELLED');
    }),
    [EventTypes.BookingClaimed]: handle(bookingClaimed, async (p, { tx, logger }) => {
      await claimPasses(tx, p);
      logger.debug({ bookingId: p.bookingId }, 'boarding passes claimed');
    }),
    // A route edit renumbered the trip's stops: the scanner's stop orders are the new ones.
    // Sent for confirmed tickets only, after their booking.confirmed, which travels on another stream: a pass not
    // issued yet is retried until it is.
    [EventTypes.BookingStopsChanged]: handle(bookingStopsChanged, async (p, { tx }) => {
      const repo = new BoardingPassRepository(tx);
      const issued = new Set(
        (await repo.findByTicketIds(p.tickets.map((t) => t.ticketId))).map((pass) => pass.ticketId),
      );
      const missing = p.tickets.filter((ticket) => !issued.has(ticket.ticketId));
      if (missing.length > 0) throw new EventNotReadyError(`passes of booking ${p.bookingId} not issued yet`);
      for (const ticket of p.tickets) {
        await repo.renumber(ticket.ticketId, p.version ?? null, {
          from: ticket.boardingStop,
          to: ticket.alightingStop,
          boardingName: stopLabel(ticket.boarding),
          alightingName: stopLabel(ticket.alighting),
        });
      }
    }),
    [EventTypes.TripScheduled]: recordSchedule(graceMs),
    [EventTypes.TripUpdated]: recordSchedule(graceMs),
    // None of a cancelled trip's passes boards from now on, before ticketing's booking.cancelled revokes each (its
    // stream may lag, or ticketing be away): scans under way finish first (they hold the trip's lock, shared).
    [EventTypes.TripCancelled]: handle(tripCancelled, async (p, { tx, logger }) => {
      const repo = new BoardingPassRepository(tx);
      await repo.lockTrip(p.tripId, 'exclusive');
      await repo.recordCancellation(p.tripId, p.cancelledAt ? new Date(p.cancelledAt) : new Date());
      logger.info({ tripId: p.tripId }, 'trip cancelled: its passes board no more');
    }),
    // Only the refund of the payment that confirmed the booking voids its passes: a booking keeps its tickets when
    // another of its payments is refunded (a duplicate, a mobile-money payment that failed before cash was taken).
    [EventTypes.PaymentRefunded]: handle(paymentRefunded, async (p, { tx, logger }) => {
      const repo = new BoardingPassRepository(tx);
      // As for a cancellation: passes being issued are committed first, or see the refund.
      await repo.lockBooking(p.bookingId);
      if (!p.paymentId) {
        await repo.revoke(p.bookingId, 'REFUNDED');
        await repo.rememberRevokedBooking(p.bookingId, 'REFUNDED');
        return;
      }
      const revoked = await repo.revoke(p.bookingId, 'REFUNDED', undefined, p.paymentId);
      // Remembered for a booking.confirmed that arrives after the refund of its payment.
      await repo.rememberRefund(p.paymentId, p.bookingId);
      logger.debug({ bookingId: p.bookingId, paymentId: p.paymentId, revoked }, 'payment refunded');
    }),
  };
}
