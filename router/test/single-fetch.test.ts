import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLError, parse } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testLogger } from '@busline/shared/testing';
import { composeSupergraph } from '../src/compose';
import { createServer } from '../src/server';

// An operation one subgraph answers whole is passed on without the gateway's result shaping: both paths
// must give the same answers, errors included, over every shape of operation.
const CATALOG_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@inaccessible"])
  enum Color { RED GREEN SECRET @inaccessible }
  enum Size { S M L }
  interface Node { id: ID! }
  type Maker { name: String! country: String }
  type Part { label: String! weight: Int }
  type Product implements Node @key(fields: "id") {
    id: ID!
    name: String!
    price: Float
    size: Size
    color: Color
    tags: [String!]!
    parts: [Part!]!
    maker: Maker
    related(first: Int = 1): [Product!]!
    flaky: String
  }
  union Item = Product | Part
  input Filter { size: Size, minPrice: Float = 0 }
  type Query {
    product(id: ID!): Product
    products(first: Int = 3, filter: Filter): [Product!]!
    item(id: ID!): Item
    node(id: ID!): Node
    failing: Product
    strictFailing: Product!
    refused: Product
    slow(ms: Int!): Boolean!
  }
  type Mutation {
    rename(id: ID!, name: String!): Product!
    refuseRename(id: ID!): Product
  }
`;

interface Product {
  id: string;
  name: string;
  price: number | null;
  size: string | null;
  color: string;
  tags: string[];
  parts: { label: string; weight: number | null }[];
  maker: { name: string; country: string | null } | null;
}

const products: Product[] = [
  {
    id: 'p1',
    name: 'Seat cover',
    price: 12.5,
    size: 'M',
    color: 'RED',
    tags: ['soft', 'blue'],
    parts: [{ label: 'front', weight: 3 }],
    maker: { name: 'Kigali Textiles', country: 'RW' },
  },
  {
    id: 'p2',
    name: 'Headrest',
    price: null,
    size: null,
    color: 'GREEN',
    tags: [],
    parts: [],
    maker: null,
  },
  {
    id: 'p3',
    name: 'Hidden',
    price: 3,
    size: 'S',
    color: 'SECRET',
    tags: ['x'],
    parts: [
      { label: 'a', weight: null },
      { label: 'b', weight: 2 },
    ],
    maker: { name: 'Huye Works', country: null },
  },
];

async function startCatalog(): Promise<{ url: string; requests(): number; stop(): Promise<void> }> {
  const byId = (id: string) => products.find((p) => p.id === id) ?? null;
  const yoga = createYoga({
    schema: buildSubgraphSchema([
      {
        typeDefs: parse(CATALOG_SDL),
        resolvers: {
          Query: {
            product: (_: unknown, { id }: { id: string }) => byId(id),
            products: (
              _: unknown,
              { first, filter }: { first: number; filter?: { size?: string; minPrice: number } },
            ) =>
              products
                .filter((p) => (!filter?.size || p.size === filter.size) && (p.price ?? 0) >= (filter?.minPrice ?? 0))
                .slice(0, first),
            item: (_: unknown, { id }: { id: string }) => byId(id) ?? { __typename: 'Part', label: id, weight: 1 },
            node: (_: unknown, { id }: { id: string }) => byId(id),
            failing: () => {
              throw new Error('database password is hunter2');
            },
            strictFailing: () => {
              throw new GraphQLError('Not yours', { extensions: { code: 'FORBIDDEN' } });
            },
            refused: () => {
              throw new GraphQLError('Trip not found', { extensions: { code: 'NOT_FOUND', tripId: 't1' } });
            },
            slow: async (_: unknown, { ms }: { ms: number }) => {
              await new Promise((resolve) => setTimeout(resolve, ms));
              return true;
            },
          },
          Mutation: {
            rename: (_: unknown, { id, name }: { id: string; name: string }) => ({ ...byId(id)!, name }),
            refuseRename: () => {
              throw new GraphQLError('Not yours', { extensions: { code: 'FORBIDDEN' } });
            },
          },
          Product: {
            __resolveReference: ({ id }: { id: string }) => byId(id),
            __isTypeOf: (value: object) => 'name' in value,
            related: (product: Product, { first }: { first: number }) =>
              products.filter((p) => p.id !== product.id).slice(0, first),
            flaky: (product: Product) => {
              if (product.id === 'p2') throw new Error('flaky');
              return `ok ${product.id}`;
            },
          },
          Item: { __resolveType: (value: object) => ('name' in value ? 'Product' : 'Part') },
          Node: { __resolveType: () => 'Product' },
        } as never,
      },
    ]),
    maskedErrors: false,
    logging: false,
  });
  let requests = 0;
  const server = createHttpServer((req, res) => {
    requests++;
    void yoga(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

type Which = 'fast' | 'shaped';
// A catalog per router: each counts the requests of its own router.
const catalogs = {} as Record<Which, Awaited<ReturnType<typeof startCatalog>>>;
const routers = {} as Record<Which, ReturnType<typeof createServer>>;
const urls = {} as Record<Which, string>;

beforeAll(async () => {
  for (const which of ['fast', 'shaped'] as const) {
    catalogs[which] = await startCatalog();
    const { supergraphSdl } = composeSupergraph([
      { name: 'catalog', url: `${catalogs[which].url}/graphql`, sdl: CATALOG_SDL },
    ]);
    routers[which] = createServer({
      logger: testLogger('router'),
      supergraphSdl,
      subgraphTimeoutMs: 1500,
      singleFetches: which === 'fast',
    });
    urls[which] = await routers[which].start(0);
  }
});

afterAll(async () => {
  for (const which of ['fast', 'shaped'] as const) {
    await routers[which].stop();
    await catalogs[which].stop();
  }
});

async function ask(which: Which, body: Record<string, unknown>) {
  const response = await fetch(`${urls[which]}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.text() };
}

/** Operations, and whether the router fetches them itself (the gateway shapes only those answered with errors). */
const CASES: [string, Record<string, unknown>, boolean][] = [
  ['fields', { query: '{ product(id: "p1") { id name price size tags } }' }, true],
  ['nulls', { query: '{ product(id: "p2") { id name price size tags maker { name } } }' }, true],
  ['missing entity', { query: '{ product(id: "nope") { id } }' }, true],
  ['aliases', { query: '{ a: product(id: "p1") { n: name id } b: product(id: "p3") { id p: price } }' }, true],
  [
    'variables',
    { query: 'query Q($id: ID!) { product(id: $id) { name maker { name country } } }', variables: { id: 'p3' } },
    true,
  ],
  ['missing variable', { query: 'query Q($id: ID!) { product(id: $id) { name } }', variables: {} }, false],
  ['wrong variable type', { query: 'query Q($id: ID!) { product(id: $id) { name } }', variables: { id: {} } }, false],
  ['unused extra variable', { query: '{ product(id: "p1") { id } }', variables: { extra: 1 } }, true],
  ['nested lists', { query: '{ products(first: 3) { id parts { label weight } related(first: 2) { id } } }' }, true],
  ['argument defaults', { query: '{ products { id related { id } } }' }, true],
  [
    'input object variable',
    {
      query: 'query($f: Filter) { products(filter: $f) { id size price } }',
      variables: { f: { size: 'S', minPrice: 1 } },
    },
    true,
  ],
  [
    'enum variable refused',
    { query: 'query($f: Filter) { products(filter: $f) { id } }', variables: { f: { size: 'XL' } } },
    false,
  ],
  ['enum with a hidden value, hidden', { query: '{ product(id: "p3") { id color } }' }, false],
  ['enum with a hidden value, shown', { query: '{ product(id: "p1") { id color } }' }, false],
  ['__typename of an object', { query: '{ product(id: "p1") { __typename id parts { __typename label } } }' }, true],
  ['__typename aliased', { query: '{ product(id: "p1") { t: __typename id } }' }, false],
  ['__typename of the root', { query: '{ __typename product(id: "p1") { id } }' }, false],
  ['only __typename', { query: '{ __typename }' }, false],
  ['fragment', { query: '{ product(id: "p1") { ...F } } fragment F on Product { id name }' }, false],
  ['inline fragment', { query: '{ product(id: "p1") { ... on Product { name } id } }' }, false],
  [
    'skip and include',
    {
      query: 'query($s: Boolean!) { product(id: "p1") { id name @skip(if: $s) price @include(if: $s) } }',
      variables: { s: true },
    },
    false,
  ],
  ['union', { query: '{ item(id: "p1") { ... on Product { name } ... on Part { label } } }' }, false],
  ['interface', { query: '{ node(id: "p1") { id } }' }, false],
  ['introspection', { query: '{ __type(name: "Product") { name } }' }, false],
  ['duplicate fields', { query: '{ product(id: "p1") { id name id } }' }, false],
  ['unexpected subgraph error', { query: '{ failing { id } }' }, true],
  ['error on a non-null root field', { query: '{ strictFailing { id } }' }, true],
  ['domain error with details', { query: '{ refused { id } product(id: "p1") { id } }' }, true],
  ['partial data', { query: '{ products { id flaky } }' }, true],
  ['subgraph timeout', { query: '{ slow(ms: 2500) }' }, true],
  ['mutation', { query: 'mutation { rename(id: "p2", name: "Bolt") { id name tags } }' }, true],
  ['refused mutation', { query: 'mutation { refuseRename(id: "p1") { id } }' }, true],
  [
    'named operation of several',
    { query: 'query A { product(id: "p1") { id } } query B { products { id } }', operationName: 'B' },
    true,
  ],
  ['unknown operation name', { query: 'query A { product(id: "p1") { id } }', operationName: 'C' }, false],
  ['invalid field', { query: '{ product(id: "p1") { id nope } }' }, false],
];

describe('single-fetch operations', () => {
  it.each(CASES)('answers %s as the gateway does', async (_, body, single) => {
    // Twice: the first time the gateway plans it (and the router learns the plan), the second it may not run.
    for (let round = 0; round < 2; round++) {
      const gateway = routers.fast.gateway!;
      const before = {
        fetches: gateway.singleFetchCount(),
        passedOn: gateway.singleFetchesPassedOn(),
        requests: catalogs.fast.requests(),
      };
      const [mine, theirs] = await Promise.all([ask('fast', body), ask('shaped', body)]);
      expect(mine).toEqual(theirs);
      expect(gateway.singleFetchCount() - before.fetches).toBe(round === 1 && single ? 1 : 0);
      // A well-formed answer without errors fits the client's selection: the check does not send it to the gateway.
      const clean = mine.status === 200 && !mine.body.includes('"errors"');
      expect(gateway.singleFetchesPassedOn() - before.passedOn).toBe(round === 1 && single && clean ? 1 : 0);
      // Never sent twice (a mutation must not be), whichever path shaped the answer.
      expect(catalogs.fast.requests() - before.requests).toBeLessThanOrEqual(1);
    }
  });

  it('sends a mutation answered with an error once', async () => {
    for (let round = 0; round < 2; round++) {
      const before = catalogs.fast.requests();
      const answer = await ask('fast', { query: 'mutation { refuseRename(id: "p1") { id } }' });
      expect(JSON.parse(answer.body).errors[0].extensions.code).toBe('FORBIDDEN');
      expect(catalogs.fast.requests() - before).toBe(1);
    }
  });

  it('keeps the gateway path for every operation when single fetches are off', () => {
    expect(routers.shaped.gateway!.singleFetchCount()).toBe(0);
  });
});
