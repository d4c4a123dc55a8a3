// Reading boarding passes: the booking's owner sees them (and the staff who reprint a counter sale's),
// and a pass on its way is waited for.
import DataLoader from 'dataloader';
import { canActForCompany, isUuid, rowLoader, type Db, type Viewer } from '@busline/shared';
import type { BoardingPassRow } from '../db/schema';
import { BoardingPassRepository } from '../repositories/boarding-pass-repository';

/** How long Ticket.qr waits for the pass of a ticket ticketing has just confirmed. */
export const PASS_WAIT_MS = 3000;
const PASS_POLL_MS = 100;

/**
 * May `viewer` see this pass? Its owner may (the passenger; for a counter sale the seller until a
 * passenger claims it, while they are staff of the company). A counter sale's passes stay readable to
 * reprint them: by the company's COMPANY_ADMINs, and by the COUNTER_AGENT who sold it while they are an
 * agent of that company. Nobody else, whatever their role: an online booking's pass is its passenger's only.
 * A seller who has left the company reads none of the passes they sold.
 */
export function mayReadPass(viewer: Viewer, pass: BoardingPassRow): boolean {
  // The seller as its owner: only until a passenger claims it (a platform admin who sold it has no reprint role).
  if (pass.soldBy === viewer.userId && pass.userId === viewer.userId)
    return canActForCompany(viewer, pass.companyId, 'COUNTER_AGENT', 'COMPANY_ADMIN');
  if (pass.userId === viewer.userId) return true;
  if (!pass.soldBy || viewer.companyId !== pass.companyId) return false;
  if (viewer.role === 'COMPANY_ADMIN') return true;
  return viewer.role === 'COUNTER_AGENT' && pass.soldBy === viewer.userId;
}

/** One request's pass reads: the tickets asked in one tick go to Postgres as one statement. */
export class PassReads {
  private readonly byTicketId;
  /**
   * Passes of confirmed tickets that may still be on their way (booking.confirmed arrives here just
   * after ticketing commits): one polling query per request for all of them, for at most PASS_WAIT_MS.
   */
  private readonly awaitedByTicketId;

  constructor(db: Db) {
    const passes = new BoardingPassRepository(db);
    this.byTicketId = rowLoader(
      (ids: readonly string[]) => passes.findByTicketIds(ids),
      (row) => row.ticketId,
    );
    this.awaitedByTicketId = new DataLoader<string, BoardingPassRow | null>(async (ids) => {
      const deadline = Date.now() + PASS_WAIT_MS;
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, PASS_POLL_MS));
        const rows = new Map((await passes.findByTicketIds(ids)).map((row) => [row.ticketId, row]));
        const found = ids.map((id) => rows.get(id) ?? null);
        if (found.every(Boolean) || Date.now() >= deadline) return found;
      }
    });
  }

  /**
   * The pass of a ticket, for those `mayReadPass` lets see it; null for anyone else, a revoked pass, or none yet.
   * A client told "CONFIRMED" may ask before the pass exists: it is waited for rather than answered null.
   */
  async ofTicket(
    viewer: Viewer | null,
    ticket: { id: string; status?: string | null },
  ): Promise<BoardingPassRow | null> {
    if (!viewer || !isUuid(ticket.id)) return null;
    let pass = await this.byTicketId.load(ticket.id);
    if (!pass && (ticket.status === 'CONFIRMED' || ticket.status === 'BOARDED')) {
      pass = await this.awaitedByTicketId.load(ticket.id);
    }
    if (!pass || pass.status === 'REVOKED' || !mayReadPass(viewer, pass)) return null;
    return pass;
  }
}
