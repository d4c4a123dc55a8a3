import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { AppError, ErrorCode, isUuid, requireViewer } from '@busline/shared';
import type { QueryResolvers } from '../generated/resolvers';
import type { ManifestRow } from '../services/read-manifests';
import { canSeeBooking } from '../services/access';

/**
 * Whether the field's selection asks Trip.seatMap without stops (over the searched segment), so the search reads
 * the seat maps in its own statement. Only a hint: a seat map asked otherwise is read by its own field.
 */
function asksSearchedSeatMap(info: GraphQLResolveInfo): boolean {
  const asks = (set: SelectionSetNode | undefined): boolean =>
    set?.selections.some((selection) => {
      if (selection.kind === Kind.FIELD) return selection.name.value === 'seatMap' && !selection.arguments?.length;
      if (selection.kind === Kind.INLINE_FRAGMENT) return asks(selection.selectionSet);
      return asks(info.fragments[selection.name.value]?.selectionSet);
    }) ?? false;
  return info.fieldNodes.some((node) => asks(node.selectionSet));
}

export const queries: QueryResolvers = {
  searchTrips: (_, args, ctx, info) => ctx.services.trips.search(args.input, asksSearchedSeatMap(info)),

  booking: async (_, args, ctx) => {
    const viewer = requireViewer(ctx.viewer);
    const booking = isUuid(args.id) ? await ctx.services.bookings.find(args.id) : null;
    // Someone else's booking looks exactly like a missing one.
    return booking && canSeeBooking(viewer, booking) ? booking : null;
  },

  myBookings: (_, args, ctx) => ctx.services.bookings.mine(requireViewer(ctx.viewer).userId, args),

  counterSales: async (_, args, ctx) => {
    const viewer = requireViewer(ctx.viewer);
    if (!isUuid(args.companyId)) throw new AppError(ErrorCode.FORBIDDEN, 'Not allowed for this company');
    if (args.soldBy != null && !isUuid(args.soldBy))
      throw new AppError(ErrorCode.BAD_USER_INPUT, 'Invalid user id', { field: 'soldBy' });
    return ctx.services.counterSales.list(viewer, {
      companyId: args.companyId,
      from: args.from ?? null,
      to: args.to ?? null,
      soldBy: args.soldBy ?? null,
      first: args.first,
      after: args.after,
    });
  },

  tripManifest: async (_, args, ctx) =>
    manifestEntries(await ctx.services.manifests.manifest(requireViewer(ctx.viewer), args.tripId)),

  tripStopManifest: async (_, args, ctx) => {
    const { stops, rows } = await ctx.services.manifests.stopManifest(requireViewer(ctx.viewer), args.tripId);
    const entries = manifestEntries(rows);
    return stops.map((stop) => ({
      stop,
      boarding: entries.filter((e) => e.segment.boardingStop === stop.stopOrder),
      alighting: entries.filter((e) => e.segment.alightingStop === stop.stopOrder),
    }));
  },
};

/** ManifestEntry objects: the ticket carries its booking's owner, company and seller (Ticket's access check). */
function manifestEntries(rows: ManifestRow[]) {
  return rows.map(({ ticket, booking }) => ({
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
  }));
}
