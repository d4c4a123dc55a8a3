import { describe, expect, it } from 'vitest';
import { cacheKeyText } from '../src/response-cache';

const text = (document: string, operationName?: string) => cacheKeyText(document, operationName, 5000);

describe('the text a public answer is cached under', () => {
  it('is one for the same operation however it is spelled, named or accompanied', () => {
    const base = text(
      'query Search($n: Int = 4) { stations(first: $n) { edges { node { ...S } } } } fragment S on Station { id }',
    );
    expect(base).toBeDefined();
    for (const spelling of [
      '# a comment\nquery Other($n: Int = 4) { stations(first: $n) ,, { edges { node { ...S } } } } fragment S on Station { id }',
      'fragment S on Station { id } query($n: Int = 4) { stations(first: $n) { edges { node { ...S } } } }',
    ])
      expect(text(spelling)).toBe(base);
    expect(
      text(
        'query A { __typename } query B($n: Int = 4) { stations(first: $n) { edges { node { ...S } } } } fragment S on Station { id }',
        'B',
      ),
    ).toBe(base);
    expect(text('query Named { stations(first: 4) { edges { node { id } } } }')).toBe(
      text('{ stations(first: 4) { edges { node { id } } } }'),
    );
  });

  it('leaves out the fragments the operation run does not spread', () => {
    const alone = text('query B { stations(first: 4) { edges { node { ...S } } } } fragment S on Station { id }');
    expect(
      text(
        'query A { companies { edges { node { ...C } } } } fragment C on Company { id } ' +
          'query B { stations(first: 4) { edges { node { ...S } } } } fragment S on Station { id }',
        'B',
      ),
    ).toBe(alone);
  });

  it('costs in proportion to the text, however deep (it runs before the depth limit refuses it)', () => {
    // Printed, each level's indentation made a 10 kB document of 1,250 levels a text of ~6 M characters.
    const depth = 1_250;
    const deep = `{ ${'a { '.repeat(depth)}b${' }'.repeat(depth)} }`;
    const keyed = cacheKeyText(deep, undefined, 5_000);
    expect(keyed).toBeDefined();
    expect(keyed!.length).toBeLessThanOrEqual(deep.length);
  });

  it('differs where the answer may: a default, a directive, an argument, a selection', () => {
    const base = text('query($n: Int = 4) { stations(first: $n) { edges { node { id } } } }');
    for (const other of [
      'query($n: Int = 5) { stations(first: $n) { edges { node { id } } } }',
      'query($n: Int = 4) { stations(first: $n) { edges { node { id @skip(if: true) } } } }',
      'query($n: Int = 4) { stations(first: 3) { edges { node { id } } } }',
      'query($n: Int = 4) { stations(first: $n) { edges { node { id name } } } }',
      'query($n: Int = 4) { s: stations(first: $n) { edges { node { id } } } }',
    ])
      expect(text(other)).not.toBe(base);
  });

  it('is none for a text that does not parse, runs past the token limit, or names no operation to run', () => {
    expect(text('{ stations(')).toBeUndefined();
    expect(cacheKeyText(`{ ${'a '.repeat(100)} }`, undefined, 50)).toBeUndefined();
    expect(text('query A { a } query B { b }')).toBeUndefined();
    expect(text('query A { a }', 'C')).toBeUndefined();
  });
});
