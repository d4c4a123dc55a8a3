// Retention: rows that only serve for a while (processed event ids, claim codes, expired refresh tokens) are
// deleted once that while is over, in small batches, so bookkeeping tables do not grow with every request forever.
import { sql, type SQL } from 'drizzle-orm';
import { getTableConfig, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import type { Logger } from '../logger';
import { createPollingWorker, type PollingWorker } from '../runtime/polling-worker';
import { queryRows, type Db, type Executor } from './database';

/** Rows one statement deletes at most: a short transaction and little WAL at a time, whatever the backlog. */
export const RETENTION_BATCH = 5000;

/** One table's rule: its rows whose `column` is older than `keepMs` are deleted. A plain table (no partitions). */
export interface RetentionRule {
  table: PgTable;
  /** A timestamp column, indexed (each pass looks up the oldest rows by it). */
  column: PgColumn;
  keepMs: number;
  /** Further condition on the rows to delete, given the cut-off (all rows past `keepMs` when absent). */
  where?: (before: Date) => SQL;
}

/**
 * Deletes up to `limit` rows of the rule's table older than `now - keepMs`; how many it deleted. The rows are
 * picked by the indexed column and locked (rows another transaction holds are skipped, left for the next pass,
 * so instances side by side never wait for each other), then deleted by their physical id (`ctid`) with the
 * condition checked again.
 */
export async function deleteExpired(db: Executor, rule: RetentionRule, now = new Date(), limit = RETENTION_BATCH) {
  const before = new Date(now.getTime() - rule.keepMs);
  const condition = rule.where
    ? sql`${rule.column} < ${before} and (${rule.where(before)})`
    : sql`${rule.column} < ${before}`;
  const rows = await queryRows<{ one: number }>(
    db,
    sql`delete from ${rule.table} where ctid = any(array(
      select ctid from ${rule.table} where ${condition} limit ${limit} for update skip locked
    )) and ${condition} returning 1 as one`,
  );
  return rows.length;
}

export interface RetentionWorkerOptions {
  db: Db;
  rules: readonly RetentionRule[];
  logger: Logger;
  /**
   * Time between passes; hourly by default. The first pass runs 30-60 s after start (or after one interval, if
   * shorter), so a service restarted more often than the interval still cleans up.
   */
  intervalMs?: number;
  batch?: number;
}

/**
 * A worker that applies the rules every interval: one batch per rule per pass, and the next pass at once while
 * some rule still had a full batch to delete. Several instances may run side by side (a row is deleted once;
 * the others find it gone).
 */
export function createRetentionWorker(options: RetentionWorkerOptions): PollingWorker {
  const { db, rules, logger } = options;
  const batch = options.batch ?? RETENTION_BATCH;
  const intervalMs = options.intervalMs ?? 3600_000;
  return createPollingWorker({
    name: 'retention',
    intervalMs,
    firstDelayMs: Math.min(intervalMs, 30_000 + Math.random() * 30_000),
    logger,
    pass: async () => {
      let more = false;
      for (const rule of rules) {
        // One rule that fails (its table locked, a statement timeout) leaves the others their pass.
        try {
          const deleted = await deleteExpired(db, rule, new Date(), batch);
          if (deleted > 0) logger.info({ table: tableName(rule), deleted }, 'expired rows deleted');
          if (deleted === batch) more = true;
        } catch (error) {
          logger.warn({ err: error, table: tableName(rule) }, 'deleting expired rows failed');
        }
      }
      return more;
    },
  });
}

function tableName(rule: RetentionRule): string {
  const { schema, name } = getTableConfig(rule.table);
  return schema ? `${schema}.${name}` : name;
}
