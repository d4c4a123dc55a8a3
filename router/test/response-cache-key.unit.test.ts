import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cacheKeySource, cacheKeyText } from '../src/response-cache';

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

describe('the variables a public answer is cached under', () => {
  const source = cacheKeySource(5000);
  const SEARCH =
    'query($ t: ID!, $n: Int) { trip(id: $ t) { id availableSeats } stations(first: $n) { edges { node { id } } } }';

  it('are the ones the operation declares, however spelled or ordered; others change nothing', () => {
    const base = source(SEARCH, undefined, { t: 'a', n: 2 });
    expect(base).toBeDefined();
    expect(source(SEARCH, undefined, { n: 2, t: 'a' })).toBe(base);
    expect(source(SEARCH, undefined, { t: 'a', n: 2, junk: 1 })).toBe(base);
    expect(source(SEARCH, undefined, { t: 'b', n: 2 })).not.toBe(base);
    expect(source(SEARCH, undefined, { t: 'a', n: 3 })).not.toBe(base);
    // A `$` in a string literal names no variable.
    const literal = '{ stations(city: "$junk") { edges { node { id } } } }';
    expect(source(literal, undefined, { junk: 1 })).toBe(source(literal, undefined, {}));
  });

  it('make no key for a text that does not parse or selects no operation by the name sent: never cached', () => {
    expect(source('{ trip(id: $t', undefined, { t: 'a' })).toBeUndefined();
    // An empty name selects nothing here, though the request may still run: keyed without its variables, its answer
    // would be every visitor's of that text. And it must not stand for the same text sent without a name.
    expect(source(SEARCH, '', { t: 'attacker', n: 2 })).toBeUndefined();
    expect(source(SEARCH, undefined, { t: 'a', n: 2 })).not.toBe(source(SEARCH, undefined, { t: 'b', n: 2 }));
    expect(source(SEARCH, undefined, { t: 'a', n: 2 })).toBeDefined();
    // Nor does a name that is not a string (JSON lets a client send an array) stand for the one it prints as.
    const named = 'query A($t: ID!) { trip(id: $t) { id } }';
    expect(source(named, ['A'] as unknown as string, { t: 'a' })).toBeUndefined();
    expect(source(named, 'A', { t: 'a' })).toBeDefined();
  });

  it('nested past any input of the schema make no key (the request goes uncached) instead of overflowing', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 40_000; i++) deep = [deep];
    expect(source('query($a: [Int]) { __typename }', undefined, { a: deep })).toBeUndefined();
    expect(source('query($a: [Int]) { __typename }', undefined, { a: [[[[1]]]] })).toBeDefined();
  });

  it('are found in time linear in the text: a `$` and many ignored characters before no name cost nothing', async () => {
    // A pattern allowing white space, commas or comments between `$` and a name backtracked exponentially on these
    // (28 spaces held a router's event loop a second, 40 would for hours). Run apart, so a regression fails here
    // instead of freezing the test run.
    const pad = ' '.repeat(40);
    const texts = [
      `{ __typename } $${pad}!`,
      `{ stations(city: "$${pad}!") { edges { node { id } } } }`,
      `{ __typename } $${','.repeat(40)}!`,
      `{ __typename } $${'#c\n'.repeat(40)}!`,
    ];
    const module = fileURLToPath(new URL('../src/response-cache.ts', import.meta.url));
    const script = `
      const { cacheKeySource } = await import(${JSON.stringify(module)});
      const source = cacheKeySource(5000);
      for (const text of ${JSON.stringify(texts)}) source(text, undefined, { t: 1 });
      console.log('keyed');`;
    const output = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        ['--import', 'tsx', '--input-type=module', '-e', script],
        { timeout: 20_000 },
        (error, stdout) => (error ? reject(error) : resolve(stdout)),
      ),
    );
    expect(output.trim()).toBe('keyed');
  });
});
