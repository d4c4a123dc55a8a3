import { describe, expect, it } from 'vitest';
import { searchTermsOf } from '../src/repositories/search-terms';

/** Whether `text` has no half of a surrogate pair without the other (String.prototype.isWellFormed). */
const wellFormed = (text: string) => !/[\ud800-\udfff]/.test(text.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''));

describe('search terms', () => {
  it('cuts a word at 100 characters, never inside a character, so two words stay two in Postgres', () => {
    // Lower-cased, each İ is two UTF-16 units: a cut at 100 units fell inside the emoji, leaving two lone halves
    // that Postgres stores alike (U+FFFD), and the second term failed the user's profile on a duplicate key.
    const name = `${'İ'.repeat(49)}a🚌 ${'İ'.repeat(49)}a🤖`;
    const terms = searchTermsOf(name, 'aline@example.com');
    const words = terms.filter((term) => term.startsWith('i'));
    expect(words).toHaveLength(2);
    for (const word of words) {
      expect(wellFormed(word)).toBe(true);
      expect(Array.from(word)).toHaveLength(100);
    }
    expect(new Set(words).size).toBe(2);
  });

  it('makes a name holding a lone surrogate well-formed', () => {
    expect(searchTermsOf('Aline \ud83d', 'a@b.rw').every(wellFormed)).toBe(true);
  });
});
