// Fields of the ticket's pass, its images and a scan's result.
import type { Resolvers } from '../generated/resolvers';
import { boardingStopOf } from '../services/verify-ticket';

export const types: Omit<Resolvers, 'Mutation' | 'DateTime'> = {
  Ticket: {
    __resolveReference: (ref) => ref,
    qr: async (ticket, _, ctx) => {
      const pass = await ctx.services.passes.ofTicket(ctx.viewer, ticket);
      if (!pass) return null;
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
    // Rendered only when asked for: images are the expensive part (services/qr-image.ts bounds them).
    svg: async (qr, _, ctx) => await ctx.services.images.render(qr.token, 'svg'),
    pngDataUrl: async (qr, _, ctx) => await ctx.services.images.render(qr.token, 'png'),
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
