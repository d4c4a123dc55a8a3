import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { insertRows, type Executor } from '@busline/shared';
import {
  dashBoardings,
  dashboardTables,
  dashBookings,
  dashCompanies,
  dashPayments,
  dashRefunds,
  dashTrips,
  processedEvents,
} from '../db/schema';

/** The value an INSERT … ON CONFLICT proposed for `column`. */
const excluded = (column: PgColumn): SQL => sql.raw(`excluded."${column.name}"`);
/** Keeps the stored value when the event does not know it. */
const newerOrKept = (column: PgColumn): SQL => sql`coalesce(${excluded(column)}, ${column})`;
/** Keeps the first time a fact became known (a redelivery of a fact never moves it). */
const firstKnown = (column: PgColumn): SQL => sql`coalesce(${column}, ${excluded(column)})`;

export interface BookingFacts {
  bookingId: string;
  userId?: string;
  tripId?: string;
  companyId?: string;
  seats?: number;
  boardingStop?: number;
  alightingStop?: number;
  totalAmount?: number;
  currency?: string;
  departureAt?: Date | null;
  arrivalAt?: Date | null;
  channel?: 'ONLINE' | 'COUNTER';
  soldBy?: string;
  heldAt?: Date;
  claimedAt?: Date;
  confirmedAt?: Date;
  cancelledAt?: Date;
  expiredAt?: Date;
}

export interface TripSnapshotRow {
  tripId: string;
  companyId: string;
  routeId: string | null;
  originCity: string | null;
  destinationCity: string | null;
  departureAt: Date;
  arrivalAt: Date;
  seatCount: number;
  stops: { order: number; city: string }[];
  timeZone: string | null;
  status: string;
  version: number;
}

export interface CompanyFacts {
  companyId: string;
  name: string;
  timeZone: string | null;
  currency: string | null;
  /** occurredAt of the event. */
  asOf: Date;
}

const TIMES = ['heldAt', 'claimedAt', 'confirmedAt', 'cancelledAt', 'expiredAt'] as const;
const STOPS = ['boardingStop', 'alightingStop'] as const;

/**
 * A booking's stop orders as booking.held or booking.confirmed tell them: a route edit's renumbering
 * (booking.stops_changed, `stops_version` > 0) outranks both, and the confirmation's outranks the hold's (a hold
 * renumbered before it was paid is confirmed at the new orders), whatever order they arrive in.
 */
const stopOrder = (column: PgColumn): SQL =>
  sql`case when ${dashBookings.stopsVersion} > 0 or (${dashBookings.confirmedAt} is not null and ${excluded(dashBookings.confirmedAt)} is null) then ${column} else ${newerOrKept(column)} end`;

/**
 * Writes of the dashboard read models. Every write is an upsert that merges what one event
 * knows with what is stored, so applying events in any order gives the same rows.
 */
export class DashboardProjectionRepository {
  constructor(private readonly db: Executor) {}

  /** Whether company.created of `companyId` has reached this subgraph. */
  async hasCompany(companyId: string): Promise<boolean> {
    const [row] = await this.db
      .select({ companyId: dashCompanies.companyId })
      .from(dashCompanies)
      .where(eq(dashCompanies.companyId, companyId));
    return !!row;
  }

  /** Empties every read model and forgets that `consumer` applied events of `types` (run in a transaction). */
  async reset(consumer: string, types: string[]): Promise<void> {
    for (const table of dashboardTables) await this.db.delete(table);
    await this.db
      .delete(processedEvents)
      .where(and(eq(processedEvents.consumer, consumer), inArray(processedEvents.type, types)));
  }

  async upsertCompany(company: CompanyFacts): Promise<void> {
    const latest = sql`${excluded(dashCompanies.asOf)} >= ${dashCompanies.asOf}`;
    // What the latest event says wins, whatever order events come in; one that does not say keeps the value.
    const fromLatest = (column: PgColumn) =>
      sql`case when ${latest} then coalesce(${excluded(column)}, ${column}) else coalesce(${column}, ${excluded(column)}) end`;
    await this.db
      .insert(dashCompanies)
      .values(company)
      .onConflictDoUpdate({
        target: dashCompanies.companyId,
        set: {
          name: sql`case when ${latest} then ${excluded(dashCompanies.name)} else ${dashCompanies.name} end`,
          timeZone: fromLatest(dashCompanies.timeZone),
          currency: fromLatest(dashCompanies.currency),
          asOf: sql`greatest(${dashCompanies.asOf}, ${excluded(dashCompanies.asOf)})`,
        },
      });
  }

  async applyTripSnapshot(trip: TripSnapshotRow): Promise<void> {
    const newerSnapshot = sql`${excluded(dashTrips.snapshotVersion)} > ${dashTrips.snapshotVersion}`;
    const details = (column: PgColumn) => sql`case when ${newerSnapshot} then ${excluded(column)} else ${column} end`;
    await this.db
      .insert(dashTrips)
      .values({ ...trip, snapshotVersion: trip.version })
      .onConflictDoUpdate({
        target: dashTrips.tripId,
        set: {
          companyId: excluded(dashTrips.companyId),
          routeId: details(dashTrips.routeId),
          originCity: details(dashTrips.originCity),
          destinationCity: details(dashTrips.destinationCity),
          departureAt: details(dashTrips.departureAt),
          arrivalAt: details(dashTrips.arrivalAt),
          seatCount: details(dashTrips.seatCount),
          stops: details(dashTrips.stops),
          timeZone: sql`coalesce(${details(dashTrips.timeZone)}, ${dashTrips.timeZone})`,
          snapshotVersion: sql`greatest(${dashTrips.snapshotVersion}, ${excluded(dashTrips.snapshotVersion)})`,
          // A cancelled trip stays cancelled; otherwise the newest version's status wins.
          status: sql`case when ${dashTrips.status} = 'CANCELLED' then 'CANCELLED' when ${excluded(dashTrips.version)} > ${dashTrips.version} then ${excluded(dashTrips.status)} else ${dashTrips.status} end`,
          version: sql`greatest(${dashTrips.version}, ${excluded(dashTrips.version)})`,
        },
      });
  }

  /** A cancellation may arrive before the trip's snapshot: it then leaves a row the snapshot completes. */
  async cancelTrip(tripId: string, companyId: string, version: number): Promise<void> {
    await this.db
      .insert(dashTrips)
      .values({ tripId, companyId, status: 'CANCELLED', version })
      .onConflictDoUpdate({
        target: dashTrips.tripId,
        set: { status: 'CANCELLED', version: sql`greatest(${dashTrips.version}, ${excluded(dashTrips.version)})` },
      });
  }

  async upsertBooking(facts: BookingFacts): Promise<void> {
    await this.upsertBookings([facts]);
  }

  /**
   * Many bookings' facts (a batch of events, in order): one upsert per shape of facts (the columns they
   * know: a column a row does not know must not be proposed, as its default, for the others), and one
   * statement that gives money seen before its booking the booking's company.
   */
  async upsertBookings(all: BookingFacts[]): Promise<void> {
    const shapes = new Map<string, BookingFacts[]>();
    for (const facts of all) {
      const shape = Object.keys(facts)
        .filter((key) => facts[key as keyof BookingFacts] !== undefined)
        .join();
      shapes.set(shape, [...(shapes.get(shape) ?? []), facts]);
    }
    for (const group of shapes.values()) {
      // One statement cannot upsert a row twice: a booking told twice goes one fact at a time.
      if (new Set(group.map((f) => f.bookingId)).size < group.length)
        for (const facts of group) await this.upsertBookingRows([facts]);
      else await this.upsertBookingRows(group);
    }
    const companies = all.filter((facts) => facts.companyId);
    if (companies.length === 0) return;
    // Two array parameters: one statement text for any number of bookings.
    const bookingIds = companies.map((f) => f.bookingId);
    const companyIds = companies.map((f) => f.companyId!);
    const backfill = (table: typeof dashPayments | typeof dashRefunds) =>
      sql`update ${table} set company_id = v.company_id from v where ${table}.booking_id = v.booking_id and ${table}.company_id is null`;
    await this.db.execute(
      sql`with v (booking_id, company_id) as (select * from unnest(${sql.param(bookingIds)}::uuid[], ${sql.param(companyIds)}::uuid[])), p as (${backfill(dashPayments)}) ${backfill(dashRefunds)}`,
    );
  }

  /** Facts of one shape (the same columns known), bookings all different. */
  private async upsertBookingRows(rows: BookingFacts[]): Promise<void> {
    const set: Record<string, SQL> = {};
    for (const [key, value] of Object.entries(rows[0]!)) {
      if (key === 'bookingId' || value === undefined) continue;
      const column = dashBookings[key as keyof BookingFacts] as PgColumn;
      set[key] = (TIMES as readonly string[]).includes(key)
        ? firstKnown(column)
        : (STOPS as readonly string[]).includes(key)
          ? stopOrder(column)
          : newerOrKept(column);
    }
    // A claimed counter sale belongs to the passenger who claimed it, whatever the seller's events say later.
    if (set.userId)
      set.userId = sql`case when ${dashBookings.claimedAt} is not null then ${dashBookings.userId} else ${set.userId} end`;
    // The rows as one parameter (insertRows): one statement text for any number of them.
    const assignments = Object.entries(set).map(
      ([key, value]) => sql`${sql.identifier((dashBookings[key as keyof BookingFacts] as PgColumn).name)} = ${value}`,
    );
    await this.db.execute(
      assignments.length === 0
        ? sql`${insertRows(dashBookings, rows)} on conflict do nothing`
        : sql`${insertRows(dashBookings, rows)} on conflict (${sql.identifier(dashBookings.bookingId.name)}) do update set ${sql.join(assignments, sql`, `)}`,
    );
  }

  /**
   * booking.stops_changed: the booking's stations are at these orders since trip `version`. A row not known
   * yet is made with them (its booking.confirmed, read later, keeps them); an older version changes nothing.
   */
  async renumberBookingStops(change: {
    bookingId: string;
    tripId: string;
    version: number;
    boardingStop: number;
    alightingStop: number;
  }): Promise<void> {
    const { version, boardingStop, alightingStop } = change;
    await this.db
      .insert(dashBookings)
      .values({
        bookingId: change.bookingId,
        tripId: change.tripId,
        boardingStop,
        alightingStop,
        stopsVersion: version,
      })
      .onConflictDoUpdate({
        target: dashBookings.bookingId,
        set: { boardingStop, alightingStop, stopsVersion: version },
        setWhere: sql`${dashBookings.stopsVersion} < ${version}`,
      });
  }

  /** booking.claimed: the counter sale and its money are the claiming passenger's from now on. */
  async claimBooking(claim: {
    bookingId: string;
    userId: string;
    tripId?: string;
    companyId?: string;
    claimedAt: Date;
  }): Promise<void> {
    await this.upsertBooking(claim);
    await this.db.update(dashBookings).set({ userId: claim.userId }).where(eq(dashBookings.bookingId, claim.bookingId));
    for (const table of [dashPayments, dashRefunds])
      await this.db.update(table).set({ userId: claim.userId }).where(eq(table.bookingId, claim.bookingId));
  }

  /**
   * The booking's row (bare when none of its events came yet), locked until the transaction ends: money recorded for
   * a booking and its claim (claimBooking, which upserts the row) are applied one after the other, each reading what
   * the other committed; two instances applying them at once left a claimed sale's payment on its seller.
   */
  private async lockBooking(bookingId: string): Promise<void> {
    await this.db.insert(dashBookings).values({ bookingId }).onConflictDoNothing();
    await this.db
      .select({ bookingId: dashBookings.bookingId })
      .from(dashBookings)
      .where(eq(dashBookings.bookingId, bookingId))
      .for('update');
  }

  /** The passenger who claimed a counter sale, else the payer the event names. */
  private ownerOf(bookingId: string, userId: string | null): SQL {
    return sql`coalesce((select ${dashBookings.userId} from ${dashBookings} where ${dashBookings.bookingId} = ${bookingId} and ${dashBookings.claimedAt} is not null), ${userId}::uuid)`;
  }

  private companyOfBooking(bookingId: string): SQL {
    return sql`(select ${dashBookings.companyId} from ${dashBookings} where ${dashBookings.bookingId} = ${bookingId})`;
  }

  async recordPayment(payment: {
    paymentId: string;
    bookingId: string;
    userId: string | null;
    amount: number;
    currency: string;
    succeededAt: Date;
  }) {
    await this.lockBooking(payment.bookingId);
    await this.db
      .insert(dashPayments)
      .values({
        ...payment,
        userId: this.ownerOf(payment.bookingId, payment.userId),
        companyId: this.companyOfBooking(payment.bookingId),
      })
      .onConflictDoNothing();
  }

  async recordRefund(refund: {
    refundId: string;
    paymentId: string;
    bookingId: string;
    userId: string | null;
    amount: number;
    currency: string;
    refundedAt: Date;
  }) {
    await this.lockBooking(refund.bookingId);
    await this.db
      .insert(dashRefunds)
      .values({
        ...refund,
        userId: this.ownerOf(refund.bookingId, refund.userId),
        companyId: this.companyOfBooking(refund.bookingId),
      })
      .onConflictDoNothing();
  }

  async recordBoarding(boarding: {
    ticketId: string;
    bookingId: string | null;
    tripId: string;
    companyId: string | null;
    boardedAt: Date;
  }) {
    await this.db.insert(dashBoardings).values(boarding).onConflictDoNothing();
  }
}
