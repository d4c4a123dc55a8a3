import { and, asc, eq } from 'drizzle-orm';
import type { Executor, PageRequest } from '@busline/shared';
import { routes, routeStops, type RouteRow, type RouteStopRow } from '../db/schema';
import { ALL, type CompanyScope } from '../domain/scope';
import { anyId, anyOf, prepared } from '@busline/shared';
import { after, scoped, validIds } from './scoping';

export type NewRoute = typeof routes.$inferInsert;
export interface NewStop {
  stationId: string;
  minutesFromDeparture: number;
}

/** SQL for routes and their ordered stops, limited to a company scope. */
export class RouteRepository {
  constructor(private readonly db: Executor) {}

  async findByIds(scope: CompanyScope, ids: readonly string[]): Promise<RouteRow[]> {
    const valid = validIds(ids);
    if (valid.length === 0) return [];
    const statement =
      scope === ALL
        ? prepared(this.db, 'company_routes_by_id', (db, name) =>
            db.select().from(routes).where(anyId(routes.id)).prepare(name),
          )
        : undefined;
    if (statement) return statement.execute({ ids: valid });
    return this.db
      .select()
      .from(routes)
      .where(and(anyOf(routes.id, valid), scoped(routes.companyId, scope)));
  }

  async findById(scope: CompanyScope, id: string): Promise<RouteRow | null> {
    const [row] = await this.findByIds(scope, [id]);
    return row ?? null;
  }

  /**
   * The route, locked: its stops and its fares (set per pair of stops) change one edit at a time (`update`); a trip
   * scheduled on it reads them after an edit under way has committed, and an edit waits for the trip (`share`).
   */
  async lock(scope: CompanyScope, id: string, strength: 'update' | 'share' = 'update'): Promise<RouteRow | null> {
    if (validIds([id]).length === 0) return null;
    const [row] = await this.db
      .select()
      .from(routes)
      .where(and(eq(routes.id, id), scoped(routes.companyId, scope)))
      .for(strength);
    return row ?? null;
  }

  async findByName(companyId: string, name: string): Promise<RouteRow | null> {
    const [row] = await this.db
      .select()
      .from(routes)
      .where(and(eq(routes.companyId, companyId), eq(routes.name, name)));
    return row ?? null;
  }

  /** Stops of several routes in one query, each route's in order. */
  async stopsOf(routeIds: readonly string[]): Promise<RouteStopRow[]> {
    if (routeIds.length === 0) return [];
    return this.db
      .select()
      .from(routeStops)
      .where(anyOf(routeStops.routeId, [...routeIds]))
      .orderBy(asc(routeStops.routeId), asc(routeStops.position));
  }

  /** Routes (of any company) that stop at a station. */
  async routeIdsThrough(stationId: string): Promise<string[]> {
    const rows = await this.db
      .selectDistinct({ routeId: routeStops.routeId })
      .from(routeStops)
      .where(eq(routeStops.stationId, stationId));
    return rows.map((r) => r.routeId);
  }

  /** Companies whose routes stop at a station. */
  async companyIdsThrough(stationId: string): Promise<string[]> {
    const rows = await this.db
      .selectDistinct({ companyId: routes.companyId })
      .from(routeStops)
      .innerJoin(routes, eq(routes.id, routeStops.routeId))
      .where(eq(routeStops.stationId, stationId));
    return rows.map((r) => r.companyId);
  }

  /** One page of a company's routes ordered by (name, id). */
  async list(scope: CompanyScope, companyId: string, page: PageRequest): Promise<RouteRow[]> {
    return this.db
      .select()
      .from(routes)
      .where(
        and(
          eq(routes.companyId, companyId),
          scoped(routes.companyId, scope),
          after(routes.name, routes.id, page.after),
        ),
      )
      .orderBy(asc(routes.name), asc(routes.id))
      .limit(page.limit + 1);
  }

  async insert(values: NewRoute, stops: NewStop[]): Promise<RouteRow> {
    const [row] = await this.db.insert(routes).values(values).returning();
    await this.replaceStops(row!.id, stops);
    return row!;
  }

  async update(scope: CompanyScope, id: string, values: Partial<NewRoute>): Promise<RouteRow | null> {
    const [row] = await this.db
      .update(routes)
      .set(values)
      .where(and(eq(routes.id, id), scoped(routes.companyId, scope)))
      .returning();
    return row ?? null;
  }

  /** Call only for a route already checked to be in scope. */
  async replaceStops(routeId: string, stops: NewStop[]): Promise<void> {
    await this.db.delete(routeStops).where(eq(routeStops.routeId, routeId));
    await this.db.insert(routeStops).values(stops.map((stop, position) => ({ routeId, position, ...stop })));
  }
}
