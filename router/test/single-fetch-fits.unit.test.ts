import { Supergraph, operationFromDocument } from '@apollo/federation-internals';
import { QueryPlanner } from '@apollo/query-planner';
import { getOperationAST, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { composeSupergraph } from '../src/compose';
import { enumsWithHiddenValues, singleFetchOf } from '../src/single-fetch';

// The check a single fetch's answer passes before it is written without the gateway's result shaping.
const SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  enum Size { S M L }
  scalar JSON
  type Cell { v: Int! }
  type Thing @key(fields: "id") {
    id: ID!
    grid: [[Int!]]!
    cells: [[Cell!]!]
    size: Size
    price: Float
    on: Boolean
    blob: JSON
  }
  type Query { thing: Thing things: [Thing!]! }
`;

const { supergraphSdl } = composeSupergraph([{ name: 'stub', url: 'http://127.0.0.1:1/graphql', sdl: SDL }]);
const supergraph = Supergraph.build(supergraphSdl);
const api = supergraph.apiSchema();
const schema = api.toGraphQLJSSchema();
const planner = new QueryPlanner(supergraph);

function fitsOf(query: string) {
  const document = parse(query);
  const plan = planner.buildQueryPlan(operationFromDocument(api, document));
  const operation = getOperationAST(document)!;
  return singleFetchOf(plan, document, operation, schema, enumsWithHiddenValues(supergraphSdl, schema))?.fits;
}

describe('single-fetch answer check', () => {
  const fits = fitsOf('{ thing { __typename id grid cells { v } size price on blob } }')!;
  const good = {
    thing: {
      __typename: 'Thing',
      id: '1',
      grid: [[1, 2], null, []],
      cells: [[{ v: 1 }], []],
      size: 'M',
      price: 2,
      on: false,
      blob: { any: ['thing'] },
    },
  };
  const thing = (change: Record<string, unknown>) => ({ thing: { ...good.thing, ...change } });

  it('passes an answer in the very shape of the selection', () => {
    expect(fits(good)).toBe(true);
    expect(fits({ thing: null })).toBe(true);
    expect(fits(thing({ cells: null, size: null, price: null, on: null, blob: null }))).toBe(true);
  });

  it.each([
    ['data not an object', null],
    ['a list for the root object', [good.thing]],
    ['an extra root field', { ...good, more: 1 }],
    ['a missing field', { thing: { __typename: 'Thing', id: '1' } }],
    [
      'keys out of order',
      { thing: { id: '1', __typename: 'Thing', grid: [], cells: null, size: null, price: null, on: null, blob: null } },
    ],
    ['a false __typename', thing({ __typename: 'Other' })],
    ['a number for an ID', thing({ id: 1 })],
    ['a flat list for a nested one', thing({ grid: [1, 2] })],
    ['null in a non-null list item', thing({ grid: [[1, null]] })],
    ['null for a non-null list', thing({ grid: null })],
    ['an object for a list', thing({ grid: { 0: [1] } })],
    ['a float for an Int', thing({ grid: [[1.5]] })],
    ['an Int beyond 32 bits', thing({ grid: [[2 ** 31]] })],
    ['a string for an Int', thing({ grid: [['1']] })],
    ['an extra field in a nested object', thing({ cells: [[{ v: 1, w: 2 }]] })],
    ['null for a non-null list of objects', thing({ cells: [null] })],
    ['an unknown enum value', thing({ size: 'XL' })],
    ['a string for a Float', thing({ price: '2' })],
    ['a number for a Boolean', thing({ on: 0 })],
  ])('refuses %s', (_, data) => {
    expect(fits(data)).toBe(false);
  });

  it('refuses a selection that repeats a response name (the gateway merges those)', () => {
    expect(fitsOf('{ thing { id id } }')).toBeUndefined();
    expect(fitsOf('{ things { id } }')!({ things: [{ id: '1' }, { id: '2' }] })).toBe(true);
  });
});
