import DataLoader from 'dataloader';
import type { BaseContext, Db } from '@busline/shared';
import type { BookingRow, TicketRow } from './db/schema';
import { BookingRepository } from './repositories/booking-repository';

/** Per-request state of the ticketing subgraph; loaders make one query per type per request. */
export interface TicketingContext extends BaseContext {
  bookings: BookingRepository;
  bookingById: DataLoader<string, BookingRow | null>;
  ticketById: DataLoader<string, TicketRow | null>;
  ticketsByBookingId: DataLoader<string, TicketRow[]>;
  availableSeatsByTripId: DataLoader<string, number>;
}

function byKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): (V | null)[] {
  const map = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => map.get(key) ?? null);
}

export function buildContext(base: BaseContext, db: Db): TicketingContext {
  const bookings = new BookingRepository(db);
  return {
    ...base,
    bookings,
    bookingById: new DataLoader(async (ids) => byKey(ids, await bookings.findBookingsByIds(ids), (b) => b.id)),
    ticketById: new DataLoader(async (ids) => byKey(ids, await bookings.findTicketsByIds(ids), (t) => t.id)),
    ticketsByBookingId: new DataLoader(async (ids) => {
      const rows = await bookings.findTicketsByBookingIds(ids);
      return ids.map((id) => rows.filter((t) => t.bookingId === id));
    }),
    availableSeatsByTripId: new DataLoader(async (ids) => {
      const counts = await bookings.countAvailableSeats(ids);
      return ids.map((id) => counts.get(id) ?? 0);
    }),
  };
}
