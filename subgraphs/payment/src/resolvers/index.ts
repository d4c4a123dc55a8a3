import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { DateTimeScalar, isUuid, requireViewer } from '@busline/shared';
import type { PaymentContext } from '../context';
import type { PaymentRow } from '../db/schema';

export const resolvers: GraphQLResolverMap<PaymentContext> = {
  DateTime: DateTimeScalar,
  Query: {
    payment: async (_: unknown, args: { id: string }, ctx: PaymentContext) => {
      const viewer = requireViewer(ctx.viewer);
      const payment = isUuid(args.id) ? await ctx.paymentById.load(args.id) : null;
      return payment && payment.userId === viewer.userId ? payment : null;
    },
  },
  Booking: {
    __resolveReference: (ref: { id: string }) => ref,
    payments: async (booking: { id: string }, _: unknown, ctx: PaymentContext) => {
      if (!ctx.viewer || !isUuid(booking.id)) return [];
      const viewer = ctx.viewer;
      const rows = await ctx.paymentsByBookingId.load(booking.id);
      return rows.filter((payment) => payment.userId === viewer.userId);
    },
  },
  Payment: {
    __resolveReference: (ref: { id: string }, ctx: PaymentContext) => (isUuid(ref.id) ? ctx.paymentById.load(ref.id) : null),
    booking: (payment: PaymentRow) => ({ __typename: 'Booking', id: payment.bookingId }),
    amount: (payment: PaymentRow) => ({ amount: payment.amount, currency: payment.currency }),
  },
};
