import DataLoader from 'dataloader';
import type { BaseContext, Db } from '@busline/shared';
import type { BoardingPassRow } from './db/schema';
import { BoardingPassRepository } from './repositories/boarding-pass-repository';

/** Per-request state of the qr subgraph. */
export interface QrContext extends BaseContext {
  passes: BoardingPassRepository;
  /** One query per request for every Ticket.qr. */
  passByTicketId: DataLoader<string, BoardingPassRow | null>;
}

export function buildContext(base: BaseContext, db: Db): QrContext {
  const passes = new BoardingPassRepository(db);
  return {
    ...base,
    passes,
    passByTicketId: new DataLoader(async (ids) => {
      const rows = await passes.findByTicketIds(ids);
      const byId = new Map(rows.map((row) => [row.ticketId, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
