import { describe, expect, it } from 'vitest';
import { describeParseError } from '../src/error-codes';

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
