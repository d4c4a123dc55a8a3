import { inArray } from 'drizzle-orm';
import type { Executor } from '@busline/shared';
import { boardingPasses, type BoardingPassRow } from '../db/schema';

/** SQL for boarding passes. */
export class BoardingPassRepository {
  constructor(private readonly db: Executor) {}

  async findByTicketIds(ticketIds: readonly string[]): Promise<BoardingPassRow[]> {
    if (ticketIds.length === 0) return [];
    return this.db.select().from(boardingPasses).where(inArray(boardingPasses.ticketId, [...ticketIds]));
  }
}
