// Reading trips: their stops, the seats free over a segment and the seat map, batched per request,
// and the search, whose counts wait in the same loaders.
import DataLoader from 'dataloader';
import { AppError, ErrorCode, groupLoader, rowLoader, type Db } from '@busline/shared';
import type { TripRow, TripStopRow } from '../db/schema';
import { TripRepository, type SeatStatusRow, type TripSegment } from '../repositories/trip-repository';
import { fareFor } from './fares';
import { DEFAULT_TIME_ZONE } from './local-dates';
import { searchTrips, type SearchTripsInput } from './search-trips';
import type { StopRange } from './segments';

/** A trip and the stretch of it asked about (null ends: the route's start or end). */
export type SegmentKey = TripSegment;

/** One trip a search found, with the segment searched (which availableSeats and seatMap answer for). */
export interface FoundTrip {
  __typename: 'Trip';
  id: string;
  searched: StopRange;
}

const segmentCacheKey = (k: SegmentKey) => `${k.tripId}:${k.boardingStop ?? ''}:${k.alightingStop ?? ''}`;

/**
 * One request's trip reads: the trips asked in one tick go to Postgres as one statement per kind, whatever
 * segments they are asked over.
 */
export class TripReads {
  private readonly repo: TripRepository;
  private readonly byId: DataLoader<string, TripRow | null>;
  private readonly stopsById: DataLoader<string, TripStopRow[]>;
  private readonly removedStopsById: DataLoader<string, TripStopRow[]>;
  /** Free seats of a trip over a segment (null ends: the whole trip). */
  private readonly availableById: DataLoader<SegmentKey, number, string>;
  private readonly seatMapById: DataLoader<SegmentKey, SeatStatusRow[], string>;

  /** `maxPassengers`: most passengers one search may ask seats for (a booking's most seats). */
  constructor(
    db: Db,
    private readonly maxPassengers: number,
  ) {
    const trips = new TripRepository(db);
    this.repo = trips;
    this.byId = rowLoader(
      (ids: readonly string[]) => trips.findByIds(ids),
      (t) => t.id,
    );
    this.stopsById = groupLoader(
      (ids: readonly string[]) => trips.stopsOf(ids),
      (s) => s.tripId,
    );
    this.removedStopsById = groupLoader(
      (ids: readonly string[]) => trips.removedStopsOf(ids),
      (s) => s.tripId,
    );
    this.availableById = new DataLoader((keys) => trips.availableSeats(keys), { cacheKeyFn: segmentCacheKey });
    this.seatMapById = new DataLoader((keys) => trips.seatMaps(keys), { cacheKeyFn: segmentCacheKey });
  }

  /** The trip's replicated row, or null when ticketing has not heard of it. */
  find(tripId: string): Promise<TripRow | null> {
    return this.byId.load(tripId);
  }

  /** The trip's stops in order (none for an unknown trip). */
  stopsOf(tripId: string): Promise<TripStopRow[]> {
    return this.stopsById.load(tripId);
  }

  /** The stops route edits took off the trip, as they were then (tickets sold for them still name them). */
  removedStopsOf(tripId: string): Promise<TripStopRow[]> {
    return this.removedStopsById.load(tripId);
  }

  /** The trip's time zone; the default one for a trip unknown here (or no trip id at all). */
  async timeZoneOf(tripId: string | null): Promise<string> {
    return (tripId === null ? undefined : (await this.byId.load(tripId))?.timeZone) ?? DEFAULT_TIME_ZONE;
  }

  /** One seat's fare over a segment of the trip, in the trip's currency. */
  async fare(segment: { tripId: string } & StopRange): Promise<{ amount: number; currency: string }> {
    const [trip, stops] = await Promise.all([this.byId.load(segment.tripId), this.stopsById.load(segment.tripId)]);
    if (!trip) throw new AppError(ErrorCode.NOT_FOUND, 'Trip not found');
    return { amount: fareFor(trip, stops, segment), currency: trip.currency };
  }

  /** Seats free over the whole of `key`'s segment. */
  availableSeats(key: SegmentKey): Promise<number> {
    return this.availableById.load(key);
  }

  /**
   * Every seat of the trip with whether it can be booked over `key`'s segment (GraphQL's SeatStatus as is;
   * the array is shared by the fields asking the same key in one request).
   */
  seatMap(key: SegmentKey): Promise<SeatStatusRow[]> {
    return this.seatMapById.load(key);
  }

  /**
   * searchTrips: the trips found, each with the segment searched. `seatMaps`: the fields ask each trip's seat map
   * over the searched segment, which the search then reads in its own statement.
   */
  async search(input: SearchTripsInput, seatMaps = false): Promise<FoundTrip[]> {
    const found = await searchTrips(this.repo, input, this.maxPassengers, { seatMaps });
    // The search already counted the seats free over the searched segment (and read the seat maps when asked): prime
    // the loaders so availableSeats and seatMap cost no query.
    for (const trip of found) {
      const key = { tripId: trip.tripId, boardingStop: trip.boardingStop, alightingStop: trip.alightingStop };
      this.availableById.prime(key, trip.available);
      if (trip.seats) this.seatMapById.prime(key, trip.seats);
    }
    return found.map((trip) => ({
      __typename: 'Trip' as const,
      id: trip.tripId,
      searched: { boardingStop: trip.boardingStop, alightingStop: trip.alightingStop },
    }));
  }

  /** Forgets cached rows (a subscription re-reads state on every update). */
  clear(): void {
    for (const loader of [this.byId, this.stopsById, this.removedStopsById, this.availableById, this.seatMapById])
      loader.clearAll();
  }
}
