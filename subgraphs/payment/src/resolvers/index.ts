import { DateTimeScalar, requireRole, requireViewer } from '@busline/shared';
import type { PaymentRow } from '../db/schema';
import type { Resolvers } from '../generated/resolvers';
import { seesCashDetails } from '../services/read-payments';

/** The payment subgraph's resolvers: argument and role checks, then a call to `ctx.services`. */
export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query: {
    payment: (_, args, ctx) => ctx.services.payments.find(requireViewer(ctx.viewer), args.id),
    failedRefunds: (_, __, ctx) => {
      requireRole(ctx.viewer, 'PLATFORM_ADMIN');
      return ctx.services.payments.withFailedRefunds();
    },
    myCashShift: (_, __, ctx) => ctx.services.cash.myShift(requireViewer(ctx.viewer)),
    cashShifts: (_, args, ctx) => ctx.services.cash.list(requireViewer(ctx.viewer), args),
    cashRefundsDue: (_, args, ctx) => ctx.services.cash.refundsDue(requireViewer(ctx.viewer), args),
  },
  Mutation: {
    startPayment: (_, args, ctx) =>
      ctx.services.startPayment.start(requireViewer(ctx.viewer), args.input, args.idempotencyKey),
    recordCashPayment: (_, args, ctx) =>
      ctx.services.cash.record(requireViewer(ctx.viewer), args.input, args.idempotencyKey),
    closeCashShift: (_, __, ctx) => ctx.services.cash.closeShift(requireViewer(ctx.viewer)),
    handOutCashRefund: (_, args, ctx) =>
      ctx.services.cash.handOutRefund(requireViewer(ctx.viewer), args.paymentId, args.idempotencyKey),
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
    refundAmount: (payment, _, ctx) => ctx.services.payments.refundAmount(payment.id),
    cashReceived: (payment, _, ctx) =>
      seesCashDetails(ctx.viewer, payment) && payment.cashReceived !== null
        ? { amount: payment.cashReceived, currency: payment.currency }
        : null,
    cashChange: (payment, _, ctx) =>
      seesCashDetails(ctx.viewer, payment) && payment.cashReceived !== null
        ? { amount: payment.cashReceived - payment.amount, currency: payment.currency }
        : null,
    agentId: (payment, _, ctx) => (seesCashDetails(ctx.viewer, payment) ? payment.agentId : null),
    shiftId: (payment, _, ctx) => (seesCashDetails(ctx.viewer, payment) ? payment.shiftId : null),
  },
};
