import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt, gte, inArray, isNotNull, isNull, lt, max, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Executor } from '../db/database';
import { anyOf } from '../db/prepared';
import type { RetentionRule } from '../db/retention';
import type { Logger } from '../logger';
import { currentTraceparent } from '../observability/tracing';
import type { OutboxTable } from './tables';
import type { DomainEvent, EventBus } from './types';

/**
 * Records domain events in the producer's own database, inside the caller's transaction:
 * the event exists if and only if the state change committed.
 */
export class Outbox {
  constructor(
    private readonly table: OutboxTable,
    readonly source: string,
  ) {}

  async add<P>(tx: Executor, type: string, payload: P): Promise<DomainEvent<P>> {
    const { event, row } = this.entry(type, payload);
    await tx.insert(this.table).values(row);
    return event;
  }

  /** The statement that records the event, for a caller to run within a statement of its own (a CTE). */
  insertOf<P>(tx: Executor, type: string, payload: P): SQL {
    return tx.insert(this.table).values(this.entry(type, payload).row).getSQL();
  }

  private entry<P>(type: string, payload: P) {
    const traceparent = currentTraceparent();
    const event: DomainEvent<P> = {
      id: randomUUID(),
      type,
      source: this.source,
      occurredAt: new Date().toISOString(),
      payload,
      ...(traceparent ? { traceparent } : {}),
    };
    const row = {
      id: event.id,
      type,
      payload: payload as unknown,
      occurredAt: new Date(event.occurredAt),
      traceparent: event.traceparent,
    };
    return { event, row };
  }
}

export interface OutboxRelayOptions {
  db: Db;
  table: OutboxTable;
  bus: EventBus;
  source: string;
  logger: Logger;
  batchSize?: number;
  /** How often the relay looks for rows when nobody kicks it. */
  pollIntervalMs?: number;
  /** A claimed batch is retried by any instance once this passes without it being published. */
  leaseMs?: number;
  /**
   * Published rows are kept this long after their (last) publication, then deleted; events that occurred within
   * it and that a restarted Redis lost are published again (consumers skip events they already processed).
   */
  retentionMs?: number;
  /**
   * Wait after the n-th failure in a row (default: doubling from 400 ms up to 15 s); cut short when the bus reconnects.
   */
  retryDelayMs?: (failures: number) => number;
}

/**
 * Moves committed outbox rows to the event bus. Several relays may run against one database:
 * rows are claimed with a lease (SKIP LOCKED), so each is normally published once, and at
 * least once if a relay dies mid-batch. No transaction is held while publishing.
 */
export class OutboxRelay {
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly leaseMs: number;
  private readonly retentionMs: number;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private kicked = false;
  /** The bus is reachable again: a back-off in progress ends at once. */
  private reconnected = false;
  private stopListening: (() => void) | undefined;
  private failures = 0;
  /** Compare what the bus holds with what was marked published (at start and after every reconnect). */
  private positionCheckDue = true;

  constructor(private readonly options: OutboxRelayOptions) {
    this.batchSize = options.batchSize ?? 100;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.retentionMs = options.retentionMs ?? 7 * 24 * 3600_000;
  }

  /** Published rows past the retention, for the service's retention worker (db/retention.ts) to delete. */
  retentionRule(): RetentionRule {
    const { table } = this.options;
    return { table, column: table.publishedAt, keepMs: this.retentionMs };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopListening = this.options.bus.onReconnect?.(() => {
      this.reconnected = true;
      this.positionCheckDue = true;
      this.wake?.();
    });
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.stopListening?.();
    this.wake?.();
    await this.loop;
    this.loop = undefined;
  }

  /** Asks the relay to look now (called after a transaction that wrote events commits). */
  kick(): void {
    this.kicked = true;
    this.wake?.();
  }

  /** Publishes everything that is due; returns how many events went out. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const published = await this.publishBatch();
      total += published;
      if (published < this.batchSize) return total;
    }
  }

  private async run(): Promise<void> {
    const log = this.options.logger;
    while (this.running) {
      let published = 0;
      this.kicked = false;
      this.reconnected = false;
      try {
        if (this.positionCheckDue) {
          // Not reachable now: checked again on the next round; publishing goes on meanwhile.
          this.positionCheckDue = !(await this.republishLost().then(
            () => true,
            (error) => (
              log.debug({ err: error }, 'outbox relay could not compare positions with the event bus'),
              false
            ),
          ));
        }
        published = await this.publishBatch();
        if (this.failures > 0) log.info({ afterFailures: this.failures }, 'outbox relay recovered');
        this.failures = 0;
      } catch (error) {
        this.failures++;
        const level = this.failures === 1 || this.failures % 20 === 0 ? 'warn' : 'debug';
        log[level]({ err: error, failures: this.failures }, 'outbox relay could not publish; will retry');
      }
      if (!this.running) break;
      if (published === this.batchSize && this.failures === 0) continue;
      const delay = this.failures > 0 ? this.retryDelay(this.failures) : this.pollIntervalMs;
      await this.sleep(delay, this.failures === 0);
    }
  }

  private retryDelay(failures: number): number {
    return this.options.retryDelayMs?.(failures) ?? Math.min(200 * 2 ** Math.min(failures, 7), 15_000);
  }

  private sleep(ms: number, wakeOnKick: boolean): Promise<void> {
    if ((wakeOnKick && this.kicked) || this.reconnected) return Promise.resolve();
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(finish, ms);
      this.wake = () => {
        if (!this.running || wakeOnKick || this.reconnected) finish();
      };
    });
  }

  private async publishBatch(): Promise<number> {
    const { db, table, bus, source } = this.options;
    const now = new Date();
    const due = db
      .select({ id: table.id })
      .from(table)
      .where(and(isNull(table.publishedAt), or(isNull(table.claimedUntil), lt(table.claimedUntil, now))))
      .orderBy(asc(table.seq))
      .limit(this.batchSize)
      .for('update', { skipLocked: true });
    const claimed = await db
      .update(table)
      .set({ claimedUntil: new Date(now.getTime() + this.leaseMs), attempts: sql`${table.attempts} + 1` })
      .where(inArray(table.id, due))
      .returning();
    if (claimed.length === 0) return 0;
    claimed.sort((a, b) => a.seq - b.seq);
    // What every instance of this producer has had Redis take: a Redis below it lost some (see RedisStreamBus). Only
    // for a bus that keeps positions (not the in-memory one).
    const published = bus.publishedPosition ? ((await this.highestPublished()) ?? undefined) : undefined;

    const publishedIds: string[] = [];
    try {
      for (const row of claimed) {
        await bus.publish(
          {
            id: row.id,
            type: row.type,
            source,
            occurredAt: row.occurredAt.toISOString(),
            payload: row.payload,
            ...(row.traceparent ? { traceparent: row.traceparent } : {}),
          },
          { source, seq: row.seq, published },
        );
        publishedIds.push(row.id);
      }
    } finally {
      if (publishedIds.length > 0) {
        await db.update(table).set({ publishedAt: new Date() }).where(anyOf(table.id, publishedIds));
      }
      const unpublished = claimed.filter((row) => !publishedIds.includes(row.id)).map((row) => row.id);
      if (unpublished.length > 0) {
        // Give the rows back at once so the next attempt (here or elsewhere) does not wait for the lease.
        await db
          .update(table)
          .set({ claimedUntil: null })
          .where(anyOf(table.id, unpublished))
          .catch(() => undefined);
      }
    }
    this.options.logger.debug({ count: publishedIds.length }, 'outbox events published');
    return publishedIds.length;
  }

  /**
   * A Redis that restarts from an older snapshot (or empty) has lost events this outbox marked
   * published. With every event the bus keeps, in the same script as the XADD, the highest outbox seq
   * it holds of this producer. Rows are not published in seq order (a row may commit after a later
   * seq; several relays interleave), so a Redis that kept the highest seq may still have lost lower
   * ones written after it: every row published within a lease before that survivor's publication
   * (a batch publishes within its lease) goes out again too, as do all rows after the position. An
   * empty Redis gets the whole retention window. Only events that occurred within the retention go
   * out again. Republishing is safe: an event keeps its id and consumers skip ids they have processed;
   * in the common case (nothing lost) it resends the events of the last lease before the latest
   * publication, once per start or reconnect.
   */
  async republishLost(): Promise<number> {
    const { bus, source } = this.options;
    const compared = await this.compareWithBus();
    if (compared) bus.positionCompared?.(source, compared.position);
    return compared?.republished ?? 0;
  }

  /** The highest seq this outbox holds as published (by any instance), or null when none. */
  private async highestPublished(): Promise<number | null> {
    const { db, table } = this.options;
    const [row] = await db
      .select({ seq: max(table.seq) })
      .from(table)
      .where(isNotNull(table.publishedAt));
    return row?.seq == null ? null : Number(row.seq);
  }

  /** What republishLost does: undefined when the bus keeps no positions. */
  private async compareWithBus(): Promise<{ position: number | null; republished: number } | undefined> {
    const { db, table, bus, source, logger } = this.options;
    if (!bus.publishedPosition) return undefined;
    const position = await bus.publishedPosition(source);
    const latest = await this.highestPublished();
    if (latest === null) return { position, republished: 0 };
    const behind = position === null || position < latest;

    // Only events that occurred within the retention: publishing moves published_at on, so without this bound a row
    // republished at every restart would outlive the retention and outlive the consumers' record of having applied
    // it (PROCESSED_EVENTS_RETENTION_MS); occurred_at never moves.
    let lost = and(isNotNull(table.publishedAt), gt(table.occurredAt, new Date(Date.now() - this.retentionMs)))!;
    if (position !== null) {
      const [survivor] = await db.select({ publishedAt: table.publishedAt }).from(table).where(eq(table.seq, position));
      const since = survivor?.publishedAt ? new Date(survivor.publishedAt.getTime() - this.leaseMs) : undefined;
      lost = and(lost, since ? or(gt(table.seq, position), gte(table.publishedAt, since)) : gt(table.seq, position))!;
    }
    const reset = await db
      .update(table)
      .set({ publishedAt: null, claimedUntil: null })
      .where(lost)
      .returning({ id: table.id });
    if (reset.length === 0) return { position, republished: 0 };
    const fields = { source, busPosition: position, outboxPosition: latest, republishing: reset.length };
    if (behind)
      logger.warn(
        fields,
        'the event bus came back without events it had accepted (Redis restarted from older state); publishing them again',
      );
    else
      logger.info(
        fields,
        'publishing the events of the last lease again, in case Redis lost some written after its highest position',
      );
    return { position, republished: reset.length };
  }
}
