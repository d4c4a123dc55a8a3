import { and, eq, gt, or, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { isUuid } from '@busline/shared';
import type { CompanyScope } from '../domain/scope';

/** The WHERE condition that keeps a query inside `scope` (undefined: no restriction). */
export function scoped(column: PgColumn, scope: CompanyScope): SQL | undefined {
  return scope === 'all' ? undefined : eq(column, scope.companyId);
}

/**
 * Keyset condition "after (a, b)" for a list ordered by (first, second) ascending. `position` is a
 * cursor `pageRequest` has checked against the list's keyset (a forged one never gets here).
 */
export function after(first: PgColumn, second: PgColumn, position: unknown[] | null): SQL | undefined {
  if (!position) return undefined;
  const [a, b] = position;
  return or(gt(first, a), and(eq(first, a), gt(second, b)));
}

/** Ids that can exist (uuid columns reject anything else with an SQL error). */
export const validIds = (ids: readonly string[]): string[] => ids.filter((id) => isUuid(id));
