import { AppError, ErrorCode, EventTypes, type UnitOfWork } from '@busline/shared';
import type { TripRow, TripStatus } from '../db/schema';
import { pairFares } from '../domain/fares';
import { refundPolicyPayload, type RefundTier } from '../domain/refund-policy';
import { seatsOf, type Seat } from '../domain/seat-layout';
import { DEFAULT_TIME_ZONE } from '../domain/zoned-time';
import { companyScope, type CompanyScope } from '../domain/scope';
import type { Repositories } from '../repositories';
import type { UpcomingBy } from '../repositories/trip-repository';
import type { ServiceDeps } from './service-deps';

/** The full trip state other domains keep a copy of (docs/events.md, TripSnapshot). */
export interface TripSnapshot {
  tripId: string;
  companyId: string;
  routeId: string;
  busId: string;
  driverId: string | null;
  /** The assigned driver's Busline account: the one driver whose scans board its passengers (null: none linked). */
  driverUserId: string | null;
  version: number;
  status: TripStatus;
  departureAt: string;
  arrivalAt: string;
  price: { amount: number; currency: string };
  stops: { stationId: string; code: string; name: string; city: string; order: number; minutesFromDeparture: number }[];
  seats: Seat[];
  refundPolicy: { tiers: RefundTier[] };
  /** Every pair of stops with its fare (docs/segments.md). */
  fares: { boardingStop: number; alightingStop: number; price: { amount: number; currency: string } }[];
  /** IANA time zone of the company: the trip's local dates and times are in it. */
  timeZone: string;
}

/**
 * Snapshots of several trips with one query per related table (routes' stops, stations, buses,
 * companies), read in the caller's transaction so they match what commits.
 */
export async function buildSnapshots(repos: Repositories, rows: TripRow[]): Promise<TripSnapshot[]> {
  const unique = <T>(values: T[]) => [...new Set(values)];
  const stops = await repos.routes.stopsOf(unique(rows.map((t) => t.routeId)));
  // One after the other: a transaction's connection runs one query at a time.
  const stations = await repos.stations.findByIds(unique(stops.map((s) => s.stationId)));
  const buses = await repos.buses.findByIds('all', unique(rows.map((t) => t.busId)));
  const companies = await repos.companies.findByIds(unique(rows.map((t) => t.companyId)));
  const assigned = unique(rows.map((t) => t.driverId).filter((id): id is string => id !== null));
  const driverById = new Map((await repos.drivers.findByIds('all', assigned)).map((d) => [d.id, d]));
  const setFares = await repos.fares.ofRoutes(unique(rows.map((t) => t.routeId)));
  const stationById = new Map(stations.map((s) => [s.id, s]));
  const seatsByBus = new Map(buses.map((b) => [b.id, seatsOf(b.seatLayout)]));
  const companyById = new Map(companies.map((c) => [c.id, c]));
  return rows.map((trip) => {
    const routeStops = stops.filter((s) => s.routeId === trip.routeId);
    const price = { amount: trip.priceAmount, currency: trip.priceCurrency };
    const fares = pairFares(
      routeStops,
      price,
      setFares.filter((f) => f.routeId === trip.routeId),
    );
    return {
      tripId: trip.id,
      companyId: trip.companyId,
      routeId: trip.routeId,
      busId: trip.busId,
      driverId: trip.driverId,
      driverUserId: (trip.driverId && driverById.get(trip.driverId)?.userId) ?? null,
      version: trip.version,
      status: trip.status,
      departureAt: trip.departureAt.toISOString(),
      arrivalAt: trip.arrivalAt.toISOString(),
      price: { amount: trip.priceAmount, currency: trip.priceCurrency },
      stops: routeStops.map((s) => {
        const station = stationById.get(s.stationId)!;
        return {
          stationId: s.stationId,
          code: station.code,
          name: station.name,
          city: station.city,
          order: s.position,
          minutesFromDeparture: s.minutesFromDeparture,
        };
      }),
      seats: seatsByBus.get(trip.busId) ?? [],
      refundPolicy: refundPolicyPayload(companyById.get(trip.companyId)?.refundTiers ?? []),
      fares: fares.map((f) => ({
        boardingStop: f.boardingStop,
        alightingStop: f.alightingStop,
        price: { amount: f.amount, currency: f.currency },
      })),
      timeZone: companyById.get(trip.companyId)?.timeZone ?? DEFAULT_TIME_ZONE,
    };
  });
}

/** Emits `type` with the snapshot of every trip, in the unit of work that changed them. */
export async function emitSnapshots(
  uow: UnitOfWork,
  repos: Repositories,
  type: typeof EventTypes.TripScheduled | typeof EventTypes.TripUpdated,
  rows: TripRow[],
) {
  if (rows.length === 0) return;
  for (const snapshot of await buildSnapshots(repos, rows)) await uow.emit(type, snapshot);
}

/** Upcoming trips one company's edits may send again in an hour (TRIP_RESENDS_PER_COMPANY_HOUR). */
export const DEFAULT_TRIP_RESENDS_PER_HOUR = 5000;

/** What re-sending trips needs: the clock and the hourly bound per company. */
export type ResendDeps = Pick<ServiceDeps, 'now' | 'tripResendsPerHour'>;

/**
 * After a bus layout, route stops, route fares or the company's time zone change, future scheduled trips
 * get a new version and a `trip.updated` event so the other subgraphs' copies (seats, stops, local dates) follow.
 */
export async function refreshUpcomingTrips(
  uow: UnitOfWork,
  repos: Repositories,
  by: UpcomingBy,
  deps: ResendDeps,
  scope: CompanyScope,
) {
  await resendTrips(uow, repos, await lockUpcomingTrips(repos, by, deps.now()), deps, scope);
}

/**
 * Locks the upcoming trips `by` names (with `underWay`, those boarding or on the road too), in the order every edit
 * locks in: their buses, then their drivers (each by id), then the trips by departure. updateBus holds a bus while it
 * locks that bus's trips: taking trips first (route by route, say) while another edit does that deadlocked one of them.
 */
export async function lockUpcomingTrips(
  repos: Repositories,
  by: UpcomingBy,
  now: Date,
  { underWay = false } = {},
): Promise<TripRow[]> {
  const seen = await repos.trips.upcomingUsing(by, now, false, underWay);
  if (seen.length === 0) return [];
  const companyOf = new Map<string, string>();
  for (const trip of seen) {
    companyOf.set(trip.busId, trip.companyId);
    if (trip.driverId) companyOf.set(trip.driverId, trip.companyId);
  }
  const busIds = new Set(seen.map((trip) => trip.busId));
  for (const busId of [...busIds].sort()) await repos.buses.lock(companyScope(companyOf.get(busId)!), busId);
  const driverIds = new Set(seen.flatMap((trip) => (trip.driverId === null ? [] : [trip.driverId])));
  for (const driverId of [...driverIds].sort())
    await repos.drivers.lock(companyScope(companyOf.get(driverId)!), driverId);
  const locked = await repos.trips.upcomingUsing(by, now, true, underWay);
  // A trip moved to another bus or driver (or scheduled) between the two reads: locking that bus or driver now, with
  // the trips held, would break the order (an edit of that bus holds it and waits for the trip). Refused whole
  // instead; asked again, the edit locks what the trips use then.
  if (locked.some((trip) => !busIds.has(trip.busId) || (trip.driverId !== null && !driverIds.has(trip.driverId))))
    throw new AppError(ErrorCode.UNAVAILABLE, 'Trips of this change were moved meanwhile; nothing was changed, retry', {
      retryAfterSeconds: 1,
    });
  return locked;
}

/**
 * Counts `trips` full snapshots a company's own action is about to send (new trips, or upcoming ones sent again)
 * against its hourly bound, before anything of it is written: once the hour's count has reached the bound, the action
 * is refused (RATE_LIMITED) and nothing of it is written. Every snapshot is a full trip (up to 780 fares and 150 seats)
 * to four consumers: a company's fares edit or timetable repeated in a loop filled Redis and the consumers for every
 * tenant. Counted before the action: one larger than the bound still goes through in an hour of its own. A platform
 * admin's actions (a shared station, a company's time zone) are not counted.
 */
export async function countSnapshots(repos: Repositories, deps: ResendDeps, scope: CompanyScope, trips: number) {
  if (scope === 'all' || trips === 0) return;
  const now = deps.now();
  const hour = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);
  const total = await repos.trips.countResends(scope.companyId, hour, trips);
  if (total - trips >= deps.tripResendsPerHour) {
    const retryAfterSeconds = Math.max(1, Math.ceil((hour.getTime() + 3_600_000 - now.getTime()) / 1000));
    throw new AppError(
      ErrorCode.RATE_LIMITED,
      `The company's timetables and changes have sent ${deps.tripResendsPerHour} trips to the other services this ` +
        'hour, the most allowed; try again later',
      { retryAfterSeconds, max: deps.tripResendsPerHour },
    );
  }
}

/** Gives each trip (locked by the caller) a new version and sends its `trip.updated`, counted by countSnapshots. */
export async function resendTrips(
  uow: UnitOfWork,
  repos: Repositories,
  locked: TripRow[],
  deps: ResendDeps,
  scope: CompanyScope,
) {
  if (locked.length === 0) return;
  // Only its own trips: a company admin's edits reach no other company's.
  if (scope !== 'all')
    await countSnapshots(repos, deps, scope, locked.filter((t) => t.companyId === scope.companyId).length);
  const bumped: TripRow[] = [];
  for (const trip of locked) bumped.push(await repos.trips.update(trip.id, {}));
  await emitSnapshots(uow, repos, EventTypes.TripUpdated, bumped);
}
