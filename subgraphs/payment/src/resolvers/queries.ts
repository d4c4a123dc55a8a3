// Payment's queries: who may ask checked here, the rest answered by ctx.services.
import { requireRole, requireViewer } from '@busline/shared';
import type { QueryResolvers } from '../generated/resolvers';

export const queries: QueryResolvers = {
  payment: (_, args, ctx) => ctx.services.payments.find(requireViewer(ctx.viewer), args.id),
  failedRefunds: (_, __, ctx) => {
    requireRole(ctx.viewer, 'PLATFORM_ADMIN');
    return ctx.services.payments.withFailedRefunds();
  },
  myCashShift: (_, __, ctx) => ctx.services.cashShifts.myShift(requireViewer(ctx.viewer)),
  cashShifts: (_, args, ctx) => ctx.services.cashShifts.list(requireViewer(ctx.viewer), args),
  cashRefundsDue: (_, args, ctx) => ctx.services.cashRefundsDue.refundsDue(requireViewer(ctx.viewer), args),
};
