// Reading a trip's manifests (every ticket with its booking) for the staff of the company running it.
import { AppError, canActForCompany, ErrorCode, isUuid, type Db, type Viewer } from '@busline/shared';
import type { BookingRow, TicketRow, TicketStatus, TripRow, TripStopRow } from '../db/schema';
import { BookingRepository } from '../repositories/booking-repository';
import { TripRepository } from '../repositories/trip-repository';
import type { BookingReads } from './read-bookings';
import type { TripReads } from './read-trips';

/** A ticket of the trip with its booking. */
export interface ManifestRow {
  ticket: TicketRow;
  booking: BookingRow;
}

/**
 * Ticket statuses of passengers who ride (or are about to): the manifests list only those. A trip keeps the tickets
 * of every hold cancelled or expired on it, as many as holds were made; its riders are at most its seats (per stretch).
 */
const RIDING: readonly TicketStatus[] = ['HELD', 'CONFIRMED', 'BOARDED'];

/** tripManifest and tripStopManifest; the bookings read come primed in this request's booking reads. */
export class ManifestReads {
  private readonly bookingRepo: BookingRepository;
  private readonly tripRepo: TripRepository;

  constructor(
    db: Db,
    private readonly bookings: BookingReads,
    private readonly trips: TripReads,
  ) {
    this.bookingRepo = new BookingRepository(db);
    this.tripRepo = new TripRepository(db);
  }

  /** The tickets of the trip's passengers (held, confirmed or boarded) with their bookings, by seat. */
  async manifest(viewer: Viewer, tripId: string): Promise<ManifestRow[]> {
    const trip = await this.tripForStaff(viewer, tripId);
    return this.rowsOf(trip.id);
  }

  /** The trip's stops in order, with the tickets of passengers who ride (held, confirmed or boarded). */
  async stopManifest(viewer: Viewer, tripId: string): Promise<{ stops: TripStopRow[]; rows: ManifestRow[] }> {
    const trip = await this.tripForStaff(viewer, tripId);
    return { stops: await this.trips.stopsOf(trip.id), rows: await this.rowsOf(trip.id) };
  }

  private async rowsOf(tripId: string): Promise<ManifestRow[]> {
    const rows = await this.bookingRepo.manifest(tripId, RIDING);
    for (const { booking } of rows) this.bookings.remember(booking);
    return rows;
  }

  /** The trip, when the viewer is staff of its company (or a platform admin). */
  private async tripForStaff(viewer: Viewer, tripId: string): Promise<TripRow> {
    const [trip] = isUuid(tripId) ? await this.tripRepo.findByIds([tripId]) : [];
    if (!trip) {
      if (viewer.role === 'PLATFORM_ADMIN') throw new AppError(ErrorCode.NOT_FOUND, 'Trip not found');
      throw new AppError(ErrorCode.FORBIDDEN, 'Not allowed for this trip');
    }
    if (!canActForCompany(viewer, trip.companyId, 'COMPANY_ADMIN', 'DRIVER'))
      throw new AppError(ErrorCode.FORBIDDEN, 'Not allowed for this trip');
    return trip;
  }
}
