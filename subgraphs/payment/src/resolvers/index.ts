import { AppError, canActForCompany, DateTimeScalar, ErrorCode, isUuid, requireRole, requireViewer, type LivePubSub, type Viewer } from '@busline/shared';
import type { PaymentRow } from '../db/schema';
import type { Resolvers } from '../generated/resolvers';
import { paymentTopic } from '../services/settlement';
import type { StartPaymentService } from '../services/start-payment';

/** Owner, platform admin, or admin of the company the booking belongs to. */
function maySee(viewer: Viewer | null, payment: PaymentRow): boolean {
  if (!viewer) return false;
  if (payment.userId === viewer.userId) return true;
  return viewer.role === 'PLATFORM_ADMIN' || (!!payment.companyId && canActForCompany(viewer, payment.companyId, 'COMPANY_ADMIN'));
}

export function createResolvers(services: { startPayment: StartPaymentService; pubsub: LivePubSub }): Resolvers {
  return {
    DateTime: DateTimeScalar,
    Query: {
      payment: async (_, args, ctx) => {
        const viewer = requireViewer(ctx.viewer);
        const payment = isUuid(args.id) ? await ctx.paymentById.load(args.id) : null;
        return payment && maySee(viewer, payment) ? payment : null;
      },
      failedRefunds: async (_, __, ctx) => {
        requireRole(ctx.viewer, 'PLATFORM_ADMIN');
        const failed = await ctx.refunds.findFailed(100);
        const rows = await ctx.payments.findByIds(failed.map((refund) => refund.paymentId));
        const byId = new Map(rows.map((row) => [row.id, row]));
        return failed.flatMap((refund) => byId.get(refund.paymentId) ?? []);
      },
    },
    Mutation: {
      startPayment: async (_, args, ctx) => {
        const viewer = requireViewer(ctx.viewer);
        return services.startPayment.start(viewer, args.input, args.idempotencyKey);
      },
    },
    Subscription: {
      paymentStatusChanged: {
        subscribe: async (_, args, ctx) => {
          const viewer = requireViewer(ctx.viewer);
          const payment = isUuid(args.paymentId) ? await ctx.paymentById.load(args.paymentId) : null;
          // Same answer for "missing" and "not yours": ids are not probed.
          if (!payment || payment.userId !== viewer.userId) throw new AppError(ErrorCode.NOT_FOUND, 'Payment not found');
          return services.pubsub.subscribe<PaymentRow>(paymentTopic(payment.id));
        },
        resolve: (payload: PaymentRow) => payload,
      },
    },
    Booking: {
      __resolveReference: (ref) => ref,
      payments: async (booking, _, ctx) => {
        if (!ctx.viewer || !isUuid(booking.id)) return [];
        const rows = await ctx.paymentsByBookingId.load(booking.id);
        return rows.filter((payment) => maySee(ctx.viewer, payment));
      },
    },
    Payment: {
      __resolveReference: async (ref, ctx) => {
        const payment = isUuid(ref.id) ? await ctx.paymentById.load(ref.id) : null;
        return payment && maySee(ctx.viewer, payment) ? payment : null;
      },
      booking: (payment) => ({ __typename: 'Booking', id: payment.bookingId }),
      amount: (payment) => ({ amount: payment.amount, currency: payment.currency }),
      refundState: async (payment, _, ctx) => (await ctx.refundByPaymentId.load(payment.id))?.status ?? null,
    },
  };
}
