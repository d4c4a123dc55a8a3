import { eventTables } from '@busline/shared';
import { pgSchema, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** Every table of the company subgraph lives in this Postgres schema. */
export const companySchema = pgSchema('company');

export const { outbox, processedEvents } = eventTables(companySchema);

export const companies = companySchema.table(
  'companies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('companies_slug_key').on(t.slug), uniqueIndex('companies_name_id_idx').on(t.name, t.id)],
);

export type CompanyRow = typeof companies.$inferSelect;
