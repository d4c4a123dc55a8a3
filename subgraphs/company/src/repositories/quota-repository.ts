import { count, eq } from 'drizzle-orm';
import { queryRows, sql, type Executor } from '@busline/shared';
import { buses, drivers, routes, stations } from '../db/schema';

const OWNED = {
  bus: { table: buses, owner: buses.companyId },
  route: { table: routes, owner: routes.companyId },
  driver: { table: drivers, owner: drivers.companyId },
  station: { table: stations, owner: stations.createdByCompanyId },
} as const;

export type QuotaKind = keyof typeof OWNED;

/** What a company owns of each kind that has a quota (stations: those its admins created). */
export class QuotaRepository {
  constructor(private readonly db: Executor) {}

  /**
   * Takes the company's lock for `kind` until the transaction ends (two creations at once are counted one after
   * the other), then counts what the company has of it.
   */
  async lockAndCount(kind: QuotaKind, companyId: string): Promise<number> {
    await queryRows(
      this.db,
      sql`select pg_advisory_xact_lock(hashtextextended(${`company.quota:${kind}:${companyId}`}, 0))`,
    );
    const { table, owner } = OWNED[kind];
    const [row] = await this.db.select({ n: count() }).from(table).where(eq(owner, companyId));
    return row?.n ?? 0;
  }
}
