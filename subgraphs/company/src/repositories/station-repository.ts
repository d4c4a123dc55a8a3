import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor, PageRequest } from '@busline/shared';
import { stations, type StationRow } from '../db/schema';
import { anyId, anyOf, prepared } from '@busline/shared';
import { after, validIds } from './scoping';

export type NewStation = typeof stations.$inferInsert;

/** SQL for stations: platform-wide, public to read. */
export class StationRepository {
  constructor(private readonly db: Executor) {}

  async findByIds(ids: readonly string[]): Promise<StationRow[]> {
    const valid = validIds(ids);
    if (valid.length === 0) return [];
    const statement = prepared(this.db, 'company_stations_by_id', (db, name) =>
      db.select().from(stations).where(anyId(stations.id)).prepare(name),
    );
    if (statement) return statement.execute({ ids: valid });
    return this.db.select().from(stations).where(anyOf(stations.id, valid));
  }

  /**
   * Reads the stations and locks their rows until the transaction ends, in id order (one order
   * everywhere, no deadlocks). A station change and a route stopping at it take the same lock,
   * so a check of who uses a station stays true until the change commits.
   */
  async lock(ids: readonly string[], strength: 'update' | 'share' = 'update'): Promise<StationRow[]> {
    const valid = [...new Set(validIds(ids))].sort();
    if (valid.length === 0) return [];
    return this.db.select().from(stations).where(anyOf(stations.id, valid)).orderBy(asc(stations.id)).for(strength);
  }

  async findByCode(code: string): Promise<StationRow | null> {
    const [row] = await this.db.select().from(stations).where(eq(stations.code, code));
    return row ?? null;
  }

  /** One page ordered by (name, id), optionally in one city (case-insensitive). */
  async list(page: PageRequest, city?: string | null): Promise<StationRow[]> {
    return this.db
      .select()
      .from(stations)
      .where(
        and(
          city ? sql`lower(${stations.city}) = lower(${city})` : undefined,
          after(stations.name, stations.id, page.after),
        ),
      )
      .orderBy(asc(stations.name), asc(stations.id))
      .limit(page.limit + 1);
  }

  async insert(values: NewStation): Promise<StationRow> {
    const [row] = await this.db.insert(stations).values(values).returning();
    return row!;
  }

  async update(id: string, values: Partial<NewStation>): Promise<StationRow | null> {
    const [row] = await this.db.update(stations).set(values).where(eq(stations.id, id)).returning();
    return row ?? null;
  }
}
