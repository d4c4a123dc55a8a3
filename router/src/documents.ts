// Operation documents: printed and hashed once per parsed document (for subscription deduplication and logs).
import { createHash } from 'node:crypto';
import { print, type DocumentNode } from 'graphql';

const documentHashes = new WeakMap<DocumentNode, { source: string; hash: string }>();

/** The printed operation and its hash, once per parsed document (Yoga caches documents by query text). */
export function sourceOf(document: DocumentNode) {
  let entry = documentHashes.get(document);
  if (!entry) {
    const source = print(document);
    entry = { source, hash: createHash('sha256').update(source).digest('hex') };
    documentHashes.set(document, entry);
  }
  return entry;
}
