// Payment's mutations: a signed-in viewer required here; roles, shifts and idempotency in the services.
import { requireViewer } from '@busline/shared';
import type { MutationResolvers } from '../generated/resolvers';

export const mutations: MutationResolvers = {
  startPayment: (_, args, ctx) =>
    ctx.services.startPayment.start(requireViewer(ctx.viewer), args.input, args.idempotencyKey),
  recordCashPayment: (_, args, ctx) =>
    ctx.services.recordCashPayment.record(requireViewer(ctx.viewer), args.input, args.idempotencyKey),
  closeCashShift: (_, args, ctx) => ctx.services.closeCashShift.closeShift(requireViewer(ctx.viewer), args.agentId),
  handOutCashRefund: (_, args, ctx) =>
    ctx.services.handOutCashRefund.handOutRefund(
      requireViewer(ctx.viewer),
      args.paymentId,
      args.idempotencyKey,
      args.code,
    ),
  sendCashRefundCode: (_, args, ctx) => ctx.services.sendCashRefundCode.send(ctx.viewer, args.paymentId),
};
