import DataLoader from 'dataloader';
import { groupLoader, rowLoader, type BaseContext, type Db } from '@busline/shared';
import type { BookingRow, TicketRow, TripRow, TripStopRow } from './db/schema';
import { BookingRepository, type TicketWithOwner } from './repositories/booking-repository';
import { TripRepository, type SeatWithTicket, type Segment } from './repositories/trip-repository';
import type { Services } from './services';

/** Per-request state of the ticketing subgraph; loaders make one query per type per request. */
export interface TicketingContext extends BaseContext {
  services: Services;
  bookings: BookingRepository;
  trips: TripRepository;
  bookingById: DataLoader<string, BookingRow | null>;
  ticketById: DataLoader<string, TicketWithOwner | null>;
  ticketsByBookingId: DataLoader<string, TicketRow[]>;
  /** Free seats of a trip over a segment (null ends: the whole trip). */
  availableSeatsByTripId: DataLoader<SegmentKey, number, string>;
  seatMapByTripId: DataLoader<SegmentKey, SeatWithTicket[], string>;
  tripById: DataLoader<string, TripRow | null>;
  stopsByTripId: DataLoader<string, TripStopRow[]>;
  /** Forgets cached rows (a subscription re-reads state on every update). */
  clearLoaders(): void;
}

/** A trip and the stretch of it asked about. */
export interface SegmentKey extends Segment {
  tripId: string;
}

const segmentCacheKey = (k: SegmentKey) => `${k.tripId}:${k.boardingStop ?? ''}:${k.alightingStop ?? ''}`;

/** Runs `load` once per distinct segment among `keys` (a request rarely asks about more than one). */
async function bySegment<V>(
  keys: readonly SegmentKey[],
  load: (tripIds: string[], segment: Segment) => Promise<Map<string, V>>,
  missing: V,
): Promise<V[]> {
  const groups = new Map<string, { segment: Segment; tripIds: string[] }>();
  for (const key of keys) {
    const id = `${key.boardingStop ?? ''}:${key.alightingStop ?? ''}`;
    const group = groups.get(id) ?? {
      segment: { boardingStop: key.boardingStop, alightingStop: key.alightingStop },
      tripIds: [],
    };
    group.tripIds.push(key.tripId);
    groups.set(id, group);
  }
  const results = new Map<string, V>();
  for (const { segment, tripIds } of groups.values()) {
    for (const [tripId, value] of await load(tripIds, segment))
      results.set(segmentCacheKey({ tripId, ...segment }), value);
  }
  return keys.map((key) => results.get(segmentCacheKey(key)) ?? missing);
}

export function buildContext(base: BaseContext, db: Db, services: Services): TicketingContext {
  const bookings = new BookingRepository(db);
  const trips = new TripRepository(db);
  const loaders = {
    bookingById: rowLoader(
      (ids: readonly string[]) => bookings.findBookingsByIds(ids),
      (b) => b.id,
    ),
    ticketById: rowLoader(
      (ids: readonly string[]) => bookings.findTicketsByIds(ids),
      (t) => t.id,
    ),
    ticketsByBookingId: groupLoader(
      (ids: readonly string[]) => bookings.findTicketsByBookingIds(ids),
      (t) => t.bookingId,
    ),
    availableSeatsByTripId: new DataLoader<SegmentKey, number, string>(
      (keys) => bySegment(keys, (ids, segment) => trips.availableSeats(ids, segment), 0),
      {
        cacheKeyFn: segmentCacheKey,
      },
    ),
    seatMapByTripId: new DataLoader<SegmentKey, SeatWithTicket[], string>(
      (keys) =>
        bySegment(
          keys,
          async (ids, segment) => {
            const seats = new Map<string, SeatWithTicket[]>(ids.map((id) => [id, []]));
            for (const seat of await trips.seatMaps(ids, segment)) seats.get(seat.tripId)?.push(seat);
            return seats;
          },
          [],
        ),
      { cacheKeyFn: segmentCacheKey },
    ),
    tripById: rowLoader(
      (ids: readonly string[]) => trips.findByIds(ids),
      (t) => t.id,
    ),
    stopsByTripId: groupLoader(
      (ids: readonly string[]) => trips.stopsOf(ids),
      (s) => s.tripId,
    ),
  };
  return {
    ...base,
    services,
    bookings,
    trips,
    ...loaders,
    clearLoaders: () => Object.values(loaders).forEach((loader) => loader.clearAll()),
  };
}
