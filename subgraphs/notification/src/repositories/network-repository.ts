import { and, eq, ne } from 'drizzle-orm';
import type { Executor } from '@busline/shared';
import { companies, trips, type CompanyRow, type TripRow } from '../db/schema';

export type TripSchedule = Omit<TripRow, never>;

/** SQL for the trips and companies messages talk about. */
export class NetworkRepository {
  constructor(private readonly db: Executor) {}

  /** The trip as known; `share`: locked FOR SHARE (a snapshot being applied commits first, or waits for us). */
  async findTrip(tripId: string, share = false): Promise<TripRow | undefined> {
    const query = this.db.select().from(trips).where(eq(trips.tripId, tripId));
    const [row] = share ? await query.for('share') : await query;
    return row;
  }

  /**
   * Applies a trip snapshot unless a newer version is known; returns the schedule it replaced (null
   * for a trip seen the first time), or undefined when the snapshot was stale and changed nothing.
   */
  async applySnapshot(trip: TripRow): Promise<{ previous: TripRow | null } | undefined> {
    const [current] = await this.db.select().from(trips).where(eq(trips.tripId, trip.tripId)).for('update');
    if (current && current.version >= trip.version) return undefined;
    // A cancelled trip stays cancelled (a late snapshot of the time before it was cancelled changes nothing).
    const status = current?.status === 'CANCELLED' ? 'CANCELLED' : trip.status;
    await this.db
      .insert(trips)
      .values({ ...trip, status })
      .onConflictDoUpdate({ target: trips.tripId, set: { ...trip, status } });
    return { previous: current ?? null };
  }

  /** Marks a trip cancelled; true only for the call that did (the trip must be known). */
  async cancelTrip(tripId: string, version: number): Promise<boolean> {
    const rows = await this.db
      .update(trips)
      .set({ status: 'CANCELLED', version })
      .where(and(eq(trips.tripId, tripId), ne(trips.status, 'CANCELLED')))
      .returning({ tripId: trips.tripId });
    return rows.length > 0;
  }

  /** Records a company's name and, when the event gives one, its time zone (else the one known stays). */
  async recordCompany(companyId: string, name: string, timeZone: string | null): Promise<void> {
    await this.db
      .insert(companies)
      .values({ companyId, name, timeZone })
      .onConflictDoUpdate({
        target: companies.companyId,
        set: { name, ...(timeZone ? { timeZone } : {}) },
      });
  }

  async findCompany(companyId: string): Promise<CompanyRow | undefined> {
    const [row] = await this.db.select().from(companies).where(eq(companies.companyId, companyId));
    return row;
  }
}
