import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { DateTimeScalar, isUuid } from '@busline/shared';
import type { TicketingContext } from '../context';
import type { BookingRow, TicketRow } from '../db/schema';
import type { TicketWithOwner } from '../repositories/booking-repository';
import type { SeatWithTicket } from '../repositories/trip-repository';
import { canSeeBooking } from './access';
import { Mutation } from './mutation';
import { Query } from './query';
import { Subscription } from './subscription';

const seatState = (seat: SeatWithTicket) => (seat.ticketStatus === null ? 'AVAILABLE' : seat.ticketStatus === 'HELD' ? 'HELD' : 'SOLD');

export const resolvers: GraphQLResolverMap<TicketingContext> = {
  DateTime: DateTimeScalar,
  Query,
  Mutation,
  Subscription,
  Trip: {
    __resolveReference: (ref: { id: string }) => ref,
    availableSeats: (trip: { id: string }, _: unknown, ctx: TicketingContext) => (isUuid(trip.id) ? ctx.availableSeatsByTripId.load(trip.id) : 0),
    seatMap: async (trip: { id: string }, _: unknown, ctx: TicketingContext) =>
      isUuid(trip.id) ? (await ctx.seatMapByTripId.load(trip.id)).map((seat) => ({ ...seat, state: seatState(seat) })) : [],
  },
  Booking: {
    // Other subgraphs (payment) extend Booking; only people who may see it get it back.
    __resolveReference: async (ref: { id: string }, ctx: TicketingContext) => {
      const booking = isUuid(ref.id) ? await ctx.bookingById.load(ref.id) : null;
      return booking && canSeeBooking(ctx.viewer, booking) ? booking : null;
    },
    trip: (booking: BookingRow) => ({ __typename: 'Trip', id: booking.tripId }),
    tickets: (booking: BookingRow, _: unknown, ctx: TicketingContext) => ctx.ticketsByBookingId.load(booking.id),
    totalAmount: (booking: BookingRow) => ({ amount: booking.totalAmount, currency: booking.currency }),
    refund: (booking: BookingRow) => (booking.refundAmount === null ? null : { amount: booking.refundAmount, currency: booking.currency }),
  },
  Ticket: {
    __resolveReference: async (ref: { id: string }, ctx: TicketingContext) => {
      const ticket = isUuid(ref.id) ? await ctx.ticketById.load(ref.id) : null;
      return ticket && canSeeBooking(ctx.viewer, ticket) ? ticket : null;
    },
    seatNumber: (ticket: TicketRow) => ticket.seatLabel,
    booking: (ticket: TicketRow | TicketWithOwner, _: unknown, ctx: TicketingContext) => ctx.bookingById.load(ticket.bookingId),
    trip: (ticket: TicketRow) => ({ __typename: 'Trip', id: ticket.tripId }),
  },
};
