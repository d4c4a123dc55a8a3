// A request's variables are coerced once, for the gateway, the response cache and the list-items limit alike.
import { buildSchema, getOperationAST, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { coercedVariables } from '../src/variables';

describe('coerced variables', () => {
  const schema = buildSchema('type Query { trips(first: Int, day: String): [String] }');
  const operation = getOperationAST(parse('query($n: Int = 5, $d: String) { trips(first: $n, day: $d) }'))!;

  it('fills defaults in once per variables object, and refuses what does not fit', () => {
    const sent = { d: 'Mon' };
    const first = coercedVariables(schema, operation, sent);
    expect(first.coerced).toEqual({ n: 5, d: 'Mon' });
    expect(coercedVariables(schema, operation, sent)).toBe(first);
    expect(coercedVariables(schema, operation, { d: 'Mon' })).not.toBe(first);
    expect(coercedVariables(schema, operation, { n: 'many' }).errors?.[0]?.message).toMatch(/Int cannot represent/);
    expect(coercedVariables(schema, operation, undefined).coerced).toEqual({ n: 5 });
  });

  it('coerces again for another operation or schema given the same object', () => {
    const sent = { n: 2 };
    const other = getOperationAST(parse('query($n: Int, $d: String = "Sun") { trips(first: $n, day: $d) }'))!;
    expect(coercedVariables(schema, operation, sent).coerced).toEqual({ n: 2 });
    expect(coercedVariables(schema, other, sent).coerced).toEqual({ n: 2, d: 'Sun' });
    const first = coercedVariables(schema, operation, sent);
    const reloaded = buildSchema('type Query { trips(first: Int, day: String): [String] }');
    const again = coercedVariables(reloaded, operation, sent);
    expect(again).not.toBe(first);
    expect(again.coerced).toEqual({ n: 2 });
  });
});
