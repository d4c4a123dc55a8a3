import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { seedNetwork } from '../src/seed';
import { DEMO_FLEETS, type DemoCompanyKey } from '../src/seed-data';
import { admin, ok, startCompanySubgraph, type CompanySubgraph } from './helpers';

let sg: CompanySubgraph;
beforeAll(async () => {
  sg = await startCompanySubgraph();
  await seedNetwork(sg.deps, { days: 2, now: new Date(Date.now() + 3_600_000) });
});
afterAll(() => sg.stop());

/** SQL texts sent to the database (either driver) while `fn` runs. */
async function capture(fn: () => Promise<unknown>): Promise<string[]> {
  const texts: string[] = [];
  const record = (query: unknown) =>
    texts.push(typeof query === 'string' ? query : String((query as { text?: string }).text ?? ''));
  const pgSpy = vi.spyOn(pg.Pool.prototype, 'query').mockImplementation(function (this: pg.Pool, ...args: unknown[]) {
    record(args[0]);
    return originalPool.apply(this, args as never) as never;
  });
  const liteSpy = vi.spyOn(PGlite.prototype, 'query').mockImplementation(function (this: PGlite, ...args: unknown[]) {
    record(args[0]);
    return originalLite.apply(this, args as never) as never;
  });
  try {
    await fn();
  } finally {
    pgSpy.mockRestore();
    liteSpy.mockRestore();
  }
  return texts;
}
const originalPool = pg.Pool.prototype.query;
const originalLite = PGlite.prototype.query;

describe('batching', () => {
  it('loads a page of trips with route, stops, stations, bus, company and driver in one query per table', async () => {
    const query = `{ trips(first: 15) { edges { node { id company { name } bus { plateNumber seatCount } driver { name }
      route { name origin { city } destination { city } stops { order station { code city } } company { slug } } } } } }`;
    let data: any;
    const texts = await capture(async () => {
      data = await ok(sg, query, {}, admin);
    });
    expect(data.trips.edges).toHaveLength(15);
    // Every trip carries all the stops of its company's line (the demo lines have 3 or 4).
    const stopCounts = data.trips.edges.map((e: any) => [e.node.route.company.slug, e.node.route.stops.length]);
    expect(stopCounts).toEqual(
      stopCounts.map(([slug]: [DemoCompanyKey]) => [slug, DEMO_FLEETS[slug].line.stops.length]),
    );
    for (const table of ['trips', 'routes', 'route_stops', 'stations', 'buses', 'companies', 'drivers']) {
      const hits = texts.filter((t) => new RegExp(`from "company"\\."${table}"`, 'i').test(t));
      expect(hits, table).toHaveLength(1);
    }
  });
});
