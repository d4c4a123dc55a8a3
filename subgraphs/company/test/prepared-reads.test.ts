import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { count, isNull } from 'drizzle-orm';
import { eventually, testEnv } from '@busline/shared/testing';
import { outbox } from '../src/db/schema';
import { ALL } from '../src/domain/scope';
import { repositories } from '../src/repositories';
import { seedNetwork } from '../src/seed';
import { admin, ok, startCompanySubgraph, type CompanySubgraph } from './helpers';

let sg: CompanySubgraph;
beforeAll(async () => {
  sg = await startCompanySubgraph();
  // Two days: late in the day, every departure of today is already past (or too close to schedule).
  await seedNetwork(sg.deps, { days: 2, now: new Date(Date.now() + 3_600_000) });
  // The relay's own statements while it publishes the seed's events would be counted below.
  await eventually(
    async () =>
      (await sg.database.handle.db.select({ n: count() }).from(outbox).where(isNull(outbox.publishedAt)))[0]!.n === 0 ||
      undefined,
    30_000,
  );
});
afterAll(() => sg.stop());

const ENTITIES = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Trip {
  id company { name } bus { plateNumber } route { name stops { order station { code } } } } } }`;

describe.skipIf(!testEnv.postgresUrl)('entity reads as prepared statements', () => {
  it('sends the reads of a trip search as named statements, the same names every time', async () => {
    const page = await ok(sg, '{ trips(first: 5) { edges { node { id } } } }', {}, admin);
    const representations = page.trips.edges.map((e: { node: { id: string } }) => ({
      __typename: 'Trip',
      id: e.node.id,
    }));
    const original = pg.Pool.prototype.query;
    const names: (string | undefined)[][] = [];
    // Every pool of the process is watched, so the background workers' statements (the outbox relay, the
    // event consumers) are left out: only named statements and reads of the entity tables count.
    const entityRead = /from "company"\."(trips|buses|companies|routes|route_stops|stations)"/i;
    const spy = vi.spyOn(pg.Pool.prototype, 'query').mockImplementation(function (this: pg.Pool, ...args: unknown[]) {
      const query = args[0] as { name?: string; text?: string } | string;
      const name = typeof query === 'string' ? undefined : query.name;
      const text = typeof query === 'string' ? query : (query.text ?? '');
      if (name || entityRead.test(text)) names.at(-1)!.push(name);
      return original.apply(this, args as never) as never;
    });
    try {
      for (const count of [representations.length, 2]) {
        names.push([]);
        await ok(sg, ENTITIES, { representations: representations.slice(0, count) });
      }
    } finally {
      spy.mockRestore();
    }
    // Trips with companies, buses, routes, stops and stations in one statement, prepared, whatever the number of ids.
    const expected = ['company_trips_with_rows_by_id'];
    expect(names[0]!.sort()).toEqual(expected);
    expect(names[1]!.sort()).toEqual(expected);
  });
});

describe('prepared and plain reads', () => {
  it('answer the same rows (a transaction reads with plain queries on its own connection)', async () => {
    const page = await ok(
      sg,
      '{ trips(first: 5) { edges { node { id bus { id } company { id } route { id } } } } }',
      {},
      admin,
    );
    const nodes = page.trips.edges.map((e: { node: any }) => e.node);
    const ids = (pick: (n: any) => string) => [...new Set(nodes.map(pick))] as string[];
    const db = sg.deps.db.db;
    const sort = <T extends { id: string }>(rows: T[]) => [...rows].sort((x, y) => (x.id < y.id ? -1 : 1));
    const read = async (repos: ReturnType<typeof repositories>) => ({
      companies: sort(await repos.companies.findByIds(ids((n) => n.company.id))),
      buses: sort(
        await repos.buses.findByIds(
          ALL,
          ids((n) => n.bus.id),
        ),
      ),
      routes: sort(
        await repos.routes.findByIds(
          ALL,
          ids((n) => n.route.id),
        ),
      ),
      trips: await repos.trips.findWithRoutes(ids((n) => n.id)),
    });
    const onPool = await read(repositories(db));
    expect(onPool.trips.trips).toHaveLength(nodes.length);
    expect(onPool.trips.stations.length).toBeGreaterThan(1);
    expect(onPool.trips.companies.map((c) => c.id).sort()).toEqual(ids((n) => n.company.id).sort());
    expect(onPool.trips.buses.map((b) => b.id).sort()).toEqual(ids((n) => n.bus.id).sort());
    const inTransaction = await db.transaction((tx) => read(repositories(tx)));
    expect(onPool).toEqual(inTransaction);
    // Ids that cannot exist are filtered out before either.
    expect(await repositories(db).companies.findByIds(['not-a-uuid'])).toEqual([]);
  });
});
