import DataLoader from 'dataloader';
import { rowLoader, type BaseContext, type Db } from '@busline/shared';
import type { BoardingPassRow } from './db/schema';
import { BoardingPassRepository } from './repositories/boarding-pass-repository';

/** How long Ticket.qr waits for the pass of a ticket ticketing has just confirmed. */
export const PASS_WAIT_MS = 3000;
const PASS_POLL_MS = 100;

/** Per-request state of the qr subgraph. */
export interface QrContext extends BaseContext {
  passes: BoardingPassRepository;
  /** One query per request for every Ticket.qr. */
  passByTicketId: DataLoader<string, BoardingPassRow | null>;
  /**
   * Passes of confirmed tickets that may still be on their way (booking.confirmed arrives here just
   * after ticketing commits): one polling query per request for all of them, for at most PASS_WAIT_MS.
   */
  awaitedPassByTicketId: DataLoader<string, BoardingPassRow | null>;
}

function byTicket(ids: readonly string[], rows: BoardingPassRow[]) {
  const byId = new Map(rows.map((row) => [row.ticketId, row]));
  return ids.map((id) => byId.get(id) ?? null);
}

export function buildContext(base: BaseContext, db: Db): QrContext {
  const passes = new BoardingPassRepository(db);
  return {
    ...base,
    passes,
    passByTicketId: rowLoader(
      (ids: readonly string[]) => passes.findByTicketIds(ids),
      (row) => row.ticketId,
    ),
    awaitedPassByTicketId: new DataLoader(async (ids) => {
      const deadline = Date.now() + PASS_WAIT_MS;
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, PASS_POLL_MS));
        const found = byTicket(ids, await passes.findByTicketIds(ids));
        if (found.every(Boolean) || Date.now() >= deadline) return found;
      }
    }),
  };
}
