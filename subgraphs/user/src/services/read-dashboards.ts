// Reading the dashboards: one aggregate statement per section, money per currency, days in the company's zone.
import {
  AppError,
  badInput,
  ErrorCode,
  isUuid,
  MONEY_AMOUNT_MAX,
  pageRequest,
  toConnection,
  type Db,
} from '@busline/shared';
import { KeyedLimiter } from './keyed-limiter';
import { PassengerDashboardRepository } from '../repositories/passenger-dashboard-repository';
import {
  DashboardQueryRepository,
  type CompanyFigureRow,
  type MoneyFigures,
  type Window,
} from '../repositories/dashboard-query-repository';

const MAX_WINDOW_DAYS = 366;
const DAY_MS = 24 * 3600_000;
/** The single Money figures' currency when nothing tells another (the platform started in Rwanda). */
const DEFAULT_CURRENCY = 'RWF';
const CHANNELS = ['ONLINE', 'COUNTER'] as const;

/**
 * A dashboard figure as Money. A sum past what Money.amount holds is refused with what to do (a shorter window),
 * not left to GraphQL's serializer, which answered "Unexpected error" for the whole dashboard.
 */
export function money(amount: number, currency: string = DEFAULT_CURRENCY) {
  if (Math.abs(amount) > MONEY_AMOUNT_MAX) {
    throw new AppError(
      ErrorCode.BAD_USER_INPUT,
      `A total of this window (${amount} minor units of ${currency}) is more than Money.amount can hold; ` +
        'ask for a shorter window',
      { field: 'from', reason: 'AMOUNT_TOO_LARGE' },
    );
  }
  return { amount, currency };
}
export const ratio = (sold: number, seats: number) => (seats > 0 ? Math.min(1, sold / seats) : 0);

/** A window of at most 366 days with from < to; both or neither for optional windows. */
export function validateWindow(from: Date | null | undefined, to: Date | null | undefined, required: boolean): Window {
  if (!from && !to && !required) return { from: null, to: null };
  if (!from || !to) throw badInput('Give both from and to', from ? 'to' : 'from');
  if (from.getTime() >= to.getTime()) throw badInput('from must be before to', 'from');
  if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * DAY_MS)
    throw badInput(`The window may span at most ${MAX_WINDOW_DAYS} days`, 'to');
  return { from, to };
}

/**
 * The company's id in the one spelling the statement limiter and the in-flight sharing key by: a uuid's letters in
 * any case name one company to Postgres, and were each a company of its own to the limiter.
 */
export function validateCompanyId(companyId: string): string {
  if (!isUuid(companyId)) throw badInput('companyId is not a valid id', 'companyId');
  return companyId.toLowerCase();
}

/** One currency's money: what came in, what went back, and the difference. */
export function currencyRevenue(f: MoneyFigures) {
  return {
    currency: f.currency,
    revenue: money(f.revenue, f.currency),
    refunds: money(f.refunds, f.currency),
    netRevenue: money(f.revenue - f.refunds, f.currency),
  };
}

/**
 * Adds up figures per currency, never across currencies: one entry per currency that had money
 * (rows without a currency or without money are left out), by currency code.
 */
export function perCurrency(rows: readonly { currency: string | null; revenue: number; refunds: number }[]) {
  const sums = new Map<string, MoneyFigures>();
  for (const row of rows) {
    if (!row.currency || (row.revenue === 0 && row.refunds === 0)) continue;
    const sum = sums.get(row.currency) ?? { currency: row.currency, revenue: 0, refunds: 0 };
    sum.revenue += row.revenue;
    sum.refunds += row.refunds;
    sums.set(row.currency, sum);
  }
  return [...sums.values()].sort((a, b) => a.currency.localeCompare(b.currency)).map(currencyRevenue);
}

/**
 * The currency of the single Money figures: `preferred` (the company's own) when known, else the one
 * currency the money is in, else RWF. Money in any other currency is only in the per-currency lists.
 */
export function singleCurrency(preferred: string | null, byCurrency: readonly { currency: string }[]): string {
  if (preferred) return preferred;
  return byCurrency.length === 1 ? byCurrency[0]!.currency : DEFAULT_CURRENCY;
}

/** Revenue, refunds and net revenue in `currency` alone, with every currency beside them. */
function moneyFigures(byCurrency: ReturnType<typeof perCurrency>, currency: string) {
  const own = byCurrency.find((entry) => entry.currency === currency);
  return {
    revenue: own?.revenue ?? money(0, currency),
    refunds: own?.refunds ?? money(0, currency),
    netRevenue: own?.netRevenue ?? money(0, currency),
    byCurrency,
  };
}

const countSum = <K extends string>(rows: readonly Record<K, number>[], key: K) =>
  rows.reduce((total, row) => total + row[key], 0);

/** The (time, id) position of a checked `after` cursor. */
const cursorPair = (after: unknown[] | null) => (after ? ([after[0], after[1]] as [string, string]) : null);

/**
 * Dashboard statements of one company (or of the platform dashboard) that run at once in this process, however many
 * sections and aliases its requests ask for: the pool's other connections stay for everyone else (one admin's request
 * of 25 aliased sections held all ten, and a passenger's one-row read waited seconds).
 */
export const DASHBOARD_STATEMENTS_PER_COMPANY = 2;

/**
 * Dashboard statements of one company waiting for their turn, at most: past it RATE_LIMITED. Nothing cancels a
 * statement whose client has gone, so requests abandoned in a loop (each of up to 30 aliased sections) piled up
 * statements without end and kept the company's connections busy long after anyone asked.
 */
export const DASHBOARD_WAITING_PER_COMPANY = 60;

/** Reads of the dashboards; each method is one dashboard section and runs one SQL statement. */
export class DashboardReads {
  private readonly queries: DashboardQueryRepository;
  private readonly passengers: PassengerDashboardRepository;
  private readonly limiter = new KeyedLimiter(
    DASHBOARD_STATEMENTS_PER_COMPANY,
    DASHBOARD_WAITING_PER_COMPANY,
    () =>
      new AppError(ErrorCode.RATE_LIMITED, "Too many of this company's figures are being read; try again shortly", {
        retryAfterSeconds: 5,
      }),
  );
  /** Statements running now, by company, statement and arguments (inTurn). */
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(db: Db) {
    this.queries = new DashboardQueryRepository(db);
    this.passengers = new PassengerDashboardRepository(db);
  }

  /**
   * Runs one company's statement in its turn (see DASHBOARD_STATEMENTS_PER_COMPANY). The same statement with the
   * same arguments asked for while it runs (aliases of one section, or another admin of the company on the same
   * window) waits for that run's rows instead of running again: one read, nothing kept after it.
   */
  private inTurn<T>(companyId: string, name: string, args: unknown, statement: () => Promise<T>): Promise<T> {
    const key = JSON.stringify([companyId, name, args]);
    const running = this.inFlight.get(key);
    if (running) return running as Promise<T>;
    const run = this.limiter.run(companyId, statement).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, run);
    return run;
  }

  /** One entry per local day of the company's time zone, money per currency. */
  async revenuePerDay(companyId: string, w: { from: Date; to: Date }) {
    const rows = await this.inTurn(companyId, 'days', w, () => this.queries.companyDays(companyId, w));
    const days = new Map<string, typeof rows>();
    for (const row of rows) days.set(row.day, [...(days.get(row.day) ?? []), row]);
    const all = perCurrency(rows);
    const currency = singleCurrency(rows[0]?.companyCurrency ?? null, all);
    return [...days].map(([date, dayRows]) => ({
      date,
      ...moneyFigures(perCurrency(dayRows), currency),
      bookings: countSum(dayRows, 'bookings'),
    }));
  }

  /** The zone the company's days are counted in. */
  async timeZone(companyId: string) {
    return this.inTurn(companyId, 'zone', null, () => this.queries.companyTimeZone(companyId));
  }

  async companyTotals(companyId: string, w: Window) {
    return companyFigures(await this.inTurn(companyId, 'totals', w, () => this.queries.companyFigures(w, companyId)));
  }

  /** Sales by channel (both channels always, ONLINE first), money per currency. */
  async salesByChannel(companyId: string, w: { from: Date; to: Date }) {
    const rows = await this.inTurn(companyId, 'channels', w, () => this.queries.channelSales(companyId, w));
    return CHANNELS.map((channel) => {
      const of = rows.filter((row) => row.channel === channel);
      return {
        channel,
        bookings: countSum(of, 'bookings'),
        cancellations: countSum(of, 'cancellations'),
        seatsSold: countSum(of, 'seatsSold'),
        byCurrency: perCurrency(of),
      };
    });
  }

  async tripOccupancy(companyId: string, w: Window, args: { first?: number | null; after?: string | null }) {
    const page = pageRequest(args, { defaultSize: 50, maxSize: 200, cursor: ['time', 'uuid'] });
    const after = cursorPair(page.after);
    const rows = await this.inTurn(companyId, 'trips', [w, page.limit, after], () =>
      this.queries.tripOccupancy(companyId, w, page.limit, after),
    );
    const connection = toConnection(rows, page, (row) => [row.departureAt.toISOString(), row.tripId]);
    return {
      ...connection,
      edges: connection.edges.map(({ cursor, node }) => ({
        cursor,
        node: { ...node, trip: { id: node.tripId }, occupancy: ratio(node.seatsSold, node.seatCount) },
      })),
    };
  }

  async routeOccupancy(companyId: string, w: Window) {
    const rows = await this.inTurn(companyId, 'routes', w, () => this.queries.routeOccupancy(companyId, w));
    return rows.map((row) => ({ ...row, occupancy: ratio(row.seatsSold, row.seatCount) }));
  }

  async segmentOccupancy(companyId: string, w: Window) {
    const rows = await this.inTurn(companyId, 'segments', w, () => this.queries.segmentOccupancy(companyId, w));
    return rows.map((row) => ({ ...row, occupancy: ratio(row.seatsSold, row.seatCount) }));
  }

  async revenueByPair(companyId: string, w: Window) {
    const rows = await this.inTurn(companyId, 'pairs', w, () => this.queries.revenueByPair(companyId, w));
    return rows.map(({ revenue, currency, ...row }) => ({
      ...row,
      revenue: money(revenue, currency ?? DEFAULT_CURRENCY),
    }));
  }

  /** Per-company figures and their sums per currency, from one statement. */
  async platform(w: Window) {
    const rows = await this.inTurn('platform', 'companies', w, () => this.queries.companyFigures(w));
    const byCompany = new Map<string, CompanyFigureRow[]>();
    for (const row of rows) byCompany.set(row.companyId, [...(byCompany.get(row.companyId) ?? []), row]);
    const companies = [...byCompany.values()]
      .map((of) => ({ ...companyFigures(of), company: { id: of[0]!.companyId }, companyName: of[0]!.name }))
      .sort(
        (a, b) =>
          b.revenue.amount - a.revenue.amount ||
          (a.companyName ?? '').localeCompare(b.companyName ?? '') ||
          a.company.id.localeCompare(b.company.id),
      );
    const byCurrency = perCurrency(rows);
    return {
      companies,
      totals: {
        ...moneyFigures(byCurrency, singleCurrency(null, byCurrency)),
        bookings: countSum(rows, 'bookings'),
        cancellations: countSum(rows, 'cancellations'),
        seatsSold: countSum(rows, 'seatsSold'),
      },
    };
  }

  async upcomingTrips(userId: string, now = new Date()) {
    return (await this.passengers.upcomingTrips(userId, now)).map(passengerTrip);
  }

  async pastTrips(userId: string, args: { first?: number | null; after?: string | null }, now = new Date()) {
    const page = pageRequest(args, { defaultSize: 20, maxSize: 100, cursor: ['time', 'uuid'] });
    const rows = await this.passengers.pastTrips(userId, now, page.limit, cursorPair(page.after));
    const connection = toConnection(rows, page, (row) => [row.departureAt.toISOString(), row.bookingId]);
    return {
      ...connection,
      edges: connection.edges.map(({ cursor, node }) => ({ cursor, node: passengerTrip(node) })),
    };
  }

  async passengerSummary(userId: string) {
    const summary = await this.passengers.passengerSummary(userId);
    const spent = summary.byCurrency.map((f) => money(f.revenue - f.refunds, f.currency));
    const currency = summary.latestCurrency ?? singleCurrency(null, summary.byCurrency);
    return {
      totalSpent: spent.find((m) => m.currency === currency) ?? money(0, currency),
      totalSpentByCurrency: spent,
      bookingsCount: summary.bookings,
    };
  }
}

/** One company's figures from its rows (one per currency): counts added up, money per currency. */
function companyFigures(rows: readonly CompanyFigureRow[]) {
  const byCurrency = perCurrency(rows);
  return {
    ...moneyFigures(byCurrency, singleCurrency(rows[0]?.companyCurrency ?? null, byCurrency)),
    bookings: countSum(rows, 'bookings'),
    cancellations: countSum(rows, 'cancellations'),
    seatsSold: countSum(rows, 'seatsSold'),
  };
}

function passengerTrip<T extends { bookingId: string; tripId: string }>(row: T) {
  return { ...row, booking: { id: row.bookingId }, trip: { id: row.tripId } };
}
