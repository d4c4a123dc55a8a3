// Which stops a ticket names: an active one those it holds its seat between, an ended one the stations it was sold
// for, wherever route edits have put them since (docs/segments.md).
import { ACTIVE_TICKET_STATUSES, type TicketRow, type TicketStatus, type TripStopRow } from '../db/schema';
import type { TripReads } from './read-trips';
import type { StopRange } from './segments';

/** A ticket's segment of its trip, as Booking.segment and Ticket.segment answer it. */
export interface TicketSegment extends StopRange {
  tripId: string;
  /**
   * Set for an ended ticket whose segment the trip no longer has (a station taken off the route, or its two stations
   * now the other way round): the stops it was sold for (null when not known) and its booking, whose price per seat
   * is then its fare. The orders are those the stops have or last had.
   */
  sold?: { boarding: TripStopRow | null; alighting: TripStopRow | null; bookingId: string };
}

const ACTIVE: ReadonlySet<TicketStatus> = new Set(ACTIVE_TICKET_STATUSES);

type SoldTicket = Pick<
  TicketRow,
  'tripId' | 'bookingId' | 'status' | 'boardingStop' | 'alightingStop' | 'boardingStationId' | 'alightingStationId'
>;

/**
 * The segment `ticket` names. A route edit moves active tickets to their stations' new orders (renumber-stops.ts),
 * so their orders are right; an ended ticket keeps the orders it ended with, which a later edit may give to other
 * stations: it is read by its stations instead.
 */
export async function ticketSegment(ticket: SoldTicket, trips: TripReads): Promise<TicketSegment> {
  const { tripId, boardingStationId, alightingStationId } = ticket;
  const byOrder = { tripId, boardingStop: ticket.boardingStop, alightingStop: ticket.alightingStop };
  if (ACTIVE.has(ticket.status) || !boardingStationId || !alightingStationId) return byOrder;
  const stops = await trips.stopsOf(tripId);
  // Stops without station ids are never renumbered: the orders still name the stations sold.
  if (stops.length === 0 || stops.some((stop) => !stop.stationId)) return byOrder;
  const boarding = stops.find((stop) => stop.stationId === boardingStationId);
  const alighting = stops.find((stop) => stop.stationId === alightingStationId);
  if (boarding && alighting && boarding.stopOrder < alighting.stopOrder)
    return { tripId, boardingStop: boarding.stopOrder, alightingStop: alighting.stopOrder };
  const removed = await trips.removedStopsOf(tripId);
  const removedStop = (stationId: string) => removed.find((stop) => stop.stationId === stationId) ?? null;
  const from = boarding ?? removedStop(boardingStationId);
  const to = alighting ?? removedStop(alightingStationId);
  return {
    tripId,
    boardingStop: from?.stopOrder ?? ticket.boardingStop,
    alightingStop: to?.stopOrder ?? ticket.alightingStop,
    sold: { boarding: from, alighting: to, bookingId: ticket.bookingId },
  };
}
