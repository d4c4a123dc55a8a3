import { asc, eq, sql } from 'drizzle-orm';
import type { Executor, PageRequest } from '@busline/shared';
import { companies, type CompanyRow } from '../db/schema';
import { anyId, anyOf, prepared, queryRows } from '@busline/shared';
import { after, validIds } from './scoping';

export type NewCompany = typeof companies.$inferInsert;

/** SQL for companies. Companies are public: reading needs no tenant scope. */
export class CompanyRepository {
  constructor(private readonly db: Executor) {}

  async findByIds(ids: readonly string[]): Promise<CompanyRow[]> {
    const valid = validIds(ids);
    if (valid.length === 0) return [];
    const statement = prepared(this.db, 'company_companies_by_id', (db, name) =>
      db.select().from(companies).where(anyId(companies.id)).prepare(name),
    );
    if (statement) return statement.execute({ ids: valid });
    return this.db.select().from(companies).where(anyOf(companies.id, valid));
  }

  /**
   * The company's row under a lock until the transaction ends: `share` for what reads its currency or zone to write
   * trips and fares, `update` for an edit of them (which then waits for those writes, and they for it).
   */
  async lock(id: string, mode: 'share' | 'update'): Promise<CompanyRow | null> {
    if (validIds([id]).length === 0) return null;
    const [row] = await this.db.select().from(companies).where(eq(companies.id, id)).for(mode);
    return row ?? null;
  }

  /** Which of `names` the database knows as time zones (its own zone list, which the dashboards read with). */
  async knownTimeZones(names: readonly string[]): Promise<string[]> {
    const rows = await queryRows<{ name: string }>(
      this.db,
      sql`select name from pg_timezone_names where name = any(${sql.param([...names])}::text[])`,
    );
    return rows.map((row) => row.name);
  }

  async findBySlug(slug: string): Promise<CompanyRow | null> {
    const [row] = await this.db.select().from(companies).where(eq(companies.slug, slug));
    return row ?? null;
  }

  /** One page ordered by (name, id); fetches one extra row to tell whether more follow. */
  async list(page: PageRequest): Promise<CompanyRow[]> {
    return this.db
      .select()
      .from(companies)
      .where(after(companies.name, companies.id, page.after))
      .orderBy(asc(companies.name), asc(companies.id))
      .limit(page.limit + 1);
  }

  async insert(values: NewCompany): Promise<CompanyRow> {
    const [row] = await this.db.insert(companies).values(values).returning();
    return row!;
  }

  async update(id: string, values: Partial<NewCompany>): Promise<CompanyRow | null> {
    const [row] = await this.db
      .update(companies)
      .set({ ...values, updatedAt: sql`now()` })
      .where(eq(companies.id, id))
      .returning();
    return row ?? null;
  }
}
