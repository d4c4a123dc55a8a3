import { and, asc, eq } from 'drizzle-orm';
import type { Executor, PageRequest } from '@busline/shared';
import { buses, type BusRow } from '../db/schema';
import { ALL, type CompanyScope } from '../domain/scope';
import { anyId, anyOf, prepared } from '@busline/shared';
import { after, scoped, validIds } from './scoping';

export type NewBus = typeof buses.$inferInsert;

/** SQL for buses; every read and write is limited to a company scope. */
export class BusRepository {
  constructor(private readonly db: Executor) {}

  async findByIds(scope: CompanyScope, ids: readonly string[]): Promise<BusRow[]> {
    const valid = validIds(ids);
    if (valid.length === 0) return [];
    // Unscoped (the entity loaders): one prepared statement; a company's reads are scoped queries.
    const statement =
      scope === ALL
        ? prepared(this.db, 'company_buses_by_id', (db, name) =>
            db.select().from(buses).where(anyId(buses.id)).prepare(name),
          )
        : undefined;
    if (statement) return statement.execute({ ids: valid });
    return this.db
      .select()
      .from(buses)
      .where(and(anyOf(buses.id, valid), scoped(buses.companyId, scope)));
  }

  async findById(scope: CompanyScope, id: string): Promise<BusRow | null> {
    const [row] = await this.findByIds(scope, [id]);
    return row ?? null;
  }

  /**
   * Locks the bus row until the transaction ends, so two transactions scheduling the same bus
   * run their overlap checks one after the other.
   */
  async lock(scope: CompanyScope, id: string): Promise<BusRow | null> {
    if (validIds([id]).length === 0) return null;
    const [row] = await this.db
      .select()
      .from(buses)
      .where(and(eq(buses.id, id), scoped(buses.companyId, scope)))
      .for('update');
    return row ?? null;
  }

  async findByPlate(plateNumber: string): Promise<BusRow | null> {
    const [row] = await this.db.select().from(buses).where(eq(buses.plateNumber, plateNumber));
    return row ?? null;
  }

  /** One page of a company's buses ordered by (plate number, id). */
  async list(scope: CompanyScope, companyId: string, page: PageRequest): Promise<BusRow[]> {
    return this.db
      .select()
      .from(buses)
      .where(
        and(
          eq(buses.companyId, companyId),
          scoped(buses.companyId, scope),
          after(buses.plateNumber, buses.id, page.after),
        ),
      )
      .orderBy(asc(buses.plateNumber), asc(buses.id))
      .limit(page.limit + 1);
  }

  async insert(values: NewBus): Promise<BusRow> {
    const [row] = await this.db.insert(buses).values(values).returning();
    return row!;
  }

  async update(scope: CompanyScope, id: string, values: Partial<NewBus>): Promise<BusRow | null> {
    const [row] = await this.db
      .update(buses)
      .set(values)
      .where(and(eq(buses.id, id), scoped(buses.companyId, scope)))
      .returning();
    return row ?? null;
  }
}
