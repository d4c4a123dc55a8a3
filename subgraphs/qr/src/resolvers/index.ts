import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { DateTimeScalar, isUuid } from '@busline/shared';
import type { QrContext } from '../context';
import { renderQr } from '../services/qr-image';

export const resolvers: GraphQLResolverMap<QrContext> = {
  DateTime: DateTimeScalar,
  Ticket: {
    __resolveReference: (ref: { id: string }) => ref,
    qr: async (ticket: { id: string }, _: unknown, ctx: QrContext) => {
      if (!ctx.viewer || !isUuid(ticket.id)) return null;
      const pass = await ctx.passByTicketId.load(ticket.id);
      // Only the passenger holds the pass; a revoked one is never shown again.
      if (!pass || pass.userId !== ctx.viewer.userId || pass.revokedAt) return null;
      return { token: pass.token, validUntil: pass.validUntil, ...(await renderQr(pass.token)) };
    },
  },
};
