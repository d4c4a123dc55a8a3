import { and, asc, eq, gt, inArray, or } from 'drizzle-orm';
import type { Executor, PageRequest } from '@busline/shared';
import { companies, type CompanyRow } from '../db/schema';

/** SQL for companies. Public data: no tenant scoping needed to read. */
export class CompanyRepository {
  constructor(private readonly db: Executor) {}

  async findByIds(ids: readonly string[]): Promise<CompanyRow[]> {
    if (ids.length === 0) return [];
    return this.db.select().from(companies).where(inArray(companies.id, [...ids]));
  }

  /** One page ordered by (name, id); fetches one extra row to tell whether more follow. */
  async list(page: PageRequest): Promise<CompanyRow[]> {
    const [afterName, afterId] = (page.after ?? []) as [string?, string?];
    const where =
      afterName !== undefined && afterId !== undefined
        ? or(gt(companies.name, afterName), and(eq(companies.name, afterName), gt(companies.id, afterId)))
        : undefined;
    return this.db.select().from(companies).where(where).orderBy(asc(companies.name), asc(companies.id)).limit(page.limit + 1);
  }
}
