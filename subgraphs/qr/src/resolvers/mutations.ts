import { requireRole } from '@busline/shared';
import type { MutationResolvers } from '../generated/resolvers';

export const mutations: MutationResolvers = {
  verifyTicket: async (_, args, ctx) => {
    const viewer = requireRole(ctx.viewer, 'DRIVER', 'COMPANY_ADMIN', 'PLATFORM_ADMIN');
    return ctx.services.verifyTicket(viewer, args.token, args.tripId ?? null, args.stop ?? null, ctx.deadline);
  },
};
