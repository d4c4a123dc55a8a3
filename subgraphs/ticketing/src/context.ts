import DataLoader from 'dataloader';
import type { BaseContext, Db } from '@busline/shared';
import type { BookingRow, TicketRow } from './db/schema';
import { BookingRepository, type TicketWithOwner } from './repositories/booking-repository';
import { TripRepository, type SeatWithTicket } from './repositories/trip-repository';
import type { Services } from './services';

/** Per-request state of the ticketing subgraph; loaders make one query per type per request. */
export interface TicketingContext extends BaseContext {
  services: Services;
  bookings: BookingRepository;
  trips: TripRepository;
  bookingById: DataLoader<string, BookingRow | null>;
  ticketById: DataLoader<string, TicketWithOwner | null>;
  ticketsByBookingId: DataLoader<string, TicketRow[]>;
  availableSeatsByTripId: DataLoader<string, number>;
  seatMapByTripId: DataLoader<string, SeatWithTicket[]>;
  /** Forgets cached rows (a subscription re-reads state on every update). */
  clearLoaders(): void;
}

function byKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): (V | null)[] {
  const map = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => map.get(key) ?? null);
}

function groupBy<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const groups = new Map<K, V[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return keys.map((key) => groups.get(key) ?? []);
}

export function buildContext(base: BaseContext, db: Db, services: Services): TicketingContext {
  const bookings = new BookingRepository(db);
  const trips = new TripRepository(db);
  const loaders = {
    bookingById: new DataLoader<string, BookingRow | null>(async (ids) => byKey(ids, await bookings.findBookingsByIds(ids), (b) => b.id)),
    ticketById: new DataLoader<string, TicketWithOwner | null>(async (ids) => byKey(ids, await bookings.findTicketsByIds(ids), (t) => t.id)),
    ticketsByBookingId: new DataLoader<string, TicketRow[]>(async (ids) => groupBy(ids, await bookings.findTicketsByBookingIds(ids), (t) => t.bookingId)),
    availableSeatsByTripId: new DataLoader<string, number>(async (ids) => {
      const counts = await trips.availableSeats(ids);
      return ids.map((id) => counts.get(id) ?? 0);
    }),
    seatMapByTripId: new DataLoader<string, SeatWithTicket[]>(async (ids) => groupBy(ids, await trips.seatMaps(ids), (s) => s.tripId)),
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
