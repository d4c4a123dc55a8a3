import { DateTimeScalar, isUuid, requireRole, type TransactionRunner } from '@busline/shared';
import type { Resolvers } from '../generated/resolvers';
import type { KeyRing } from '../keys/key-ring';
import { renderQr } from '../services/qr-image';
import { boardingStopOf, verifyTicket } from '../services/verify-ticket';

export function createResolvers(deps: {
  keys: KeyRing;
  runner: TransactionRunner;
  boardingOpensMs: number;
}): Resolvers {
  return {
    DateTime: DateTimeScalar,
    Ticket: {
      __resolveReference: (ref) => ref,
      qr: async (ticket, _, ctx) => {
        if (!ctx.viewer || !isUuid(ticket.id)) return null;
        let pass = await ctx.passByTicketId.load(ticket.id);
        // booking.confirmed reaches this subgraph moments after ticketing committed it, so a client
        // told "CONFIRMED" may ask before the pass exists: wait for it rather than answer null.
        if (!pass && (ticket.status === 'CONFIRMED' || ticket.status === 'BOARDED'))
          pass = await ctx.awaitedPassByTicketId.load(ticket.id);
        // Only the passenger holds the pass; a revoked one is never shown again.
        if (!pass || pass.userId !== ctx.viewer.userId || pass.status === 'REVOKED') return null;
        return {
          token: pass.token,
          validUntil: pass.validUntil,
          boardingStop: boardingStopOf(pass),
          alightingStop: pass.alightingStop,
          boardingStopName: pass.boardingName,
          alightingStopName: pass.alightingName,
        };
      },
    },
    TicketQR: {
      // Rendered only when asked for: images are the expensive part.
      svg: async (qr) => await renderQr(qr.token, 'svg'),
      pngDataUrl: async (qr) => await renderQr(qr.token, 'png'),
    },
    Mutation: {
      verifyTicket: async (_, args, ctx) => {
        const viewer = requireRole(ctx.viewer, 'DRIVER', 'COMPANY_ADMIN', 'PLATFORM_ADMIN');
        return verifyTicket(
          { keys: deps.keys, runner: deps.runner, repo: ctx.passes, boardingOpensMs: deps.boardingOpensMs },
          viewer,
          args.token,
          args.tripId ?? null,
          args.stop ?? null,
        );
      },
    },
    BoardingResult: {
      ticket: (r) => (r.pass ? { __typename: 'Ticket', id: r.pass.ticketId } : null),
      seatNumber: (r) => r.pass?.seatNumber ?? null,
      passengerName: (r) => r.pass?.passengerName ?? null,
      tripId: (r) => r.pass?.tripId ?? null,
      boardingOpensAt: (r) => r.boardingOpensAt ?? null,
      boardingStop: (r) => (r.pass ? boardingStopOf(r.pass) : null),
      alightingStop: (r) => r.pass?.alightingStop ?? null,
      boardingStopName: (r) => r.pass?.boardingName ?? null,
      alightingStopName: (r) => r.pass?.alightingName ?? null,
    },
  };
}
