// Test helpers for event consumers: an event as a producer would emit it, and whether a consumer applied a set of
// events in one transaction.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { anyOf } from '../db/prepared';
import type { eventTables } from '../events/tables';
import type { DomainEvent } from '../events/types';
import { eventually } from './infra';

/** A domain event with a fresh id, emitted now by `source`. */
export const testEvent = (type: string, payload: Record<string, unknown>, source = 'ticketing'): DomainEvent => ({
  id: randomUUID(),
  type,
  source,
  occurredAt: new Date().toISOString(),
  payload,
});

/**
 * Waits until the consumer recorded every one of `events` in `processedEvents`; true when it did so in one
 * transaction (they share its `now()`).
 */
export async function appliedInOneTransaction(
  db: Db,
  processedEvents: ReturnType<typeof eventTables>['processedEvents'],
  events: DomainEvent[],
): Promise<boolean> {
  const ids = [...new Set(events.map((e) => e.id))];
  const rows = (await eventually(async () => {
    const found = await db
      .select({ at: sql<string>`${processedEvents.processedAt}::text` })
      .from(processedEvents)
      .where(anyOf(processedEvents.eventId, ids));
    return found.length === ids.length && found;
  })) as { at: string }[];
  return new Set(rows.map((row) => row.at)).size === 1;
}
