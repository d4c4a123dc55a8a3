import pg from 'pg';

const SUBGRAPHS = ['auth', 'user', 'company', 'ticketing', 'qr', 'payment'] as const;

/** What must hold after any fault, read straight from the services' databases. */
export interface Invariants {
  /** Payments SUCCEEDED whose booking is not CONFIRMED (money taken, no ticket). */
  moneyWithoutTicket: number;
  /** Seats held or sold by more than one booking. */
  doubleSold: number;
  /** Holds past their expiry still holding seats, payments PENDING past `pendingPaymentMs`, refunds PENDING. */
  stuck: number;
  /** Outbox rows never published, CONFIRMED bookings without a pass per ticket, payments ticketing never heard of. */
  lostEvents: number;
  /** Bookings of the passenger the workload was never told about. */
  ghostHolds: number;
  /** The ghost holds, for the report of a failure. */
  ghosts: { id: string; status: string; createdAt: string }[];
  /** What broke an invariant, for the report of a failure. */
  details: Record<string, unknown[]>;
  bookings: Record<string, number>;
}

export class PlatformDatabases {
  private readonly pools = new Map<string, pg.Pool>();

  constructor(postgresUrl: string, prefix = 'faults_') {
    for (const name of SUBGRAPHS) {
      const url = new URL(postgresUrl);
      url.pathname = `/${prefix}${name}`;
      const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
      pool.on('error', () => undefined);
      this.pools.set(name, pool);
    }
  }

  async query<T = Record<string, unknown>>(subgraph: string, text: string, values: unknown[] = []): Promise<T[]> {
    return (await this.pools.get(subgraph)!.query(text, values)).rows as T[];
  }

  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map((pool) => pool.end()));
  }

  /** Unpublished outbox rows, all services. */
  async unpublished(): Promise<number> {
    let total = 0;
    for (const name of SUBGRAPHS)
      total += Number(
        (
          await this.query<{ n: string }>(name, `select count(*) as n from "${name}".outbox where published_at is null`)
        )[0]!.n,
      );
    return total;
  }

  /** Checks everything the databases hold (each fault must leave the whole history sound). */
  async check(options: { userId: string; knownBookings: Set<string>; pendingPaymentMs?: number }): Promise<Invariants> {
    const bookings = await this.query<{
      id: string;
      status: string;
      user_id: string;
      expires_at: Date | null;
      created_at: Date;
    }>('ticketing', 'select id, status, user_id, expires_at, created_at from ticketing.bookings');
    const byId = new Map(bookings.map((b) => [b.id, b]));
    const payments = await this.query<{ id: string; booking_id: string; status: string; created_at: Date }>(
      'payment',
      'select id, booking_id, status, created_at from payment.payments',
    );
    const unpaid = payments.filter((p) => p.status === 'SUCCEEDED' && byId.get(p.booking_id)?.status !== 'CONFIRMED');
    const moneyWithoutTicket = unpaid.length;

    const doubleSold = (
      await this.query(
        'ticketing',
        `select trip_id, seat_label from ticketing.tickets where status in ('HELD', 'CONFIRMED', 'BOARDED') group by 1, 2 having count(*) > 1`,
      )
    ).length;

    const now = Date.now();
    const pendingPaymentMs = options.pendingPaymentMs ?? 120_000;
    const stuckHolds = bookings.filter(
      (b) =>
        (b.status === 'HELD' || b.status === 'PENDING_PAYMENT') &&
        b.expires_at &&
        b.expires_at.getTime() < now - 30_000,
    );
    const stuckPayments = payments.filter(
      (p) => p.status === 'PENDING' && p.created_at.getTime() < now - pendingPaymentMs,
    );
    const stuckRefunds = await this.query<{ id: string; payment_id: string; status: string }>(
      'payment',
      `select id, payment_id, status from payment.refunds where status <> 'SUCCEEDED'`,
    );

    const confirmed = bookings.filter((b) => b.status === 'CONFIRMED').map((b) => b.id);
    const ticketsOf = await this.query<{ booking_id: string; n: string }>(
      'ticketing',
      'select booking_id, count(*) as n from ticketing.tickets where booking_id = any($1) group by 1',
      [confirmed],
    );
    const passesOf = new Map(
      (
        await this.query<{ booking_id: string; n: string }>(
          'qr',
          `select booking_id, count(*) as n from qr.boarding_passes where booking_id = any($1) and status <> 'REVOKED' group by 1`,
          [confirmed],
        )
      ).map((r) => [r.booking_id, Number(r.n)]),
    );
    const withoutPasses = ticketsOf.filter((t) => (passesOf.get(t.booking_id) ?? 0) < Number(t.n));
    const unheardPayments = payments.filter((p) => !byId.has(p.booking_id));
    const unpublished = await this.unpublished();
    const lostEvents = unpublished + withoutPasses.length + unheardPayments.length;
    const details = {
      moneyWithoutTicket: unpaid.map((p) => ({
        payment: p.id,
        booking: p.booking_id,
        bookingStatus: byId.get(p.booking_id)?.status ?? 'UNKNOWN',
      })),
      withoutPasses: withoutPasses.map((t) => t.booking_id),
      unheardPayments: unheardPayments.map((p) => ({ payment: p.id, booking: p.booking_id, status: p.status })),
      unpublished: unpublished > 0 ? [unpublished] : [],
      stuckHolds: stuckHolds.map((b) => ({ booking: b.id, status: b.status, expiresAt: b.expires_at })),
      stuckPayments: stuckPayments.map((p) => ({ payment: p.id, booking: p.booking_id, createdAt: p.created_at })),
      stuckRefunds,
    };

    const ghosts = bookings.filter((b) => b.user_id === options.userId && !options.knownBookings.has(b.id));
    const ghostHolds = ghosts.length;
    const counts: Record<string, number> = {};
    for (const b of bookings) counts[b.status] = (counts[b.status] ?? 0) + 1;
    return {
      moneyWithoutTicket,
      doubleSold,
      stuck: stuckHolds.length + stuckPayments.length + stuckRefunds.length,
      lostEvents,
      ghostHolds,
      ghosts: ghosts.map((b) => ({ id: b.id, status: b.status, createdAt: b.created_at.toISOString() })),
      details,
      bookings: counts,
    };
  }
}
