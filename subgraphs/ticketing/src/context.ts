import type { BaseContext, Db } from '@busline/shared';
import type { Services } from './services';
import { BookingReads } from './services/read-bookings';
import { ManifestReads } from './services/read-manifests';
import { TripReads } from './services/read-trips';

/** This request's reads, batched: one query per type per request. */
export interface RequestReads {
  bookings: BookingReads;
  trips: TripReads;
  manifests: ManifestReads;
  /** Forgets cached rows (a subscription re-reads state on every update). */
  clearReads(): void;
}

/** What the ticketing resolvers call: the shared services and this request's reads. */
export type TicketingServices = Services & RequestReads;

/** Per-request state of the ticketing subgraph. */
export interface TicketingContext extends BaseContext {
  services: TicketingServices;
}

export function buildContext(base: BaseContext, db: Db, services: Services): TicketingContext {
  const bookings = new BookingReads(db);
  const trips = new TripReads(db, services.options.maxSeatsPerBooking);
  const reads: RequestReads = {
    bookings,
    trips,
    manifests: new ManifestReads(db, bookings, trips),
    clearReads: () => {
      bookings.clear();
      trips.clear();
    },
  };
  return { ...base, services: { ...services, ...reads } };
}
