// Fields of the entities (trips, their seats, stops and segments; bookings; tickets) over this request's reads.
import { AppError, ErrorCode, isUuid, MONEY_AMOUNT_MAX } from '@busline/shared';
import type { Resolvers } from '../generated/resolvers';
import type { SegmentKey } from '../services/read-trips';
import { canSeeBooking, canSeeWalkIn } from '../services/access';
import type { TicketingContext } from '../context';
import { resolveSegment } from '../services/segments';
import { ticketSegment } from '../services/ticket-segments';
import type { TripRef } from './mappers';

/**
 * The stretch a Trip field answers for: the stops asked for, else the searched ones, else the whole trip. Stops asked
 * for are checked against the trip's as holdSeats checks them (BAD_USER_INPUT with `field`): over stops the trip does
 * not have, every seat would look free.
 */
async function segmentAsked(
  trip: TripRef,
  args: { boardingStop?: number | null; alightingStop?: number | null },
  ctx: TicketingContext,
): Promise<SegmentKey> {
  const boardingStop = args.boardingStop ?? trip.searched?.boardingStop ?? null;
  const alightingStop = args.alightingStop ?? trip.searched?.alightingStop ?? null;
  if (args.boardingStop != null || args.alightingStop != null) {
    const orders = (await ctx.services.trips.stopsOf(trip.id)).map((stop) => stop.stopOrder);
    if (orders.length > 0) resolveSegment(orders, boardingStop, alightingStop);
  }
  if (boardingStop !== null && alightingStop !== null && boardingStop >= alightingStop) {
    throw new AppError(ErrorCode.BAD_USER_INPUT, 'The alighting stop must come after the boarding stop', {
      field: 'alightingStop',
    });
  }
  return { tripId: trip.id, boardingStop, alightingStop };
}

/** The trip's stop at `order` now (null when the trip has none there). */
const stopAt = async (ctx: TicketingContext, tripId: string, order: number) =>
  (await ctx.services.trips.stopsOf(tripId)).find((stop) => stop.stopOrder === order) ?? null;

export const types: Omit<Resolvers, 'Query' | 'Mutation' | 'Subscription' | 'DateTime'> = {
  Trip: {
    __resolveReference: (ref) => ref,
    availableSeats: async (trip, args, ctx) =>
      isUuid(trip.id) ? ctx.services.trips.availableSeats(await segmentAsked(trip, args, ctx)) : 0,
    // The rows are SeatStatus objects as they are: no copy per seat.
    seatMap: async (trip, args, ctx) =>
      isUuid(trip.id) ? ctx.services.trips.seatMap(await segmentAsked(trip, args, ctx)) : [],
    stops: (trip, _, ctx) => (isUuid(trip.id) ? ctx.services.trips.stopsOf(trip.id) : []),
    searchedSegment: (trip) => (trip.searched ? { tripId: trip.id, ...trip.searched } : null),
    changedSegment: (trip) => (trip.changed ? { tripId: trip.id, ...trip.changed } : null),
    timeZone: (trip, _, ctx) => ctx.services.trips.timeZoneOf(isUuid(trip.id) ? trip.id : null),
  },
  TripStop: {
    order: (stop) => stop.stopOrder,
  },
  TripSegment: {
    boarding: (segment, _, ctx) =>
      segment.sold ? segment.sold.boarding : stopAt(ctx, segment.tripId, segment.boardingStop),
    alighting: (segment, _, ctx) =>
      segment.sold ? segment.sold.alighting : stopAt(ctx, segment.tripId, segment.alightingStop),
    // A segment the trip no longer sells has no fare now: what its booking cost per seat.
    fare: (segment, _, ctx) =>
      segment.sold ? ctx.services.bookings.pricePerSeat(segment.sold.bookingId) : ctx.services.trips.fare(segment),
  },
  Booking: {
    // Other subgraphs (payment) extend Booking; only people who may see it get it back.
    __resolveReference: async (ref, ctx) => {
      const booking = isUuid(ref.id) ? await ctx.services.bookings.find(ref.id) : null;
      return booking && canSeeBooking(ctx.viewer, booking) ? booking : null;
    },
    trip: (booking) => ({ __typename: 'Trip', id: booking.tripId }),
    tickets: (booking, _, ctx) => ctx.services.bookings.ticketsOf(booking.id),
    totalAmount: (booking) => ({ amount: booking.totalAmount, currency: booking.currency }),
    // What its cancellation returns, and any payment that arrived after it (or after its hold ended) handed back.
    refund: (booking) =>
      booking.refundAmount === null && booking.lateRefundAmount === null
        ? null
        : {
            amount: Math.min((booking.refundAmount ?? 0) + (booking.lateRefundAmount ?? 0), MONEY_AMOUNT_MAX),
            currency: booking.currency,
          },
    soldBy: (booking) => (booking.channel === 'COUNTER' ? booking.soldBy : null),
    walkIn: (booking, _, ctx) =>
      booking.channel === 'COUNTER' && booking.walkInPhone && canSeeWalkIn(ctx.viewer, booking)
        ? { name: booking.walkInName ?? '', phone: booking.walkInPhone, language: booking.walkInLanguage ?? 'rw' }
        : null,
    claimed: (booking) => booking.claimedAt !== null,
    // One hold, one segment: every ticket of a booking has the same stops.
    segment: async (booking, _, ctx) => {
      const [ticket] = await ctx.services.bookings.ticketsOf(booking.id);
      if (!ticket) return { tripId: booking.tripId, boardingStop: 0, alightingStop: 1 };
      return ticketSegment(ticket, ctx.services.trips);
    },
  },
  Ticket: {
    __resolveReference: async (ref, ctx) => {
      const ticket = isUuid(ref.id) ? await ctx.services.bookings.findTicket(ref.id) : null;
      return ticket && canSeeBooking(ctx.viewer, ticket) ? ticket : null;
    },
    seatNumber: (ticket) => ticket.seatLabel,
    // A ticket's booking always exists (foreign key); null would fail the non-null field as before.
    booking: async (ticket, _, ctx) => (await ctx.services.bookings.find(ticket.bookingId))!,
    trip: (ticket) => ({ __typename: 'Trip', id: ticket.tripId }),
    segment: (ticket, _, ctx) => ticketSegment(ticket, ctx.services.trips),
  },
};
