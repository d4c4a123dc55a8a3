/** The longest search term, in characters (code points, as Postgres counts them). */
const MAX_TERM = 100;
/** Half of a UTF-16 surrogate pair without its other half, which Postgres stores as U+FFFD. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Words a user can be found by: each word of the name, the email, its local part and that part's pieces, each cut at
 * MAX_TERM characters. Cut by code point and made well-formed: cut by UTF-16 unit, two words differing only past the
 * cut in an emoji's second half (lower-casing `İ` makes two units of one letter) were two terms in JavaScript but
 * one in Postgres (each lone half stored as U+FFFD), and the duplicate key failed the user's profile for good.
 */
export function searchTermsOf(fullName: string, email: string): string[] {
  const lowerEmail = email.toLowerCase();
  const local = lowerEmail.split('@')[0] ?? '';
  const words = [...fullName.toLowerCase().split(/\s+/), lowerEmail, local, ...local.split(/[._+-]+/)];
  return [
    ...new Set(
      words
        .map((word) => word.trim())
        .filter((word) => word.length > 0)
        .map((word) => Array.from(word).slice(0, MAX_TERM).join('').replace(LONE_SURROGATE, '\ufffd')),
    ),
  ];
}

/** The words of an admin's search query (at most 5, so a query stays a handful of index probes). */
export function queryWords(search: string): string[] {
  return [
    ...new Set(
      search
        .toLowerCase()
        .split(/\s+/)
        .filter((word) => word.length > 0),
    ),
  ].slice(0, 5);
}

/** Escapes LIKE wildcards so user input matches literally. */
export function likePrefix(word: string): string {
  return `${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
