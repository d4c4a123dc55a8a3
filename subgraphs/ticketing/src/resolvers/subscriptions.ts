import { AppError, ErrorCode, isUuid, requireViewer } from '@busline/shared';
import type { TicketingContext } from '../context';
import type { SubscriptionResolvers } from '../generated/resolvers';
import { topics, type BookingChanged, type TripSeatsChanged } from '../services/live';
import { ownsBooking } from '../services/access';

// `resolve` gets its payload from our own publisher, which the generated types cannot know: annotated here.
export const subscriptions: SubscriptionResolvers = {
  bookingStatusChanged: {
    subscribe: async (_, args, ctx) => {
      const viewer = requireViewer(ctx.viewer);
      const booking = isUuid(args.bookingId) ? await ctx.services.bookings.find(args.bookingId) : null;
      if (!booking || !ownsBooking(viewer, booking))
        throw new AppError(ErrorCode.FORBIDDEN, 'Only the owner may follow this booking');
      return ctx.services.live.subscribe<BookingChanged>(topics.booking(booking.id));
    },
    // Updates carry only the id: re-read the committed booking rather than trust the message.
    resolve: async (payload: BookingChanged, _: unknown, ctx: TicketingContext) => {
      ctx.services.clearReads();
      // Bookings are never deleted, and this one existed when subscribing.
      return (await ctx.services.bookings.find(payload.bookingId))!;
    },
  },
  tripSeatsChanged: {
    subscribe: (_, args, ctx) => {
      if (!isUuid(args.tripId)) throw new AppError(ErrorCode.BAD_USER_INPUT, 'Invalid trip id', { field: 'tripId' });
      return ctx.services.live.subscribe<TripSeatsChanged>(topics.tripSeats(args.tripId));
    },
    resolve: (payload: TripSeatsChanged, _: unknown, ctx: TicketingContext) => {
      ctx.services.clearReads();
      return { __typename: 'Trip' as const, id: payload.tripId, changed: payload.segment ?? null };
    },
  },
};
