import { AppError, ErrorCode, isUuid, requireRole, requireViewer } from '@busline/shared';
import type { MutationResolvers } from '../generated/resolvers';
import { requirePhone, validateWalkIn } from '../services/walk-in';

/** Roles that may sell at a counter (of their own company; platform admins of any). */
const COUNTER_ROLES = new Set(['COUNTER_AGENT', 'COMPANY_ADMIN', 'PLATFORM_ADMIN']);

export const mutations: MutationResolvers = {
  holdSeats: async (_, args, ctx) => {
    const viewer = requireViewer(ctx.viewer);
    if (!isUuid(args.input.tripId)) throw new AppError(ErrorCode.NOT_FOUND, 'Trip not found');
    const walkInInput = args.input.walkIn ?? null;
    // The trip's company is checked in the service; a passenger is refused before anything is read.
    if (walkInInput && !COUNTER_ROLES.has(viewer.role))
      throw new AppError(ErrorCode.FORBIDDEN, "Only the trip company's counter agents and admins sell at the counter");
    return ctx.services.holdSeats.hold({
      userId: viewer.userId,
      tripId: args.input.tripId,
      seats: args.input.seats.map((s) => s.trim().toUpperCase()),
      passengerNames: args.input.passengers.map((p) => p.name),
      boardingStop: args.input.boardingStop ?? null,
      alightingStop: args.input.alightingStop ?? null,
      boardingStationId: args.input.boardingStationId ?? null,
      alightingStationId: args.input.alightingStationId ?? null,
      idempotencyKey: args.idempotencyKey,
      deadline: ctx.deadline,
      clientAddress: ctx.clientAddress,
      walkIn: walkInInput && { seller: viewer, passenger: validateWalkIn(walkInInput) },
    });
  },

  cancelBooking: async (_, args, ctx) => {
    const viewer = requireViewer(ctx.viewer);
    if (!isUuid(args.bookingId)) throw new AppError(ErrorCode.NOT_FOUND, 'Booking not found');
    return ctx.services.cancelBooking.cancel(viewer, args.bookingId, new Date(), ctx.deadline);
  },

  requestBookingClaim: async (_, args, ctx) => {
    const viewer = requireRole(ctx.viewer, 'PASSENGER');
    await ctx.services.requestBookingClaim.request(viewer.userId, requirePhone(args.phone), new Date(), ctx.deadline);
    // Whether or not the phone has counter sales: the answer never tells.
    return true;
  },

  claimBookings: async (_, args, ctx) => {
    const viewer = requireRole(ctx.viewer, 'PASSENGER');
    return ctx.services.claimBookings.claim(
      viewer.userId,
      requirePhone(args.phone),
      args.code.trim(),
      new Date(),
      ctx.deadline,
    );
  },
};
