import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { AppError, canActForCompany, DateTimeScalar, ErrorCode, isUuid, requireViewer, type LivePubSub, type Viewer } from '@busline/shared';
import type { PaymentContext } from '../context';
import type { PaymentRow } from '../db/schema';
import { paymentTopic } from '../services/settlement';
import type { StartPaymentInput, StartPaymentService } from '../services/start-payment';

/** Owner, platform admin, or admin of the company the booking belongs to. */
function maySee(viewer: Viewer | null, payment: PaymentRow): boolean {
  if (!viewer) return false;
  if (payment.userId === viewer.userId) return true;
  return viewer.role === 'PLATFORM_ADMIN' || (!!payment.companyId && canActForCompany(viewer, payment.companyId, 'COMPANY_ADMIN'));
}

export function createResolvers(services: { startPayment: StartPaymentService; pubsub: LivePubSub }): GraphQLResolverMap<PaymentContext> {
  return {
    DateTime: DateTimeScalar,
    Query: {
      payment: async (_: unknown, args: { id: string }, ctx: PaymentContext) => {
        const viewer = requireViewer(ctx.viewer);
        const payment = isUuid(args.id) ? await ctx.paymentById.load(args.id) : null;
        return payment && maySee(viewer, payment) ? payment : null;
      },
    },
    Mutation: {
      startPayment: async (_: unknown, args: { input: StartPaymentInput; idempotencyKey: string }, ctx: PaymentContext) => {
        const viewer = requireViewer(ctx.viewer);
        return services.startPayment.start(viewer, args.input, args.idempotencyKey);
      },
    },
    Subscription: {
      paymentStatusChanged: {
        subscribe: async (_: unknown, args: { paymentId: string }, ctx: PaymentContext) => {
          const viewer = requireViewer(ctx.viewer);
          const payment = isUuid(args.paymentId) ? await ctx.paymentById.load(args.paymentId) : null;
          // Same answer for "missing" and "not yours": ids are not probed.
          if (!payment || payment.userId !== viewer.userId) throw new AppError(ErrorCode.NOT_FOUND, 'Payment not found');
          return services.pubsub.subscribe(paymentTopic(payment.id));
        },
        resolve: (payload: PaymentRow) => payload,
      },
    },
    Booking: {
      __resolveReference: (ref: { id: string }) => ref,
      payments: async (booking: { id: string }, _: unknown, ctx: PaymentContext) => {
        if (!ctx.viewer || !isUuid(booking.id)) return [];
        const rows = await ctx.paymentsByBookingId.load(booking.id);
        return rows.filter((payment) => maySee(ctx.viewer, payment));
      },
    },
    Payment: {
      __resolveReference: async (ref: { id: string }, ctx: PaymentContext) => {
        const payment = isUuid(ref.id) ? await ctx.paymentById.load(ref.id) : null;
        return payment && maySee(ctx.viewer, payment) ? payment : null;
      },
      booking: (payment: PaymentRow) => ({ __typename: 'Booking', id: payment.bookingId }),
      amount: (payment: PaymentRow) => ({ amount: payment.amount, currency: payment.currency }),
    },
  };
}
