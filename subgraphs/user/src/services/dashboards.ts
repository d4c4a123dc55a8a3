import { badInput, isUuid, pageRequest, toConnection, type Db } from '@busline/shared';
import { PassengerDashboardRepository } from '../repositories/passenger-dashboard-repository';
import {
  DashboardQueryRepository,
  type CompanyFigureRow,
  type DailyRow,
  type Window,
} from '../repositories/dashboard-query-repository';

const MAX_WINDOW_DAYS = 366;
const DAY_MS = 24 * 3600_000;
const DEFAULT_CURRENCY = 'RWF';

export const money = (amount: number, currency: string = DEFAULT_CURRENCY) => ({ amount, currency });
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

export function validateCompanyId(companyId: string): string {
  if (!isUuid(companyId)) throw badInput('companyId is not a valid id', 'companyId');
  return companyId;
}

const kigaliDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Africa/Kigali',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Every Kigali calendar day that [from, to) touches, in order. */
export function kigaliDays(w: { from: Date; to: Date }): string[] {
  const last = kigaliDay.format(new Date(w.to.getTime() - 1));
  const days: string[] = [];
  // Noon UTC of a date is that same date in Kigali (UTC+2), so stepping by whole days is safe.
  for (let day = kigaliDay.format(w.from); days.length <= MAX_WINDOW_DAYS + 1;) {
    days.push(day);
    if (day === last) break;
    day = new Date(Date.parse(`${day}T12:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
  }
  return days;
}

/** The (time, id) position of a checked `after` cursor. */
const cursorPair = (after: unknown[] | null) => (after ? ([after[0], after[1]] as [string, string]) : null);

/** Reads of the dashboards; each method is one dashboard section and runs one SQL statement. */
export class DashboardService {
  private readonly queries: DashboardQueryRepository;
  private readonly passengers: PassengerDashboardRepository;

  constructor(db: Db) {
    this.queries = new DashboardQueryRepository(db);
    this.passengers = new PassengerDashboardRepository(db);
  }

  async revenuePerDay(companyId: string, w: { from: Date; to: Date }) {
    const rows = await this.queries.companyDays(companyId, w);
    const byDay = new Map<string, DailyRow>(rows.map((row) => [row.day, row]));
    const currency = rows.find((row) => row.currency)?.currency ?? DEFAULT_CURRENCY;
    return kigaliDays(w).map((date) => {
      const row = byDay.get(date);
      return {
        date,
        revenue: money(row?.revenue ?? 0, currency),
        refunds: money(row?.refunds ?? 0, currency),
        bookings: row?.bookings ?? 0,
      };
    });
  }

  async companyTotals(companyId: string, w: Window) {
    const [row] = await this.queries.companyFigures(w, companyId);
    return figures(row ?? emptyFigures(companyId));
  }

  async tripOccupancy(companyId: string, w: Window, args: { first?: number | null; after?: string | null }) {
    const page = pageRequest(args, { defaultSize: 50, maxSize: 200, cursor: ['time', 'uuid'] });
    const rows = await this.queries.tripOccupancy(companyId, w, page.limit, cursorPair(page.after));
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
    const rows = await this.queries.routeOccupancy(companyId, w);
    return rows.map((row) => ({ ...row, occupancy: ratio(row.seatsSold, row.seatCount) }));
  }

  async segmentOccupancy(companyId: string, w: Window) {
    const rows = await this.queries.segmentOccupancy(companyId, w);
    return rows.map((row) => ({ ...row, occupancy: ratio(row.seatsSold, row.seatCount) }));
  }

  async revenueByPair(companyId: string, w: Window) {
    const rows = await this.queries.revenueByPair(companyId, w);
    return rows.map(({ revenue, currency, ...row }) => ({
      ...row,
      revenue: { amount: revenue, currency: currency ?? DEFAULT_CURRENCY },
    }));
  }

  /** Per-company figures and their sum, from one statement. */
  async platform(w: Window) {
    const rows = await this.queries.companyFigures(w);
    const companies = rows.map((row) => ({ ...figures(row), company: { id: row.companyId }, companyName: row.name }));
    const sum = (key: 'revenue' | 'refunds' | 'bookings' | 'cancellations' | 'seatsSold') =>
      rows.reduce((total, row) => total + row[key], 0);
    const currency = rows.find((row) => row.revenue > 0 || row.refunds > 0)?.currency ?? DEFAULT_CURRENCY;
    const totals = figures({
      ...emptyFigures(''),
      revenue: sum('revenue'),
      refunds: sum('refunds'),
      bookings: sum('bookings'),
      cancellations: sum('cancellations'),
      seatsSold: sum('seatsSold'),
      currency,
    });
    return { companies, totals };
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
    return { totalSpent: money(summary.revenue - summary.refunds, summary.currency), bookingsCount: summary.bookings };
  }
}

function emptyFigures(companyId: string): CompanyFigureRow {
  return {
    companyId,
    name: null,
    revenue: 0,
    refunds: 0,
    bookings: 0,
    cancellations: 0,
    seatsSold: 0,
    currency: DEFAULT_CURRENCY,
  };
}

function figures(row: CompanyFigureRow) {
  return {
    revenue: money(row.revenue, row.currency),
    refunds: money(row.refunds, row.currency),
    netRevenue: money(row.revenue - row.refunds, row.currency),
    bookings: row.bookings,
    cancellations: row.cancellations,
    seatsSold: row.seatsSold,
  };
}

function passengerTrip<T extends { bookingId: string; tripId: string }>(row: T) {
  return { ...row, booking: { id: row.bookingId }, trip: { id: row.tripId } };
}
