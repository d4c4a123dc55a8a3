import { and, eq, gt, or, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { badInput, isUuid } from '@busline/shared';
import type { CompanyScope } from '../domain/scope';

/** The WHERE condition that keeps a query inside `scope` (undefined: no restriction). */
export function scoped(column: PgColumn, scope: CompanyScope): SQL | undefined {
  return scope === 'all' ? undefined : eq(column, scope.companyId);
}

/** Keyset condition "after (a, b)" for a list ordered by (first, second) ascending. */
export function after(first: PgColumn, second: PgColumn, position: unknown[] | null): SQL | undefined {
  if (!position) return undefined;
  const [a, b] = position;
  // Cursors come from clients: a forged one is their mistake, not an SQL error.
  if (!isUuid(b) || a === null || a === undefined) throw badInput('Invalid cursor in "after"', 'after');
  return or(gt(first, a), and(eq(first, a), gt(second, b)));
}

/** Ids that can exist (uuid columns reject anything else with an SQL error). */
export const validIds = (ids: readonly string[]): string[] => ids.filter((id) => isUuid(id));
