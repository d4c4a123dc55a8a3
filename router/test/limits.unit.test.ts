import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { describeParseError } from '../src/error-codes';
import { listItems } from '../src/limits';
import { addressCountedFields } from '../src/rate-limits';

/** Armor words a limit refusal as a syntax error; clients must see it as a limit, with its own code. */
describe('parse error classification', () => {
  it('reports a limit refusal without the "Syntax Error" prefix, coded QUERY_LIMIT_EXCEEDED', () => {
    expect(describeParseError('Syntax Error: Token limit of 5000 exceeded.')).toEqual({
      message: 'Token limit of 5000 exceeded.',
      code: 'QUERY_LIMIT_EXCEEDED',
    });
  });

  it('keeps a real syntax error as it is, coded GRAPHQL_PARSE_FAILED', () => {
    expect(describeParseError('Syntax Error: Expected Name, found "}".')).toEqual({
      message: 'Syntax Error: Expected Name, found "}".',
      code: 'GRAPHQL_PARSE_FAILED',
    });
  });
});

describe('list items an operation may return', () => {
  const schema = buildSchema(`
    type Seat { label: String! }
    type Stop { city: String! }
    type Trip { id: ID! seatMap: [Seat!]! deck: [[Seat!]!]! stops(first: Int): [Stop!]! tags: [String!]! }
    type TripEdge { node: Trip! }
    type TripConnection { edges: [TripEdge!]! nodes: [Trip!]! }
    type Query { trips(first: Int, last: Int): TripConnection! trip(id: ID!): Trip searchTrips: [Trip!]! }
  `);
  const items = (query: string, variables?: Record<string, unknown>) =>
    listItems(schema, parse(query), undefined, variables);

  it("takes a connection's page size for its edges, a known list's size, and 10 for another list", () => {
    expect(items('{ trips(first: 100) { edges { node { seatMap { label } } } } }')).toBe(100 + 100 * 150);
    expect(items('{ trips(last: 3) { nodes { id } } }')).toBe(3);
    expect(items('{ trip(id: "t") { seatMap { label } stops(first: 2) { city } deck { label } } }')).toBe(
      150 + 2 + 10 + 10 * 10,
    );
    // Lists of scalars count nothing.
    expect(items('{ trip(id: "t") { tags } }')).toBe(0);
  });

  it('multiplies through nested lists and aliases add up', () => {
    expect(items('{ searchTrips { seatMap { label } } }')).toBe(100 + 100 * 150);
    const alias = (i: number) => `a${i}: trips(first: 100) { edges { node { seatMap { label } } } }`;
    expect(items(`{ ${[1, 2, 3, 4, 5, 6, 7, 8].map(alias).join(' ')} }`)).toBe(8 * 15_100);
  });

  it('reads page sizes from the variables and counts fragments where they are spread', () => {
    const query = `query($n: Int) { trips(first: $n) { ...Page } } fragment Page on TripConnection {
      edges { node { ... on Trip { seatMap { label } } } } }`;
    expect(items(query, { n: 20 })).toBe(20 + 20 * 150);
  });

  it('counts a fragment spread twice into one selection once, as execution does, however deep the chain', () => {
    const chain = Array.from({ length: 200 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join(
      ' ',
    );
    const query = `{ ...F0 } ${chain} fragment F200 on Query { searchTrips { seatMap { label } } }`;
    expect(items(query)).toBe(100 + 100 * 150);
  });

  it("counts a page size left to a variable's default, or to no one, as sent or as a full page", () => {
    const page = 'edges { node { seatMap { label } } }';
    expect(items(`query($n: Int = 100) { trips(first: $n) { ${page} } }`)).toBe(100 + 100 * 150);
    expect(items(`query($n: Int = 100) { trips(first: $n) { ${page} } }`, { n: 5 })).toBe(5 + 5 * 150);
    expect(items(`{ trips { ${page} } }`)).toBe(100 + 100 * 150);
  });

  it('counts a parsed document once, unless its page sizes come from the variables', () => {
    const fixed = parse('{ trips(first: 4) { nodes { seatMap { label } } } }');
    expect(listItems(schema, fixed, undefined, {})).toBe(4 + 4 * 150);
    expect(listItems(schema, fixed, undefined, { n: 1 })).toBe(4 + 4 * 150);
    // Counting stops early past a bound: a count kept under another bound is not taken for it.
    expect(listItems(schema, fixed, undefined, {}, 3)).toBe(4);
    expect(listItems(schema, fixed, undefined, {})).toBe(4 + 4 * 150);
    const paged = parse('query($n: Int) { trips(first: $n) { nodes { seatMap { label } } } }');
    expect(listItems(schema, paged, undefined, { n: 2 })).toBe(2 + 2 * 150);
    expect(listItems(schema, paged, undefined, { n: 5 })).toBe(5 + 5 * 150);
    const named = parse('query A { trips(first: 1) { nodes { id } } } query B { trips(first: 7) { nodes { id } } }');
    expect([listItems(schema, named, 'A', {}), listItems(schema, named, 'B', {})]).toEqual([1, 7]);
  });
});

describe('fields counted against the address whatever token comes with them', () => {
  const aliased = (field: string, args: (i: number) => string) =>
    parse(`mutation { ${Array.from({ length: 31 }, (_, i) => `a${i}: ${field}(${args(i)})`).join(' ')} }`);

  it('counts every password reset field, as sign-ins: a code guessed or an e-mail sent each', () => {
    const guesses = aliased(
      'resetPassword',
      (i) => `email: "v${i}@example.com", code: "1234567${i % 10}", newPassword: "x"`,
    );
    expect(addressCountedFields(guesses)).toBe(31);
    expect(addressCountedFields(aliased('requestPasswordReset', (i) => `email: "v${i}@example.com"`))).toBe(31);
    expect(addressCountedFields(aliased('login', (i) => `email: "v${i}@example.com", password: "x"`))).toBe(31);
    expect(addressCountedFields(parse('mutation { logout(refreshToken: "x") }'))).toBe(0);
  });
});
