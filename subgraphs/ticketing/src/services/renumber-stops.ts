// A route edit renumbers a trip's stops: its tickets follow their stations, so a seat stays taken over the same road.
import { EventTypes, type EventContext } from '@busline/shared';
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
 * `booking.stops_changed` (confirmed tickets), in qr's passes. A booking one of whose stations is gone, or whose
 * stations now come in the wrong order, can no longer be travelled as sold: it is cancelled (`ROUTE_CHANGED`), a
 * paid one refunded in full.
 * Boarded tickets are on the bus: they keep their numbers. Stops without station ids (trips from before they were
 * sent) are left as they were. Runs before the trip's stops are replaced, in the snapshot's transaction.
 */
export async function followRenumberedStops(
  ctx: EventContext,
  live: LiveUpdates,
  tripId: string,
  before: readonly Stop[],
  after: readonly Stop[],
): Promise<void> {
  if (before.length === 0 || before.some((stop) => !stop.stationId)) return;
  const orderOf = new Map(after.filter((stop) => stop.stationId).map((stop) => [stop.stationId!, stop.stopOrder]));
  const stationAt = new Map(before.map((stop) => [stop.stopOrder, stop.stationId!]));
  if (before.every((stop) => orderOf.get(stop.stationId!) === stop.stopOrder)) return;
  const moved = (order: number) => orderOf.get(stationAt.get(order) ?? '');

  const bookings = new BookingRepository(ctx.tx);
  const active = await bookings.activeTicketsOfTrip(tripId);
  const lost = new Set<string>();
  const renumbered: { id: string; bookingId: string; status: string; boardingStop: number; alightingStop: number }[] =
    [];
  for (const ticket of active) {
    if (ticket.status === 'BOARDED') continue;
    const boardingStop = moved(ticket.boardingStop);
    const alightingStop = moved(ticket.alightingStop);
    if (boardingStop === undefined || alightingStop === undefined || boardingStop >= alightingStop) {
      lost.add(ticket.bookingId);
    } else if (boardingStop !== ticket.boardingStop || alightingStop !== ticket.alightingStop) {
      renumbered.push({
        id: ticket.id,
        bookingId: ticket.bookingId,
        status: ticket.status,
        boardingStop,
        alightingStop,
      });
    }
  }

  // The lost bookings first: their seats are free before the others move.
  const transitions = new BookingTransitions(ctx, live);
  for (const booking of await bookings.lockBookings([...lost])) {
    if (!['HELD', 'PENDING_PAYMENT', 'CONFIRMED'].includes(booking.status)) continue;
    const refund = booking.status === 'CONFIRMED' ? booking.totalAmount : null;
    await transitions.cancel(booking, { reason: 'ROUTE_CHANGED', cancelledBy: null, refund });
  }
  const moving = renumbered.filter((ticket) => !lost.has(ticket.bookingId));
  if (moving.length > 0) await bookings.renumberTickets(moving, ASIDE);

  // For qr's passes, which only confirmed tickets have: a booking confirmed later carries its new orders itself.
  const names = new Map(after.map((stop) => [stop.stopOrder, stop]));
  const byBooking = new Map<string, typeof moving>();
  for (const ticket of moving.filter((move) => move.status === 'CONFIRMED'))
    byBooking.set(ticket.bookingId, [...(byBooking.get(ticket.bookingId) ?? []), ticket]);
  for (const [bookingId, tickets] of byBooking) {
    await ctx.emit(EventTypes.BookingStopsChanged, {
      bookingId,
      tripId,
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
