import { AppError, ErrorCode, isUuid, requireViewer } from '@busline/shared';
import type { MutationResolvers } from '../generated/resolvers';

export const Mutation: MutationResolvers = {
  holdSeats: async (_, args, ctx) => {
    const viewer = requireViewer(ctx.viewer);
    if (!isUuid(args.input.tripId)) throw new AppError(ErrorCode.NOT_FOUND, 'Trip not found');
    return ctx.services.holdSeats.hold({
      userId: viewer.userId,
      tripId: args.input.tripId,
      seats: args.input.seats.map((s) => s.trim().toUpperCase()),
      passengerNames: args.input.passengers.map((p) => p.name),
      boardingStop: args.input.boardingStop ?? null,
      alightingStop: args.input.alightingStop ?? null,
      idempotencyKey: args.idempotencyKey,
      deadline: ctx.deadline,
      clientAddress: ctx.clientAddress,
    });
  },

  cancelBooking: async (_, args, ctx) => {
    const viewer = requireViewer(ctx.viewer);
    if (!isUuid(args.bookingId)) throw new AppError(ErrorCode.NOT_FOUND, 'Booking not found');
    return ctx.services.cancelBooking.cancel(viewer, args.bookingId);
  },
};
