import {
  AppError,
  canActForCompany,
  ErrorCode,
  isUuid,
  pageRequest,
  requireViewer,
  toConnection,
} from '@busline/shared';
import type { TicketingContext } from '../context';
import type { BookingRow, TicketRow } from '../db/schema';
import type { QueryResolvers } from '../generated/resolvers';
import { searchTrips } from '../services/search-trips';
import { canSeeBooking } from './access';

export const Query: QueryResolvers = {
  searchTrips: async (_, args, ctx) => {
    const found = await searchTrips(ctx.trips, args.input, ctx.services.options.maxSeatsPerBooking);
    // The search already counted the seats free over the searched segment: prime the loader so availableSeats costs no query.
    for (const trip of found) {
      ctx.availableSeatsByTripId.prime(
        { tripId: trip.tripId, boardingStop: trip.boardingStop, alightingStop: trip.alightingStop },
        trip.available,
      );
    }
    return found.map((trip) => ({
      __typename: 'Trip' as const,
      id: trip.tripId,
      searched: { boardingStop: trip.boardingStop, alightingStop: trip.alightingStop },
    }));
  },

  booking: async (_, args, ctx) => {
    const viewer = requireViewer(ctx.viewer);
    const booking = isUuid(args.id) ? await ctx.bookingById.load(args.id) : null;
    // Someone else's booking looks exactly like a missing one.
    return booking && canSeeBooking(viewer, booking) ? booking : null;
  },

  myBookings: async (_, args, ctx) => {
    const viewer = requireViewer(ctx.viewer);
    const page = pageRequest(args, { cursor: ['time', 'uuid'] });
    const rows = await ctx.bookings.listForUser(viewer.userId, {
      status: args.status,
      after: page.after as [string, string] | null,
      limit: page.limit,
    });
    return toConnection(rows, page, (b) => [b.createdAt.toISOString(), b.id]);
  },

  counterSales: async (_, args, ctx) => {
    const viewer = requireViewer(ctx.viewer);
    if (!isUuid(args.companyId)) throw new AppError(ErrorCode.FORBIDDEN, 'Not allowed for this company');
    if (args.soldBy != null && !isUuid(args.soldBy))
      throw new AppError(ErrorCode.BAD_USER_INPUT, 'Invalid user id', { field: 'soldBy' });
    const page = pageRequest(args, { cursor: ['time', 'uuid'] });
    const rows = await ctx.services.counterSales.list(viewer, {
      companyId: args.companyId,
      from: args.from ?? null,
      to: args.to ?? null,
      soldBy: args.soldBy ?? null,
      after: page.after as [string, string] | null,
      limit: page.limit,
    });
    return toConnection(rows, page, (b) => [b.createdAt.toISOString(), b.id]);
  },

  tripManifest: async (_, args, ctx) => manifestEntries(await manifestOf(args.tripId, ctx), ctx),

  tripStopManifest: async (_, args, ctx) => {
    const trip = await tripForStaff(args.tripId, ctx);
    const entries = manifestEntries(await ctx.bookings.manifest(trip.id), ctx).filter((e) =>
      ['HELD', 'CONFIRMED', 'BOARDED'].includes(e.status),
    );
    const stops = await ctx.stopsByTripId.load(trip.id);
    return stops.map((stop) => ({
      stop,
      boarding: entries.filter((e) => e.segment.boardingStop === stop.stopOrder),
      alighting: entries.filter((e) => e.segment.alightingStop === stop.stopOrder),
    }));
  },
};

/** The trip, when the viewer is staff of its company (or a platform admin). */
async function tripForStaff(tripId: string, ctx: TicketingContext) {
  const viewer = requireViewer(ctx.viewer);
  const [trip] = isUuid(tripId) ? await ctx.trips.findByIds([tripId]) : [];
  if (!trip) {
    if (viewer.role === 'PLATFORM_ADMIN') throw new AppError(ErrorCode.NOT_FOUND, 'Trip not found');
    throw new AppError(ErrorCode.FORBIDDEN, 'Not allowed for this trip');
  }
  if (!canActForCompany(viewer, trip.companyId, 'COMPANY_ADMIN', 'DRIVER'))
    throw new AppError(ErrorCode.FORBIDDEN, 'Not allowed for this trip');
  return trip;
}

async function manifestOf(tripId: string, ctx: TicketingContext) {
  const trip = await tripForStaff(tripId, ctx);
  return ctx.bookings.manifest(trip.id);
}

function manifestEntries(rows: { ticket: TicketRow; booking: BookingRow }[], ctx: TicketingContext) {
  return rows.map(({ ticket, booking }) => {
    ctx.bookingById.prime(booking.id, booking);
    return {
      ticket: {
        ...ticket,
        userId: booking.userId,
        companyId: booking.companyId,
        channel: booking.channel,
        soldBy: booking.soldBy,
      },
      seatNumber: ticket.seatLabel,
      passengerName: ticket.passengerName,
      status: ticket.status,
      booking,
      segment: { tripId: ticket.tripId, boardingStop: ticket.boardingStop, alightingStop: ticket.alightingStop },
    };
  });
}
