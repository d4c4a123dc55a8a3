import { eventTables } from '@busline/shared';
import { sql } from 'drizzle-orm';
import {
  doublePrecision,
  index,
  integer,
  jsonb,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { RefundTier } from '../domain/refund-policy';
import type { DeckLayout } from '../domain/seat-layout';

/** Every table of the company subgraph lives in this Postgres schema. */
export const companySchema = pgSchema('company');

export const { outbox, processedEvents } = eventTables(companySchema);

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

export const companies = companySchema.table(
  'companies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    contactEmail: text('contact_email'),
    contactPhone: text('contact_phone'),
    /** Tiers sorted by minHoursBeforeDeparture descending (docs/events.md refundPolicy). */
    refundTiers: jsonb('refund_tiers').$type<RefundTier[]>().notNull(),
    /** IANA time zone its trips' local dates and times are in (Africa/Kigali, Africa/Nairobi, …). */
    timeZone: text('time_zone').notNull().default('Africa/Kigali'),
    /** ISO 4217 currency every price and fare of the company is in (domain/currency.ts). */
    currency: text('currency').notNull().default('RWF'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('companies_slug_key').on(t.slug), uniqueIndex('companies_name_id_idx').on(t.name, t.id)],
);

/** Platform-wide stations, shared by every company's routes. */
export const stations = companySchema.table(
  'stations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    city: text('city').notNull(),
    latitude: doublePrecision('latitude').notNull(),
    longitude: doublePrecision('longitude').notNull(),
    /** The company whose admin added the station; null when a platform admin (or the seed) did. */
    createdByCompanyId: uuid('created_by_company_id').references(() => companies.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('stations_code_key').on(t.code),
    uniqueIndex('stations_name_id_idx').on(t.name, t.id),
    index('stations_city_name_id_idx').on(sql`lower(${t.city})`, t.name, t.id),
  ],
);

export const buses = companySchema.table(
  'buses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id),
    plateNumber: text('plate_number').notNull(),
    model: text('model').notNull(),
    amenities: text('amenities')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    seatLayout: jsonb('seat_layout').$type<DeckLayout[]>().notNull(),
    seatCount: integer('seat_count').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('buses_plate_number_key').on(t.plateNumber),
    index('buses_company_plate_id_idx').on(t.companyId, t.plateNumber, t.id),
  ],
);

export const drivers = companySchema.table(
  'drivers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id),
    name: text('name').notNull(),
    phone: text('phone').notNull(),
    licenceNumber: text('licence_number').notNull(),
    /** The driver's Busline account (identity subgraph), when linked. */
    userId: uuid('user_id'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('drivers_company_licence_key').on(t.companyId, t.licenceNumber),
    index('drivers_company_name_id_idx').on(t.companyId, t.name, t.id),
    index('drivers_user_id_idx').on(t.userId),
  ],
);

export const routes = companySchema.table(
  'routes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id),
    name: text('name').notNull(),
    distanceKm: integer('distance_km').notNull(),
    createdAt: createdAt(),
  },
  // Unique (company, name) also serves the (name, id) keyset of a company's route list.
  (t) => [uniqueIndex('routes_company_name_key').on(t.companyId, t.name)],
);

/** Ordered stops of a route: position 0 is the origin, the last one the destination. */
export const routeStops = companySchema.table(
  'route_stops',
  {
    routeId: uuid('route_id')
      .notNull()
      .references(() => routes.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    stationId: uuid('station_id')
      .notNull()
      .references(() => stations.id),
    minutesFromDeparture: integer('minutes_from_departure').notNull(),
  },
  (t) => [primaryKey({ columns: [t.routeId, t.position] }), index('route_stops_station_idx').on(t.stationId)],
);

/**
 * Fares a company admin set for pairs of stops of a route (positions as in route_stops); pairs not
 * listed are derived from the trip's price (docs/segments.md). Cleared when the route's stops change.
 */
export const routeFares = companySchema.table(
  'route_fares',
  {
    routeId: uuid('route_id')
      .notNull()
      .references(() => routes.id, { onDelete: 'cascade' }),
    boardingPosition: integer('boarding_position').notNull(),
    alightingPosition: integer('alighting_position').notNull(),
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
  },
  (t) => [primaryKey({ columns: [t.routeId, t.boardingPosition, t.alightingPosition] })],
);

export const TripStatuses = ['SCHEDULED', 'BOARDING', 'DEPARTED', 'ARRIVED', 'CANCELLED'] as const;
export type TripStatus = (typeof TripStatuses)[number];

export const trips = companySchema.table(
  'trips',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id),
    routeId: uuid('route_id')
      .notNull()
      .references(() => routes.id),
    busId: uuid('bus_id')
      .notNull()
      .references(() => buses.id),
    driverId: uuid('driver_id').references(() => drivers.id),
    departureAt: timestamp('departure_at', { withTimezone: true, mode: 'date' }).notNull(),
    arrivalAt: timestamp('arrival_at', { withTimezone: true, mode: 'date' }).notNull(),
    priceAmount: integer('price_amount').notNull(),
    priceCurrency: text('price_currency').notNull(),
    status: text('status').$type<TripStatus>().notNull().default('SCHEDULED'),
    /** Increases on every change; consumers apply a snapshot only when it is newer. */
    version: integer('version').notNull().default(1),
    cancelReason: text('cancel_reason'),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('trips_departure_id_idx').on(t.departureAt, t.id),
    index('trips_company_departure_id_idx').on(t.companyId, t.departureAt, t.id),
    index('trips_bus_departure_idx').on(t.busId, t.departureAt),
    index('trips_driver_departure_idx').on(t.driverId, t.departureAt),
    index('trips_route_departure_idx').on(t.routeId, t.departureAt),
  ],
);

export type CompanyRow = typeof companies.$inferSelect;
export type StationRow = typeof stations.$inferSelect;
export type BusRow = typeof buses.$inferSelect;
export type DriverRow = typeof drivers.$inferSelect;
export type RouteRow = typeof routes.$inferSelect;
export type RouteStopRow = typeof routeStops.$inferSelect;
export type RouteFareRow = typeof routeFares.$inferSelect;
export type TripRow = typeof trips.$inferSelect;

/**
 * Upcoming trips each company's edits sent again, per hour (a route's stops or fares, a bus layout, a station or the
 * company's zone re-send every upcoming trip they touch: a full snapshot to every consumer), bounded per hour.
 */
export const tripResends = companySchema.table(
  'trip_resends',
  {
    companyId: uuid('company_id').notNull(),
    hour: timestamp('hour', { withTimezone: true, mode: 'date' }).notNull(),
    trips: integer('trips').notNull(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.hour] }), index('trip_resends_hour_idx').on(t.hour)],
);
