/** Words a user can be found by: each word of the name, the email, its local part and that part's pieces. */
export function searchTermsOf(fullName: string, email: string): string[] {
  const lowerEmail = email.toLowerCase();
  const local = lowerEmail.split('@')[0] ?? '';
  const words = [...fullName.toLowerCase().split(/\s+/), lowerEmail, local, ...local.split(/[._+-]+/)];
  return [
    ...new Set(
      words
        .map((word) => word.trim())
        .filter((word) => word.length > 0)
        .map((word) => word.slice(0, 100)),
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
