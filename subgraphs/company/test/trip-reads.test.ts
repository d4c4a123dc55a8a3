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

const originalPool = pg.Pool.prototype.query;
const originalLite = PGlite.prototype.query;

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

/** What the router asks of company for a nested trip search (ticketing returns the trips' ids). */
const ENTITIES = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Trip {
  id company { name slug } bus { plateNumber seatCount }
  route { name durationMinutes origin { name city } destination { name city }
    stops { order minutesFromDeparture station { code name city } } } } } }`;

describe('trip reads for a search', () => {
  it('reads trips with their companies, buses, routes, stops and stations in one query', async () => {
    const page = await ok(
      sg,
      '{ trips(first: 12) { edges { node { id company { name slug } bus { plateNumber seatCount } } } } }',
      {},
      admin,
    );
    const ids: string[] = page.trips.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(ids).toHaveLength(12);
    let data: any;
    const texts = await capture(async () => {
      data = await ok(sg, ENTITIES, { representations: [...ids, ids[0]].map((id) => ({ __typename: 'Trip', id })) });
    });
    // The domain's reads (the service's event workers read their own tables meanwhile).
    const reads = texts.filter(
      (t) => /^\s*select/i.test(t) && /"company"\."(trips|companies|buses|routes|route_stops|stations)"/.test(t),
    );
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatch(/from "company"\."trips"/i);
    expect(reads[0]).toMatch(/"company"\."companies"/);
    expect(reads[0]).toMatch(/"company"\."buses"/);
    expect(data._entities.map((t: { id: string }) => t.id)).toEqual([...ids, ids[0]]);
    // Each trip with its own company and bus.
    const nodes = page.trips.edges.map((e: { node: unknown }) => e.node);
    expect(data._entities.map((t: any) => ({ id: t.id, company: t.company, bus: t.bus }))).toEqual([
      ...nodes,
      nodes[0],
    ]);
  });

  it("answers every trip with its own route's stops in order, each station with its own fields", async () => {
    const page = await ok(
      sg,
      '{ trips(first: 20) { edges { node { id route { id name stops { order station { id code name city } } } } } } }',
      {},
      admin,
    );
    const expected = page.trips.edges.map((e: any) => e.node);
    const data = await ok(
      sg,
      ENTITIES.replace('route { name', 'route { id name').replace('station { code', 'station { id code'),
      {
        representations: expected.map((t: { id: string }) => ({ __typename: 'Trip', id: t.id })),
      },
    );
    data._entities.forEach((trip: any, i: number) => {
      expect(trip.id).toBe(expected[i].id);
      expect(trip.route.id).toBe(expected[i].route.id);
      expect(trip.route.stops.map((s: any) => s.order)).toEqual(
        expected[i].route.stops.map((_: unknown, n: number) => n),
      );
      expect(trip.route.stops.map((s: any) => s.station)).toEqual(expected[i].route.stops.map((s: any) => s.station));
      expect(trip.route.origin.city).toBe(trip.route.stops[0].station.city);
      expect(trip.route.destination.city).toBe(trip.route.stops.at(-1).station.city);
      expect(trip.route.durationMinutes).toBe(trip.route.stops.at(-1).minutesFromDeparture);
    });
    // The demo network: every company's line with its own number of stops.
    const lines = new Set(data._entities.map((t: any) => `${t.company.slug}:${t.route.stops.length}`));
    for (const line of lines) {
      const [slug, count] = (line as string).split(':');
      expect(Number(count)).toBe(DEMO_FLEETS[slug as DemoCompanyKey].line.stops.length);
    }
  });

  it('answers null for an unknown or malformed trip id among known ones', async () => {
    const page = await ok(sg, '{ trips(first: 1) { edges { node { id } } } }', {}, admin);
    const known = page.trips.edges[0].node.id;
    const data = await ok(
      sg,
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Trip { id route { name } } } }',
      {
        r: [
          { __typename: 'Trip', id: '00000000-0000-4000-8000-000000000000' },
          { __typename: 'Trip', id: 'not-a-uuid' },
          { __typename: 'Trip', id: known },
        ],
      },
    );
    expect(data._entities[0]).toBeNull();
    expect(data._entities[1]).toBeNull();
    expect(data._entities[2].id).toBe(known);
  });
});
