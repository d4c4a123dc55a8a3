import { AppError, ErrorCode, isUuid, requireViewer } from '@busline/shared';
import type { TicketingContext } from '../context';
import type { MutationCancelBookingArgs, MutationHoldSeatsArgs } from '../generated/resolvers';

export const Mutation = {
  holdSeats: async (_: unknown, args: MutationHoldSeatsArgs, ctx: TicketingContext) => {
    const viewer = requireViewer(ctx.viewer);
    if (!isUuid(args.input.tripId)) throw new AppError(ErrorCode.NOT_FOUND, 'Trip not found');
    return ctx.services.holdSeats.hold({
      userId: viewer.userId,
      tripId: args.input.tripId,
      seats: args.input.seats.map((s) => s.trim().toUpperCase()),
      passengerNames: args.input.passengers.map((p) => p.name),
    });
  },

  cancelBooking: async (_: unknown, args: MutationCancelBookingArgs, ctx: TicketingContext) => {
    const viewer = requireViewer(ctx.viewer);
    if (!isUuid(args.bookingId)) throw new AppError(ErrorCode.NOT_FOUND, 'Booking not found');
    return ctx.services.cancelBooking.cancel(viewer, args.bookingId);
  },
};
