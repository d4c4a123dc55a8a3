// A route edit renumbers a trip's stops: its tickets follow their stations, so a seat stays taken over the same road.
import { EventTypes, PgCode, postgresErrorCode, type EventContext, type Tx } from '@busline/shared';
import type { BookingRow, TicketRow, TripStopRow } from '../db/schema';
import { BookingRepository } from '../repositories/booking-repository';
import type { LiveUpdates } from './live';
import { BookingTransitions } from './transitions';

type Stop = Pick<TripStopRow, 'stopOrder' | 'stationId' | 'name' | 'city'>;

/** A hold that no longer keeps its seats: HELD past `expiresAt`, PENDING_PAYMENT past it and the payment's grace. */
function holdHasEnded(booking: BookingRow, now: number, pendingPaymentGraceMs: number): boolean {
  if (booking.status !== 'HELD' && booking.status !== 'PENDING_PAYMENT') return false;
  const grace = booking.status === 'PENDING_PAYMENT' ? pendingPaymentGraceMs : 0;
  return !!booking.expiresAt && booking.expiresAt.getTime() + grace < now;
}

/** Bigger than any stop order: tickets pass through it so that no two ranges overlap halfway through a renumbering. */
const ASIDE = 1_000_000;

/**
 * A snapshot whose stops put a station at another order (a stop added or removed before it, stops reordered):
 * every active ticket's boarding and alighting stop move to their stations' new orders, in ticketing and, through
 * `booking.stops_changed` (confirmed tickets, with the snapshot's `version`), in qr's passes. A booking one of whose
 * stations is gone, or whose stations now come in the wrong order, can no longer be travelled as sold: it is
 * cancelled (`ROUTE_CHANGED`), a paid one refunded in full; so is one whose tickets would share a seat with a
 * booking that keeps it (stops reordered): a paid booking before one being paid before a hold, then the earlier
 * sold. A booking with a boarded ticket is never cancelled: its passenger is on the bus; its tickets whose stations
 * no longer fit keep their seat over the stretch they may still travel, and it keeps its seats before any other
 * booking. Tickets that have ended keep their orders: they hold no seat, and name their stations by the ids they were
 * sold with (ticketSegment). Stops without station ids (trips from before they were sent) are left as they were. Runs
 * before the trip's stops are replaced, in the snapshot's transaction, which holds the trip row; the bookings are
 * locked before their tickets are read, so a payment confirming one meanwhile sends its booking.confirmed with the
 * new orders. Should the new orders still collide (two passengers on board), the tickets keep theirs and the error is
 * logged: one snapshot never stops the trip's later ones.
 */
export async function followRenumberedStops(
  ctx: EventContext,
  live: LiveUpdates,
  trip: { tripId: string; version: number },
  before: readonly Stop[],
  after: readonly Stop[],
  pendingPaymentGraceMs: number,
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
  const held = await bookings.lockForTrip(tripId, ['HELD', 'PENDING_PAYMENT', 'CONFIRMED']);
  // Holds past their time (the sweeper has not reached them) end first, as a new hold of their seats ends them: kept
  // here, one would take a seat from a live booking, which the edit would cancel, and then leave the seat empty.
  const transitions = new BookingTransitions(ctx, live);
  const now = Date.now();
  const ended = held.filter((booking) => holdHasEnded(booking, now, pendingPaymentGraceMs));
  for (const booking of ended) await transitions.expire(booking);
  const endedIds = new Set(ended.map((booking) => booking.id));
  const locked = held.filter((booking) => !endedIds.has(booking.id));
  const active = (await bookings.activeTicketsOfTrip(tripId)).filter((ticket) => !endedIds.has(ticket.bookingId));
  // A booking with a passenger on board is never cancelled: its tickets keep a seat whatever the edit.
  const boarding = new Set(active.filter((ticket) => ticket.status === 'BOARDED').map((ticket) => ticket.bookingId));
  const lost = new Set<string>();
  const planned: Placed[] = [];
  for (const ticket of active) {
    let boardingStop = moved(ticket.boardingStop);
    let alightingStop = moved(ticket.alightingStop);
    const fits = boardingStop !== undefined && alightingStop !== undefined && boardingStop < alightingStop;
    if (!fits && !boarding.has(ticket.bookingId)) {
      lost.add(ticket.bookingId);
      continue;
    }
    if (!fits) [boardingStop, alightingStop] = stretchStillTravelled(ticket, moved, before, lastStop);
    planned.push({ ticket, boardingStop: boardingStop!, alightingStop: alightingStop! });
  }
  // Tickets that each fit may still overlap on their seat once moved (stops reordered; a boarded passenger's
  // stretch): bookings with a passenger on board keep their seats first, then paid ones, then those being paid, then
  // holds, each in the order they were sold; a later one that would share a seat is cancelled like a booking whose
  // station is gone.
  const bookingById = new Map(locked.map((booking) => [booking.id, booking]));
  const standing = (bookingId: string) => {
    const booking = bookingById.get(bookingId);
    // A passenger on board, or a booking not locked here (none is expected): never cancelled.
    if (boarding.has(bookingId) || !booking) return [-1, 0] as const;
    return [SALE_STANDING[booking.status] ?? 3, booking.createdAt.getTime()] as const;
  };
  const byBooking = groupedByBooking(planned, (move) => move.ticket.bookingId);
  const taken = new Map<string, Placed[]>();
  const clashes = (move: Placed) =>
    (taken.get(move.ticket.seatLabel) ?? []).some(
      (other) => move.boardingStop < other.alightingStop && other.boardingStop < move.alightingStop,
    );
  const placementOrder = [...byBooking.keys()].sort((a, b) => {
    const [x, y] = [standing(a), standing(b)];
    return x[0] - y[0] || x[1] - y[1] || a.localeCompare(b);
  });
  const displaced = new Set<string>();
  let onBoardClash = false;
  for (const bookingId of placementOrder) {
    const moves = byBooking.get(bookingId)!;
    if (moves.some(clashes)) {
      if (standing(bookingId)[0] !== -1) {
        displaced.add(bookingId);
        continue;
      }
      onBoardClash = true;
    }
    for (const move of moves) taken.set(move.ticket.seatLabel, [...(taken.get(move.ticket.seatLabel) ?? []), move]);
  }
  // Two passengers on board would share a seat (scanned aboard at a later stop before the departure): the tickets
  // cannot follow; the renumbering below fails and is logged, and nobody is cancelled for a seat it did not free.
  if (!onBoardClash) for (const bookingId of displaced) lost.add(bookingId);
  const renumbered = planned
    .filter(
      (move) => move.boardingStop !== move.ticket.boardingStop || move.alightingStop !== move.ticket.alightingStop,
    )
    .map(({ ticket, boardingStop, alightingStop }) => ({
      id: ticket.id,
      bookingId: ticket.bookingId,
      status: ticket.status,
      boardingStop,
      alightingStop,
    }));

  // The lost bookings first: their seats are free before the others move.
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
  const withPasses = moving.filter((move) => move.status !== 'HELD');
  for (const [bookingId, tickets] of groupedByBooking(withPasses, (move) => move.bookingId)) {
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

function groupedByBooking<T>(items: readonly T[], bookingOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(bookingOf(item), [...(groups.get(bookingOf(item)) ?? []), item]);
  return groups;
}

interface Placed {
  ticket: TicketRow;
  boardingStop: number;
  alightingStop: number;
}

/**
 * Where a boarded passenger whose stations no longer fit can still be: from the nearest stop still on the route at or
 * before where they boarded to the nearest at or after where they leave, so that their seat is kept over no more of
 * the road than they may travel (the whole route when nothing narrower is left).
 */
function stretchStillTravelled(
  ticket: Pick<TicketRow, 'boardingStop' | 'alightingStop'>,
  moved: (order: number) => number | undefined,
  before: readonly Stop[],
  lastStop: number,
): [number, number] {
  const orders = before.map((stop) => stop.stopOrder);
  const [first, last] = [Math.min(...orders), Math.max(...orders)];
  const nearest = (order: number, step: 1 | -1) => {
    for (let at = order; at >= first && at <= last; at += step) {
      const now = moved(at);
      if (now !== undefined) return now;
    }
    return undefined;
  };
  const from = nearest(ticket.boardingStop, -1) ?? 0;
  const to = nearest(ticket.alightingStop, 1) ?? lastStop;
  if (from < to) return [from, to];
  return from < lastStop ? [from, lastStop] : [0, lastStop];
}

/** Which bookings keep a seat first when moved tickets would share it: paid, then being paid, then held. */
const SALE_STANDING: Partial<Record<string, number>> = { CONFIRMED: 0, PENDING_PAYMENT: 1, HELD: 2 };

const stopFields = (stop: Stop | undefined) => ({
  stationId: stop?.stationId ?? null,
  name: stop?.name ?? null,
  city: stop?.city ?? null,
});
