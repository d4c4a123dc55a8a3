import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Every text of English exists in every other language, namespace by namespace, with the same
 * placeholders: a key added in en/ without its translations fails here, not in front of a reader.
 */
const LOCALES = fileURLToPath(new URL('./locales', import.meta.url));
const LANGUAGES = ['fr', 'rw', 'sw'];
const PLURAL = /_(zero|one|two|few|many|other)$/;

type Messages = { [key: string]: string | string[] | Messages };

const read = (language: string, namespace: string): Messages =>
  JSON.parse(readFileSync(join(LOCALES, language, `${namespace}.json`), 'utf8')) as Messages;

/** `a.b.c` → its text, for every leaf. Plural forms count as their base key (languages differ in forms). */
function leaves(messages: Messages, prefix = ''): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(messages)) {
    const path = `${prefix}${key.replace(PLURAL, '')}`;
    if (typeof value === 'string') found.set(path, value);
    else if (Array.isArray(value)) found.set(path, value.join('|'));
    else for (const [inner, text] of leaves(value, `${path}.`)) found.set(inner, text);
  }
  return found;
}

const placeholders = (text: string) => [...new Set(text.match(/\{\{\s*[\w.]+\s*\}\}/g) ?? [])].sort();

const namespaces = readdirSync(join(LOCALES, 'en'))
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.replace(/\.json$/, ''));

describe('translations', () => {
  it('has the reference namespaces in English', () => {
    expect(namespaces).toEqual(expect.arrayContaining(['common', 'errors']));
  });

  describe.each(namespaces)('namespace %s', (namespace) => {
    const english = leaves(read('en', namespace));

    it.each(LANGUAGES)('has every English key in %s, with the same placeholders', (language) => {
      const translated = leaves(read(language, namespace));
      const missing = [...english.keys()].filter((key) => !translated.has(key));
      expect(missing, `keys of en/${namespace}.json missing from ${language}/${namespace}.json`).toEqual([]);
      const mismatched = [...english]
        .filter(([key, text]) => placeholders(text).join() !== placeholders(translated.get(key)!).join())
        .map(([key]) => key);
      expect(mismatched, `placeholders differ from English in ${language}/${namespace}.json`).toEqual([]);
      const empty = [...translated].filter(([, text]) => !text.trim()).map(([key]) => key);
      expect(empty, `empty texts in ${language}/${namespace}.json`).toEqual([]);
    });
  });
});
