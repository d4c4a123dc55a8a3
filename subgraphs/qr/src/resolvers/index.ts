import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { DateTimeScalar, isUuid, requireRole, type TransactionRunner } from '@busline/shared';
import type { QrContext } from '../context';
import type { KeyRing } from '../keys/key-ring';
import { renderQr } from '../services/qr-image';
import { verifyTicket, type BoardingResult } from '../services/verify-ticket';

interface TicketQrSource {
  token: string;
  validUntil: Date;
}

export function createResolvers(deps: { keys: KeyRing; runner: TransactionRunner }): GraphQLResolverMap<QrContext> {
  return {
    DateTime: DateTimeScalar,
    Ticket: {
      __resolveReference: (ref: { id: string }) => ref,
      qr: async (ticket: { id: string }, _: unknown, ctx: QrContext): Promise<TicketQrSource | null> => {
        if (!ctx.viewer || !isUuid(ticket.id)) return null;
        const pass = await ctx.passByTicketId.load(ticket.id);
        // Only the passenger holds the pass; a revoked one is never shown again.
        if (!pass || pass.userId !== ctx.viewer.userId || pass.status === 'REVOKED') return null;
        return { token: pass.token, validUntil: pass.validUntil };
      },
    },
    TicketQR: {
      // Rendered only when asked for: images are the expensive part.
      svg: async (qr: TicketQrSource) => (await renderQr(qr.token, 'svg')),
      pngDataUrl: async (qr: TicketQrSource) => (await renderQr(qr.token, 'png')),
    },
    Mutation: {
      verifyTicket: async (_: unknown, args: { token: string; tripId?: string | null }, ctx: QrContext) => {
        const viewer = requireRole(ctx.viewer, 'DRIVER', 'COMPANY_ADMIN', 'PLATFORM_ADMIN');
        return verifyTicket({ keys: deps.keys, runner: deps.runner, repo: ctx.passes }, viewer, args.token, args.tripId ?? null);
      },
    },
    BoardingResult: {
      ticket: (r: BoardingResult) => (r.pass ? { __typename: 'Ticket', id: r.pass.ticketId } : null),
      seatNumber: (r: BoardingResult) => r.pass?.seatNumber ?? null,
      passengerName: (r: BoardingResult) => r.pass?.passengerName ?? null,
      tripId: (r: BoardingResult) => r.pass?.tripId ?? null,
    },
  };
}
