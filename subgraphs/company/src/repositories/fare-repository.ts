import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { anyOf, type Executor } from '@busline/shared';
import { routeFares, routes, type RouteFareRow } from '../db/schema';

/** SQL for the fares company admins set per pair of stops of a route. */
export class FareRepository {
  constructor(private readonly db: Executor) {}

  /** Fares of several routes in one query, by route and pair. */
  async ofRoutes(routeIds: readonly string[]): Promise<RouteFareRow[]> {
    if (routeIds.length === 0) return [];
    return this.db
      .select()
      .from(routeFares)
      .where(anyOf(routeFares.routeId, [...routeIds]))
      .orderBy(asc(routeFares.routeId), asc(routeFares.boardingPosition), asc(routeFares.alightingPosition));
  }

  /** Sets the fare of each pair (insert or replace). */
  async upsert(rows: RouteFareRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db
      .insert(routeFares)
      .values(rows)
      .onConflictDoUpdate({
        target: [routeFares.routeId, routeFares.boardingPosition, routeFares.alightingPosition],
        set: { amount: sql`excluded.amount`, currency: sql`excluded.currency` },
      });
  }

  /** Removes the fare of one pair (it goes back to the derived default). */
  async remove(routeId: string, boardingPosition: number, alightingPosition: number): Promise<void> {
    await this.db
      .delete(routeFares)
      .where(
        and(
          eq(routeFares.routeId, routeId),
          eq(routeFares.boardingPosition, boardingPosition),
          eq(routeFares.alightingPosition, alightingPosition),
        ),
      );
  }

  /** Removes the fares of a company's routes set in another currency than `currency` (the company changed its own). */
  async removeCompanyFaresNotIn(companyId: string, currency: string): Promise<void> {
    await this.db
      .delete(routeFares)
      .where(
        and(
          sql`${routeFares.currency} <> ${currency}`,
          inArray(
            routeFares.routeId,
            this.db.select({ id: routes.id }).from(routes).where(eq(routes.companyId, companyId)),
          ),
        ),
      );
  }

  /** Removes every fare of a route (its stops changed, so the pairs mean other places). */
  async clear(routeId: string): Promise<void> {
    await this.db.delete(routeFares).where(eq(routeFares.routeId, routeId));
  }
}
