// A route edit renumbers a trip's stops: its tickets follow their stations, so a seat stays taken over the same road.
import { EventTypes, PgCode, postgresErrorCode, type EventContext, type Tx } from '@busline/shared';
import type { TripStopRow } from '../db/schema';
import { BookingRepository } from '../repositories/booking-repository';
import type { LiveUpdates } from './live';
import { BookingTransitions } from './transitions';

type Stop = Pick<TripStopRow, 'stopOrder' | 'stationId' | 'name' | 'city'>;

/** Bigger than any stop order: tickets pass through it so that no two ranges overlap halfway through a renumbering. */
const ASIDE = 1_000_000;

/**
 * A snapshot whose stops put a station at another order (a stop added or removed before it, stops reordered):
 * every active ticket's boarding and alighting stop move to their stations' new orders, in ticketing and, through
 * `booking.stops_changed` (confirmed tickets, with the snapshot's `version`), in qr's passes. A booking one of whose
 * stations is gone, or whose stations now come in the wrong order, can no longer be travelled as sold: it is
 * cancelled (`ROUTE_CHANGED`), a paid one refunded in full. A booking with a boarded ticket is never cancelled: its
 * passenger is on the bus; its tickets whose stations no longer fit keep their seat over the whole route. Stops
 * without station ids (trips from before they were sent) are left as they were. Runs before the trip's stops are
 * replaced, in the snapshot's transaction, which holds the trip row; the bookings are locked before their tickets
 * are read, so a payment confirming one meanwhile sends its booking.confirmed with the new orders. Should the new
 * orders still collide (a reordering), the tickets keep theirs and the error is logged: one snapshot never stops the
 * trip's later ones.
 */
export async function followRenumberedStops(
  ctx: EventContext,
  live: LiveUpdates,
  trip: { tripId: string; version: number },
  before: readonly Stop[],
  after: readonly Stop[],
): Promise<void> {
  const { tripId } = trip;
  // A trip needs two stops to be travelled at all: a snapshot with fewer says nothing the tickets could follow.
  if (before.length < 2 || after.length < 2 || [...before, ...after].some((stop) => !stop.stationId)) return;
  const orderOf = new Map(after.map((stop) => [stop.stationId!, stop.stopOrder]));
  const stationAt = new Map(before.map((stop) => [stop.stopOrder, stop.stationId!]));
  if (before.every((stop) => orderOf.get(stop.stationId!) === stop.stopOrder)) return;
  const moved = (order: number) => orderOf.get(stationAt.get(order) ?? '');
  const lastStop = Math.max(...after.map((stop) => stop.stopOrder));

  const bookings = new BookingRepository(ctx.tx);
  // Locked first: a confirmation waits, then reads the tickets as renumbered.
  const locked = await bookings.lockForTrip(tripId, ['HELD', 'PENDING_PAYMENT', 'CONFIRMED']);
  const active = await bookings.activeTicketsOfTrip(tripId);
  // A booking with a passenger on board is never cancelled: its tickets keep a seat whatever the edit.
  const boarding = new Set(active.filter((ticket) => ticket.status === 'BOARDED').map((ticket) => ticket.bookingId));
  const lost = new Set<string>();
  const renumbered: { id: string; bookingId: string; status: string; boardingStop: number; alightingStop: number }[] =
    [];
  for (const ticket of active) {
    let boardingStop = moved(ticket.boardingStop);
    let alightingStop = moved(ticket.alightingStop);
    const fits = boardingStop !== undefined && alightingStop !== undefined && boardingStop < alightingStop;
    if (!fits && !boarding.has(ticket.bookingId)) {
      lost.add(ticket.bookingId);
      continue;
    }
    if (!fits) [boardingStop, alightingStop] = [0, lastStop];
    if (boardingStop !== ticket.boardingStop || alightingStop !== ticket.alightingStop) {
      renumbered.push({
        id: ticket.id,
        bookingId: ticket.bookingId,
        status: ticket.status,
        boardingStop: boardingStop!,
        alightingStop: alightingStop!,
      });
    }
  }

  // The lost bookings first: their seats are free before the others move.
  const transitions = new BookingTransitions(ctx, live);
  for (const booking of locked.filter((row) => lost.has(row.id))) {
    const refund = booking.status === 'CONFIRMED' ? booking.totalAmount : null;
    await transitions.cancel(booking, { reason: 'ROUTE_CHANGED', cancelledBy: null, refund });
  }
  const moving = renumbered.filter((ticket) => !lost.has(ticket.bookingId));
  if (moving.length === 0) return;
  try {
    // In a savepoint: a collision rolls back the renumbering alone.
    await (ctx.tx as Tx).transaction((savepoint) => new BookingRepository(savepoint).renumberTickets(moving, ASIDE));
  } catch (error) {
    if (postgresErrorCode(error) !== PgCode.EXCLUSION_VIOLATION) throw error;
    ctx.logger.error(
      { tripId, err: error },
      "tickets could not follow the trip's new stop orders without two sharing a seat; they keep theirs",
    );
    return;
  }

  // For qr's passes, which only confirmed and boarded tickets have: a booking confirmed later says its new orders.
  const names = new Map(after.map((stop) => [stop.stopOrder, stop]));
  const byBooking = new Map<string, typeof moving>();
  for (const ticket of moving.filter((move) => move.status !== 'HELD'))
    byBooking.set(ticket.bookingId, [...(byBooking.get(ticket.bookingId) ?? []), ticket]);
  for (const [bookingId, tickets] of byBooking) {
    await ctx.emit(EventTypes.BookingStopsChanged, {
      bookingId,
      tripId,
      version: trip.version,
      tickets: tickets.map((ticket) => ({
        ticketId: ticket.id,
        boardingStop: ticket.boardingStop,
        alightingStop: ticket.alightingStop,
        boarding: stopFields(names.get(ticket.boardingStop)),
        alighting: stopFields(names.get(ticket.alightingStop)),
      })),
    });
  }
  ctx.logger.info(
    { tripId, renumbered: moving.length, cancelled: lost.size },
    "tickets follow their stations to the trip's new stop orders",
  );
}

const stopFields = (stop: Stop | undefined) => ({
  stationId: stop?.stationId ?? null,
  name: stop?.name ?? null,
  city: stop?.city ?? null,
});
