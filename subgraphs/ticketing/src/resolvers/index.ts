import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { canActForCompany, DateTimeScalar, isUuid, requireViewer } from '@busline/shared';
import type { TicketingContext } from '../context';
import type { BookingRow } from '../db/schema';

/** Owner, or staff of the company running the trip. */
function canSeeBooking(booking: BookingRow, ctx: TicketingContext): boolean {
  const viewer = requireViewer(ctx.viewer);
  return booking.userId === viewer.userId || canActForCompany(viewer, booking.companyId, 'COMPANY_ADMIN', 'DRIVER');
}

export const resolvers: GraphQLResolverMap<TicketingContext> = {
  DateTime: DateTimeScalar,
  Query: {
    booking: async (_: unknown, args: { id: string }, ctx: TicketingContext) => {
      requireViewer(ctx.viewer);
      const booking = isUuid(args.id) ? await ctx.bookingById.load(args.id) : null;
      // Someone else's booking looks exactly like a missing one.
      return booking && canSeeBooking(booking, ctx) ? booking : null;
    },
  },
  Trip: {
    __resolveReference: (ref: { id: string }) => ref,
    availableSeats: (trip: { id: string }, _: unknown, ctx: TicketingContext) =>
      isUuid(trip.id) ? ctx.availableSeatsByTripId.load(trip.id) : 0,
  },
  Booking: {
    trip: (booking: BookingRow) => ({ __typename: 'Trip', id: booking.tripId }),
    tickets: (booking: BookingRow, _: unknown, ctx: TicketingContext) => ctx.ticketsByBookingId.load(booking.id),
    totalAmount: (booking: BookingRow) => ({ amount: booking.totalAmount, currency: booking.currency }),
  },
  Ticket: {
    __resolveReference: (ref: { id: string }, ctx: TicketingContext) => (isUuid(ref.id) ? ctx.ticketById.load(ref.id) : null),
    seatNumber: (ticket: { seatLabel: string }) => ticket.seatLabel,
  },
};
