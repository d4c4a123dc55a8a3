import { parseValue, type ValueNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DateTimeScalar, parseIsoDateTime } from '../src/graphql/scalars';

/** The literal of `value` as a query would write it. */
const literal = (value: string): ValueNode => parseValue(JSON.stringify(value));

describe('DateTime', () => {
  it.each(['2026-12-01T07:00:00Z', '2026-12-01T09:00:00+02:00', '0001-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z'])(
    'takes %s',
    (value) => {
      const expected = new Date(value).toISOString();
      expect(parseIsoDateTime(value)?.toISOString()).toBe(expected);
      expect((DateTimeScalar.parseValue(value) as Date).toISOString()).toBe(expected);
      expect((DateTimeScalar.parseLiteral(literal(value)) as Date).toISOString()).toBe(expected);
    },
  );

  it.each([
    // Year 10000 in UTC, which Postgres refused with an unexpected error.
    '9999-12-31T23:59:59-23:59',
    // Year 0 exists for JavaScript, not for Postgres.
    '0000-01-01T00:00:00Z',
    '0001-01-01T00:00:00+01:00',
    // A day the month lacks: JavaScript rolls it over into March.
    '2026-02-30T00:00:00Z',
    '2026-04-31T10:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-12-01',
    '99999',
    '+275760-09-13T00:00:00Z',
  ])('refuses %s with BAD_USER_INPUT', (value) => {
    expect(parseIsoDateTime(value)).toBeUndefined();
    const refused = expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) });
    expect(() => DateTimeScalar.parseValue(value)).toThrow(refused);
    expect(() => DateTimeScalar.parseLiteral(literal(value))).toThrow(refused);
  });

  it('refuses what is not a string', () => {
    expect(parseIsoDateTime(1_700_000_000_000)).toBeUndefined();
    expect(() => DateTimeScalar.parseValue(1_700_000_000_000)).toThrow('ISO 8601');
  });
});
