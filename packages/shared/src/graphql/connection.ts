import { AppError, ErrorCode } from '../errors';
import { parseIsoDateTime } from './scalars';
import { isUuid } from './schema-file';

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  totalCount?: number;
}

export interface PageRequest {
  /** Rows to return. */
  limit: number;
  /** Keyset position decoded from `after`, or null for the first page. */
  after: unknown[] | null;
}

/** Opaque cursor over the values of a keyset (e.g. [createdAt, id]). */
export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string): unknown[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(values)) return values;
  } catch {
    // fall through
  }
  throw invalidCursor();
}

/**
 * What each value of a keyset cursor must be, in order: `time` an ISO 8601 timestamp Postgres can take (years 1 to
 * 9999), `uuid` an id, `text` a string without a NUL character (which Postgres text cannot hold), `number` a finite
 * number, `value` anything but null (e.g. a sort key of any type).
 */
export type CursorKey = 'time' | 'uuid' | 'text' | 'number' | 'value';

const CURSOR_KEY_CHECKS: Record<CursorKey, (value: unknown) => boolean> = {
  time: (value) => parseIsoDateTime(value) !== undefined,
  uuid: (value) => typeof value === 'string' && isUuid(value),
  text: (value) => typeof value === 'string' && !value.includes('\u0000'),
  number: (value) => typeof value === 'number' && Number.isFinite(value),
  value: (value) => value !== null && value !== undefined,
};

const invalidCursor = () => new AppError(ErrorCode.BAD_USER_INPUT, 'Invalid cursor in "after"', { field: 'after' });

/**
 * Validates Relay arguments into a page request. With `cursor`, the decoded `after` must hold exactly
 * those values (what the list's `toConnection` encodes), so a forged cursor is refused with
 * BAD_USER_INPUT before it reaches SQL.
 */
export function pageRequest(
  args: { first?: number | null; after?: string | null },
  options: { defaultSize?: number; maxSize?: number; cursor?: readonly CursorKey[] } = {},
): PageRequest {
  const max = options.maxSize ?? 100;
  const first = args.first ?? options.defaultSize ?? 20;
  if (!Number.isInteger(first) || first < 0 || first > max) {
    throw new AppError(ErrorCode.BAD_USER_INPUT, `"first" must be between 0 and ${max}`, { field: 'first' });
  }
  const after = args.after ? decodeCursor(args.after) : null;
  const keys = options.cursor;
  if (after && keys && (after.length !== keys.length || !keys.every((key, i) => CURSOR_KEY_CHECKS[key](after[i])))) {
    throw invalidCursor();
  }
  return { limit: first, after };
}

/**
 * Builds a connection from rows fetched with `limit + 1` (the extra row only tells that
 * another page exists). A page without edges after a cursor (`first: 0`, to read `totalCount`) ends where it
 * began: its endCursor is that cursor, so the next page follows it instead of starting over.
 */
export function toConnection<T>(
  rows: T[],
  page: PageRequest,
  cursorValues: (row: T) => unknown[],
  totalCount?: number,
): Connection<T> {
  const visible = rows.slice(0, page.limit);
  const edges = visible.map((node) => ({ cursor: encodeCursor(cursorValues(node)), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > page.limit,
      hasPreviousPage: page.after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? (page.after === null ? null : encodeCursor(page.after)),
    },
    totalCount,
  };
}
