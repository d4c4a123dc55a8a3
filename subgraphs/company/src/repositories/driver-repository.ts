import { and, asc, eq } from 'drizzle-orm';
import { anyOf, type Executor, type PageRequest } from '@busline/shared';
import { drivers, type DriverRow } from '../db/schema';
import type { CompanyScope } from '../domain/scope';
import { after, scoped, validIds } from './scoping';

export type NewDriver = typeof drivers.$inferInsert;

/** SQL for drivers (personal data); every read and write is limited to a company scope. */
export class DriverRepository {
  constructor(private readonly db: Executor) {}

  async findByIds(scope: CompanyScope, ids: readonly string[]): Promise<DriverRow[]> {
    const valid = validIds(ids);
    if (valid.length === 0) return [];
    return this.db
      .select()
      .from(drivers)
      .where(and(anyOf(drivers.id, valid), scoped(drivers.companyId, scope)));
  }

  async findById(scope: CompanyScope, id: string): Promise<DriverRow | null> {
    const [row] = await this.findByIds(scope, [id]);
    return row ?? null;
  }

  /** Locks the driver row until the transaction ends (serialises overlap checks). */
  async lock(scope: CompanyScope, id: string): Promise<DriverRow | null> {
    if (validIds([id]).length === 0) return null;
    const [row] = await this.db
      .select()
      .from(drivers)
      .where(and(eq(drivers.id, id), scoped(drivers.companyId, scope)))
      .for('update');
    return row ?? null;
  }

  async findByLicence(scope: CompanyScope, companyId: string, licenceNumber: string): Promise<DriverRow | null> {
    const [row] = await this.db
      .select()
      .from(drivers)
      .where(
        and(
          eq(drivers.companyId, companyId),
          eq(drivers.licenceNumber, licenceNumber),
          scoped(drivers.companyId, scope),
        ),
      );
    return row ?? null;
  }

  /** Driver records linked to a Busline user account. */
  async findByUserId(scope: CompanyScope, userId: string): Promise<DriverRow[]> {
    if (validIds([userId]).length === 0) return [];
    return this.db
      .select()
      .from(drivers)
      .where(and(eq(drivers.userId, userId), scoped(drivers.companyId, scope)));
  }

  /** One page of a company's drivers ordered by (name, id). */
  async list(scope: CompanyScope, companyId: string, page: PageRequest): Promise<DriverRow[]> {
    return this.db
      .select()
      .from(drivers)
      .where(
        and(
          eq(drivers.companyId, companyId),
          scoped(drivers.companyId, scope),
          after(drivers.name, drivers.id, page.after),
        ),
      )
      .orderBy(asc(drivers.name), asc(drivers.id))
      .limit(page.limit + 1);
  }

  async insert(values: NewDriver): Promise<DriverRow> {
    const [row] = await this.db.insert(drivers).values(values).returning();
    return row!;
  }

  async update(scope: CompanyScope, id: string, values: Partial<NewDriver>): Promise<DriverRow | null> {
    const [row] = await this.db
      .update(drivers)
      .set(values)
      .where(and(eq(drivers.id, id), scoped(drivers.companyId, scope)))
      .returning();
    return row ?? null;
  }
}
