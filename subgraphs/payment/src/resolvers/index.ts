import { DateTimeScalar, requireRole, requireViewer } from '@busline/shared';
import type { PaymentRow } from '../db/schema';
import type { Resolvers } from '../generated/resolvers';

/** The payment subgraph's resolvers: argument and role checks, then a call to `ctx.services`. */
export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query: {
    payment: (_, args, ctx) => ctx.services.payments.find(requireViewer(ctx.viewer), args.id),
    failedRefunds: (_, __, ctx) => {
      requireRole(ctx.viewer, 'PLATFORM_ADMIN');
      return ctx.services.payments.withFailedRefunds();
    },
  },
  Mutation: {
    startPayment: (_, args, ctx) =>
      ctx.services.startPayment.start(requireViewer(ctx.viewer), args.input, args.idempotencyKey),
  },
  Subscription: {
    paymentStatusChanged: {
      subscribe: (_, args, ctx) => ctx.services.payments.watch(requireViewer(ctx.viewer), args.paymentId),
      resolve: (payload: PaymentRow) => payload,
    },
  },
  Booking: {
    __resolveReference: (ref) => ref,
    payments: (booking, _, ctx) => ctx.services.payments.ofBooking(ctx.viewer, booking.id),
  },
  Payment: {
    __resolveReference: (ref, ctx) => ctx.services.payments.find(ctx.viewer, ref.id),
    booking: (payment) => ({ __typename: 'Booking', id: payment.bookingId }),
    amount: (payment) => ({ amount: payment.amount, currency: payment.currency }),
    refundState: (payment, _, ctx) => ctx.services.payments.refundState(payment.id),
  },
};
