import { sql } from 'drizzle-orm';
import {
  bigserial,
  index,
  integer,
  jsonb,
  primaryKey,
  text,
  timestamp,
  uuid,
  type PgSchema,
} from 'drizzle-orm/pg-core';

/**
 * The outbox and processed-events tables every subgraph keeps in its own schema.
 * Each subgraph exports them from its `db/schema.ts` so drizzle-kit migrates them.
 */
export function eventTables(schema: PgSchema) {
  const outbox = schema.table(
    'outbox',
    {
      id: uuid('id').primaryKey(),
      seq: bigserial('seq', { mode: 'number' }).notNull(),
      type: text('type').notNull(),
      payload: jsonb('payload').notNull(),
      occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
      publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }),
      attempts: integer('attempts').notNull().default(0),
      claimedUntil: timestamp('claimed_until', { withTimezone: true, mode: 'date' }),
      /** W3C trace context of the transaction that recorded the event (OpenTelemetry), carried in its envelope. */
      traceparent: text('traceparent'),
    },
    (t) => [
      index('outbox_unpublished_idx')
        .on(t.seq)
        .where(sql`published_at is null`),
      index('outbox_published_at_idx').on(t.publishedAt),
    ],
  );
  const processedEvents = schema.table(
    'processed_events',
    {
      consumer: text('consumer').notNull(),
      eventId: uuid('event_id').notNull(),
      type: text('type').notNull(),
      processedAt: timestamp('processed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    },
    (t) => [
      primaryKey({ columns: [t.consumer, t.eventId] }),
      // The retention worker deletes the oldest ids by it (event-runtime.ts).
      index('processed_events_processed_at_idx').on(t.processedAt),
    ],
  );
  return { outbox, processedEvents };
}

export type EventTables = ReturnType<typeof eventTables>;
export type OutboxTable = EventTables['outbox'];
export type ProcessedEventsTable = EventTables['processedEvents'];
