import { isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import type { ConsumerStats } from '../events/consumer-stats';
import type { OutboxTable } from '../events/tables';
import type { EventBus } from '../events/types';
import type { Logger } from '../logger';
import { Counter, Gauge, registerOnce, type Registry } from './metrics';

/** Reads a figure at most once per scrape, however many gauges show parts of it. */
function perScrape<T>(read: () => Promise<T>): () => Promise<T> {
  let last: { at: number; value: Promise<T> } | undefined;
  return () => {
    if (!last || Date.now() - last.at > 1000) last = { at: Date.now(), value: read() };
    return last.value;
  };
}

/** Outbox rows not yet published, and the age of the oldest: a relay that is stuck shows here first. */
export function registerOutboxMetrics(registry: Registry, db: Db, table: OutboxTable, logger: Logger): void {
  const read = perScrape(async () => {
    const [row] = await db
      .select({ count: sql<number>`count(*)::int`, oldest: sql<string | null>`min(${table.occurredAt})` })
      .from(table)
      .where(isNull(table.publishedAt));
    return {
      count: Number(row?.count ?? 0),
      ageSeconds: row?.oldest ? Math.max(0, (Date.now() - new Date(row.oldest).getTime()) / 1000) : 0,
    };
  });
  const safely = async (gauge: Gauge, pick: (figures: { count: number; ageSeconds: number }) => number) => {
    try {
      gauge.set(pick(await read()));
    } catch (error) {
      // The database is away: no figure rather than a stale one (the readiness check says why).
      gauge.reset();
      logger.debug({ err: error }, 'outbox metrics unavailable');
    }
  };
  new Gauge({
    name: 'busline_outbox_backlog',
    help: 'Domain events committed to the outbox and not yet published to the bus',
    registers: [registry],
    async collect() {
      await safely(this, (f) => f.count);
    },
  });
  new Gauge({
    name: 'busline_outbox_oldest_age_seconds',
    help: 'Age of the oldest unpublished outbox event (0 when none)',
    registers: [registry],
    async collect() {
      await safely(this, (f) => f.ageSeconds);
    },
  });
}

type StatsBus = EventBus & { consumerStats(group: string, types: readonly string[]): Promise<ConsumerStats> };

/** Consumer lag and pending entries per stream, and dead-lettered events, read from Redis at scrape time. */
export function registerConsumerMetrics(
  registry: Registry,
  bus: EventBus,
  group: string,
  types: readonly string[],
  logger: Logger,
): void {
  if (!('consumerStats' in bus) || typeof bus.consumerStats !== 'function') return;
  const read = perScrape(() => (bus as StatsBus).consumerStats(group, types));
  const safely = async (gauge: Gauge, fill: (stats: ConsumerStats) => void) => {
    gauge.reset();
    try {
      fill(await read());
    } catch (error) {
      logger.debug({ err: error }, 'event consumer metrics unavailable');
    }
  };
  new Gauge({
    name: 'busline_event_consumer_lag',
    help: "Events on a stream not yet read by this service's consumer group",
    labelNames: ['stream'],
    registers: [registry],
    async collect() {
      await safely(this, (stats) =>
        stats.streams.forEach((s) => s.lag !== null && this.set({ stream: s.type }, s.lag)),
      );
    },
  });
  new Gauge({
    name: 'busline_event_consumer_pending',
    help: "Events read by this service's consumer group and not acknowledged yet (in hand or waiting for a retry)",
    labelNames: ['stream'],
    registers: [registry],
    async collect() {
      await safely(this, (stats) => stats.streams.forEach((s) => this.set({ stream: s.type }, s.pending)));
    },
  });
  new Gauge({
    name: 'busline_event_dead_letters',
    help: "Events in this service's dead-letter stream, waiting for an operator (npm run events -- dead-letters)",
    registers: [registry],
    async collect() {
      await safely(this, (stats) => this.set(stats.deadLetters));
    },
  });
}

/** Domain counters, moved by the events a service commits (counted after the commit, never for a rollback). */
export class DomainCounters {
  readonly events = new Counter({
    name: 'busline_domain_events_total',
    help: 'Domain events committed, by type',
    labelNames: ['type'],
    registers: [],
  });
  readonly bookings = new Counter({
    name: 'busline_bookings_total',
    help: 'Booking transitions committed: held, confirmed, cancelled, expired',
    labelNames: ['status'],
    registers: [],
  });
  readonly payments = new Counter({
    name: 'busline_payments_total',
    help: 'Payments: started (a push request sent), succeeded, failed',
    labelNames: ['status'],
    registers: [],
  });
  readonly refunds = new Counter({
    name: 'busline_refunds_total',
    help: 'Refunds paid back to the payer',
    registers: [],
  });
  readonly boardings = new Counter({
    name: 'busline_boardings_total',
    help: 'Tickets boarded (first valid scan)',
    registers: [],
  });

  committed(type: string): void {
    this.events.inc({ type });
    const [domain, what] = type.split('.', 2) as [string, string | undefined];
    if (domain === 'booking' && what) this.bookings.inc({ status: what });
    else if (type === 'payment.started' || type === 'payment.succeeded' || type === 'payment.failed')
      this.payments.inc({ status: what! });
    else if (type === 'payment.refunded') this.refunds.inc();
    else if (type === 'ticket.boarded') this.boardings.inc();
  }

  register(registry: Registry): void {
    registerOnce(registry, this.events, this.bookings, this.payments, this.refunds, this.boardings);
  }
}
