import { DateTimeScalar, isUuid } from '@busline/shared';
import type { Resolvers } from '../generated/resolvers';
import type { SeatWithTicket } from '../repositories/trip-repository';
import { canSeeBooking } from './access';
import { Mutation } from './mutation';
import { Query } from './query';
import { Subscription } from './subscription';

const seatState = (seat: SeatWithTicket) => (seat.ticketStatus === null ? 'AVAILABLE' : seat.ticketStatus === 'HELD' ? 'HELD' : 'SOLD');

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query,
  Mutation,
  Subscription,
  Trip: {
    __resolveReference: (ref) => ref,
    availableSeats: (trip, _, ctx) => (isUuid(trip.id) ? ctx.availableSeatsByTripId.load(trip.id) : 0),
    seatMap: async (trip, _, ctx) =>
      isUuid(trip.id) ? (await ctx.seatMapByTripId.load(trip.id)).map((seat) => ({ ...seat, state: seatState(seat) })) : [],
  },
  Booking: {
    // Other subgraphs (payment) extend Booking; only people who may see it get it back.
    __resolveReference: async (ref, ctx) => {
      const booking = isUuid(ref.id) ? await ctx.bookingById.load(ref.id) : null;
      return booking && canSeeBooking(ctx.viewer, booking) ? booking : null;
    },
    trip: (booking) => ({ __typename: 'Trip', id: booking.tripId }),
    tickets: (booking, _, ctx) => ctx.ticketsByBookingId.load(booking.id),
    totalAmount: (booking) => ({ amount: booking.totalAmount, currency: booking.currency }),
    refund: (booking) => (booking.refundAmount === null ? null : { amount: booking.refundAmount, currency: booking.currency }),
  },
  Ticket: {
    __resolveReference: async (ref, ctx) => {
      const ticket = isUuid(ref.id) ? await ctx.ticketById.load(ref.id) : null;
      return ticket && canSeeBooking(ctx.viewer, ticket) ? ticket : null;
    },
    seatNumber: (ticket) => ticket.seatLabel,
    // A ticket's booking always exists (foreign key); null would fail the non-null field as before.
    booking: async (ticket, _, ctx) => (await ctx.bookingById.load(ticket.bookingId))!,
    trip: (ticket) => ({ __typename: 'Trip', id: ticket.tripId }),
  },
};
