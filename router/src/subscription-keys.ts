// Subscription keys: which subscribers share an upstream subscription (same operation, variables and credentials).
import { createHash } from 'node:crypto';
import { getOperationAST, Kind, print, type DocumentNode } from 'graphql';
import { bearerToken } from '@busline/shared';

const shapes = new WeakMap<DocumentNode, Map<string, string>>();

/**
 * The operation a subscriber runs, in a form that ignores what cannot change its result: whitespace
 * and comments (printed from the parsed document), the operation's name and any other operation in
 * the document. Aliases stay: they change the result's keys.
 */
function operationShape(document: DocumentNode, operationName: string | undefined): string {
  let byName = shapes.get(document);
  if (!byName) shapes.set(document, (byName = new Map()));
  let shape = byName.get(operationName ?? '');
  if (shape === undefined) {
    const operation = getOperationAST(document, operationName);
    const fragments = document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION);
    shape = print({
      kind: Kind.DOCUMENT,
      definitions: [...(operation ? [{ ...operation, name: undefined }] : []), ...fragments],
    });
    byName.set(operationName ?? '', shape);
  }
  return shape;
}

/** JSON with object keys sorted: `{a, b}` and `{b, a}` are the same variables. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(
          Object.entries(item as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : item,
  );
}

/** `Bearer x`, `bearer  x` and ` BEARER x ` are one credential. */
export function normalizedAuthorization(authorization: string | undefined): string {
  const token = bearerToken(authorization);
  return token ? `Bearer ${token}` : (authorization ?? '').trim();
}

/** The key of a subscriber's group: its operation's shape, its variables and its credentials, hashed. */
export function groupKey(
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown>,
  authorization: string | undefined,
): string {
  return createHash('sha256')
    .update(operationShape(document, operationName))
    .update('\0')
    .update(canonicalJson(variables))
    .update('\0')
    .update(normalizedAuthorization(authorization))
    .digest('base64url');
}
