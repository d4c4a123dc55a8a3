import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { CompanyRow, StationRow, BusRow, DriverRow, RouteRow, RouteStopRow, TripRow } from '../db/schema';
import type { CompanyContext } from '../context';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An ISO 8601 date-time with a UTC offset, e.g. 2026-12-01T07:00:00Z. */
  DateTime: { input: Date; output: Date | string; }
  _FieldSet: { input: any; output: any; }
};

/** A bus of a company's fleet. */
export type Bus = {
  __typename?: 'Bus';
  /** What the bus offers, e.g. WIFI, AC, USB. */
  amenities: Array<Scalars['String']['output']>;
  /** The company that runs the bus. */
  company: Company;
  /** Stable identifier. */
  id: Scalars['ID']['output'];
  /** Make and model, e.g. Yutong ZK6122. */
  model: Scalars['String']['output'];
  /** Registration plate, unique on the platform, e.g. RAD 123 A. */
  plateNumber: Scalars['String']['output'];
  /** Number of bookable seats (derived from the layout). */
  seatCount: Scalars['Int']['output'];
  /** Where the seats are. */
  seatLayout: SeatLayout;
};

/** A page of buses. */
export type BusConnection = {
  __typename?: 'BusConnection';
  /** The buses of this page with their cursors. */
  edges: Array<BusEdge>;
  /** Where this page is in the whole list. */
  pageInfo: PageInfo;
};

/** A bus and its cursor. */
export type BusEdge = {
  __typename?: 'BusEdge';
  /** Opaque position of this bus in the list. */
  cursor: Scalars['String']['output'];
  /** The bus. */
  node: Bus;
};

/** A bus operator selling tickets on Busline. */
export type Company = {
  __typename?: 'Company';
  /** Email address passengers can write to. */
  contactEmail?: Maybe<Scalars['String']['output']>;
  /** Phone number passengers can call, e.g. +250788000111. */
  contactPhone?: Maybe<Scalars['String']['output']>;
  /** When the company joined the platform. */
  createdAt: Scalars['DateTime']['output'];
  /** ISO 4217 currency every price and fare of the company is in: one of RWF, KES, UGX, TZS, BIF, USD. */
  currency: Scalars['String']['output'];
  /** Stable identifier. */
  id: Scalars['ID']['output'];
  /** Display name, e.g. Volcano Coaches. */
  name: Scalars['String']['output'];
  /** How much of the fare a passenger gets back when cancelling. */
  refundPolicy: RefundPolicy;
  /** URL-friendly unique name, e.g. volcano. */
  slug: Scalars['String']['output'];
  /** IANA time zone of the company, e.g. Africa/Kigali or Africa/Nairobi: its trips' local dates and times (search dates, timetables, messages, dashboard days) are in it. */
  timeZone: Scalars['String']['output'];
};

/** A page of companies. */
export type CompanyConnection = {
  __typename?: 'CompanyConnection';
  /** The companies of this page with their cursors. */
  edges: Array<CompanyEdge>;
  /** Where this page is in the whole list. */
  pageInfo: PageInfo;
};

/** A company and its cursor. */
export type CompanyEdge = {
  __typename?: 'CompanyEdge';
  /** Opaque position of this company in the list. */
  cursor: Scalars['String']['output'];
  /** The company. */
  node: Company;
};

/** A new bus for a company. */
export type CreateBusInput = {
  /** What the bus offers. */
  amenities?: InputMaybe<Array<Scalars['String']['input']>>;
  /** The company that runs it. */
  companyId: Scalars['ID']['input'];
  /** Make and model. */
  model: Scalars['String']['input'];
  /** Registration plate, unique on the platform. */
  plateNumber: Scalars['String']['input'];
  /** Where the seats are. */
  seatLayout: SeatLayoutInput;
};

/** A new company (platform admins only). */
export type CreateCompanyInput = {
  /** Contact email. */
  contactEmail?: InputMaybe<Scalars['String']['input']>;
  /** Contact phone. */
  contactPhone?: InputMaybe<Scalars['String']['input']>;
  /** ISO 4217 currency of its prices: RWF, KES, UGX, TZS, BIF or USD; RWF when omitted. BAD_USER_INPUT for another. */
  currency?: InputMaybe<Scalars['String']['input']>;
  /** Display name. */
  name: Scalars['String']['input'];
  /** Refund rules; default ≥24 h 90 %, ≥2 h 50 %. */
  refundPolicy?: InputMaybe<RefundPolicyInput>;
  /** Unique URL-friendly name: at most 40 lowercase letters, digits and single dashes. */
  slug: Scalars['String']['input'];
  /** IANA time zone, e.g. Africa/Nairobi; Africa/Kigali when omitted. BAD_USER_INPUT for a zone that does not exist or an abbreviation (CAT, EAT): the dashboards' database reads those otherwise, or not at all. */
  timeZone?: InputMaybe<Scalars['String']['input']>;
};

/** A new driver for a company. */
export type CreateDriverInput = {
  /** The employing company. */
  companyId: Scalars['ID']['input'];
  /** Driving licence number. */
  licenceNumber: Scalars['String']['input'];
  /** Full name. */
  name: Scalars['String']['input'];
  /** Phone number. */
  phone: Scalars['String']['input'];
  /** Busline user account of the driver, if any. */
  userId?: InputMaybe<Scalars['ID']['input']>;
};

/** A new route for a company. */
export type CreateRouteInput = {
  /** The company that runs it. */
  companyId: Scalars['ID']['input'];
  /** Length in kilometres. */
  distanceKm: Scalars['Int']['input'];
  /** Name, unique within the company; defaults to "Origin city → Destination city". */
  name?: InputMaybe<Scalars['String']['input']>;
  /** Stops in order: at least two distinct stations, origin at minute 0. */
  stops: Array<RouteStopInput>;
};

/** A new station. */
export type CreateStationInput = {
  /** City served. */
  city: Scalars['String']['input'];
  /** Short unique code, e.g. KGL-NYB. */
  code: Scalars['String']['input'];
  /** Latitude in decimal degrees (-90 to 90). */
  latitude: Scalars['Float']['input'];
  /** Longitude in decimal degrees (-180 to 180). */
  longitude: Scalars['Float']['input'];
  /** Station name. */
  name: Scalars['String']['input'];
};

/** One deck: rows × columns, with aisles and positions that have no seat. */
export type DeckLayout = {
  __typename?: 'DeckLayout';
  /** Columns followed by an aisle, e.g. [B] for a 2+2 bus. */
  aisleAfter: Array<Scalars['String']['output']>;
  /** Column letters from left to right, e.g. [A, B, C, D]. */
  columns: Array<Scalars['String']['output']>;
  /** Deck number, 1 for the lower deck. */
  deck: Scalars['Int']['output'];
  /** Number of the first row (decks continue the numbering so labels stay unique). */
  firstRow: Scalars['Int']['output'];
  /** Number of rows. */
  rows: Scalars['Int']['output'];
  /** Labels of grid positions without a seat (door, toilet, stairs). */
  skippedSeats: Array<Scalars['String']['output']>;
};

/** One deck of a seat layout given by a company admin. */
export type DeckLayoutInput = {
  /** Columns followed by an aisle, e.g. ["B"]. */
  aisleAfter?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Column letters from left to right, e.g. ["A","B","C","D"]. */
  columns: Array<Scalars['String']['input']>;
  /** Deck number, 1 for the lower deck. */
  deck: Scalars['Int']['input'];
  /** Number of the first row; by default continues after the previous deck. */
  firstRow?: InputMaybe<Scalars['Int']['input']>;
  /** Number of rows (1–40). */
  rows: Scalars['Int']['input'];
  /** Labels of grid positions without a seat, e.g. ["10C","10D"] for a door. */
  skippedSeats?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** A driver employed by a company. */
export type Driver = {
  __typename?: 'Driver';
  /** The employing company. */
  company: Company;
  /** Stable identifier. */
  id: Scalars['ID']['output'];
  /** Driving licence number, unique within the company. */
  licenceNumber: Scalars['String']['output'];
  /** Full name. */
  name: Scalars['String']['output'];
  /** Phone number. */
  phone: Scalars['String']['output'];
  /** The driver's Busline user account, when linked. */
  userId?: Maybe<Scalars['ID']['output']>;
};

/** A page of drivers. */
export type DriverConnection = {
  __typename?: 'DriverConnection';
  /** The drivers of this page with their cursors. */
  edges: Array<DriverEdge>;
  /** Where this page is in the whole list. */
  pageInfo: PageInfo;
};

/** A driver and its cursor. */
export type DriverEdge = {
  __typename?: 'DriverEdge';
  /** Opaque position of this driver in the list. */
  cursor: Scalars['String']['output'];
  /** The driver. */
  node: Driver;
};

/** An amount of money in minor units of its currency (RWF has none: 5000 means 5,000 RWF). */
export type Money = {
  __typename?: 'Money';
  /** Amount in minor units. */
  amount: Scalars['Int']['output'];
  /** ISO 4217 currency code, e.g. RWF. */
  currency: Scalars['String']['output'];
};

/** An amount of money given by a client. */
export type MoneyInput = {
  /** Amount in minor units; must be greater than 0. A trip's price and a fare are at most 40,000,000. */
  amount: Scalars['Int']['input'];
  /** ISO 4217 currency code; the company's currency (Company.currency) when omitted. A trip's price and a route's fares must be in their company's currency: another is refused with BAD_USER_INPUT (`reason: CURRENCY_MISMATCH`). */
  currency?: InputMaybe<Scalars['String']['input']>;
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Cancels a trip that has not left; cancelling again returns it unchanged. */
  cancelTrip: Trip;
  /** Adds a bus to a company's fleet (its admins, platform admins). */
  createBus: Bus;
  /** Adds a company (platform admins). */
  createCompany: Company;
  /** Adds a driver (its company's admins, platform admins). */
  createDriver: Driver;
  /** Adds a route (its company's admins, platform admins): 2 to 40 stops. */
  createRoute: Route;
  /** Adds a station (platform admins and company admins; a company admin's station records their company as the one that added it). */
  createStation: Station;
  /** Schedules one trip a day at departureTime for `days` days (1 to 92; optionally only on some weekdays), each leaving within 366 days, in one transaction: all or nothing. */
  scheduleTimetable: Array<Trip>;
  /** Schedules one trip (the route's company admins, platform admins), leaving within 366 days. */
  scheduleTrip: Trip;
  /** Sets or removes fares per pair of stops of a route (its company's admins, platform admins); pairs not given keep their fare. Upcoming scheduled trips of the route are re-sent (trip.updated) so searches and holds price the pairs anew; bookings already made keep their price. Changing the route's stops removes its fares. */
  setRouteFares: Route;
  /** Changes a bus (its company's admins, platform admins). */
  updateBus: Bus;
  /** Changes a company (platform admins). */
  updateCompany: Company;
  /** Changes a driver (its company's admins, platform admins). */
  updateDriver: Driver;
  /** Changes a route (its company's admins, platform admins). */
  updateRoute: Route;
  /** Changes a station (platform admins; a company admin only a station no other company added and no other company's route stops at, FORBIDDEN otherwise). */
  updateStation: Station;
  /** Changes a scheduled trip's times, fare, bus or driver. */
  updateTrip: Trip;
  /**
   * Records boarding, departure or arrival, one step at a time (company admins, platform admins, and the trip's own
   * driver). Boarding from an hour before the departure, departure from 30 minutes before it, arrival once half the
   * scheduled trip has passed since then (BAD_USER_INPUT, reason TOO_EARLY, before then).
   */
  updateTripStatus: Trip;
};


export type MutationCancelTripArgs = {
  reason: Scalars['String']['input'];
  tripId: Scalars['ID']['input'];
};


export type MutationCreateBusArgs = {
  input: CreateBusInput;
};


export type MutationCreateCompanyArgs = {
  input: CreateCompanyInput;
};


export type MutationCreateDriverArgs = {
  input: CreateDriverInput;
};


export type MutationCreateRouteArgs = {
  input: CreateRouteInput;
};


export type MutationCreateStationArgs = {
  input: CreateStationInput;
};


export type MutationScheduleTimetableArgs = {
  input: ScheduleTimetableInput;
};


export type MutationScheduleTripArgs = {
  input: ScheduleTripInput;
};


export type MutationSetRouteFaresArgs = {
  fares: Array<RouteFareInput>;
  routeId: Scalars['ID']['input'];
};


export type MutationUpdateBusArgs = {
  id: Scalars['ID']['input'];
  input: UpdateBusInput;
};


export type MutationUpdateCompanyArgs = {
  id: Scalars['ID']['input'];
  input: UpdateCompanyInput;
};


export type MutationUpdateDriverArgs = {
  id: Scalars['ID']['input'];
  input: UpdateDriverInput;
};


export type MutationUpdateRouteArgs = {
  id: Scalars['ID']['input'];
  input: UpdateRouteInput;
};


export type MutationUpdateStationArgs = {
  id: Scalars['ID']['input'];
  input: UpdateStationInput;
};


export type MutationUpdateTripArgs = {
  input: UpdateTripInput;
  tripId: Scalars['ID']['input'];
};


export type MutationUpdateTripStatusArgs = {
  status: TripProgress;
  tripId: Scalars['ID']['input'];
};

/** Information about a page of a connection. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Cursor of the last item of the page; pass it as `after` for the next page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** Whether more items follow this page. */
  hasNextPage: Scalars['Boolean']['output'];
  /** Whether items precede this page. */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** Cursor of the first item of the page. */
  startCursor?: Maybe<Scalars['String']['output']>;
};

export type Query = {
  __typename?: 'Query';
  /** A company's buses by plate number (that company's admins and platform admins only). */
  buses: BusConnection;
  /** Companies on the platform, by name. */
  companies: CompanyConnection;
  /** One company by id or by slug, or null when there is none. */
  company?: Maybe<Company>;
  /** A company's drivers by name (that company's admins and platform admins only). */
  drivers: DriverConnection;
  /** Trips the signed-in driver is assigned to, by departure, departing in [from, to) (DRIVER accounts linked to a driver record). */
  myDriverTrips: TripConnection;
  /** One route by id, or null. */
  route?: Maybe<Route>;
  /** A company's routes by name. */
  routes: RouteConnection;
  /** One station by id, or null. */
  station?: Maybe<Station>;
  /** Stations by name, optionally only those of one city (case-insensitive). */
  stations: StationConnection;
  /** One trip by id, or null. */
  trip?: Maybe<Trip>;
  /** Trips by departure time, optionally of one company or route, departing in [from, to). */
  trips: TripConnection;
};


export type QueryBusesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  companyId: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryCompaniesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryCompanyArgs = {
  id?: InputMaybe<Scalars['ID']['input']>;
  slug?: InputMaybe<Scalars['String']['input']>;
};


export type QueryDriversArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  companyId: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryMyDriverTripsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  from?: InputMaybe<Scalars['DateTime']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};


export type QueryRouteArgs = {
  id: Scalars['ID']['input'];
};


export type QueryRoutesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  companyId: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryStationArgs = {
  id: Scalars['ID']['input'];
};


export type QueryStationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  city?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryTripArgs = {
  id: Scalars['ID']['input'];
};


export type QueryTripsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  companyId?: InputMaybe<Scalars['ID']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  from?: InputMaybe<Scalars['DateTime']['input']>;
  routeId?: InputMaybe<Scalars['ID']['input']>;
  status?: InputMaybe<Array<TripStatus>>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};

/** Refund rules of a company: the first tier whose threshold is met applies; none met refunds nothing. */
export type RefundPolicy = {
  __typename?: 'RefundPolicy';
  /** Tiers from the earliest cancellation (most hours before departure) to the latest. */
  tiers: Array<RefundTier>;
};

/** Refund rules given by a platform admin. */
export type RefundPolicyInput = {
  /** The tiers, in any order; hours must be distinct and later cancellations never refund more. */
  tiers: Array<RefundTierInput>;
};

/** One refund rule. */
export type RefundTier = {
  __typename?: 'RefundTier';
  /** Cancelling at least this many hours before departure qualifies. */
  minHoursBeforeDeparture: Scalars['Int']['output'];
  /** Share of the fare refunded, 0–100. */
  refundPercent: Scalars['Int']['output'];
};

/** One refund rule given by a platform admin. */
export type RefundTierInput = {
  /** Hours before departure, 0 or more. */
  minHoursBeforeDeparture: Scalars['Int']['input'];
  /** Share of the fare refunded, 0–100. */
  refundPercent: Scalars['Int']['input'];
};

/** A route a company runs: ordered stops from origin to destination. */
export type Route = {
  __typename?: 'Route';
  /** The company that runs the route. */
  company: Company;
  /** Last stop. */
  destination: Station;
  /** Length of the whole route in kilometres. */
  distanceKm: Scalars['Int']['output'];
  /** Minutes from the origin to the destination. */
  durationMinutes: Scalars['Int']['output'];
  /** Fares its company's admins set per pair of stops (setRouteFares), by pair; every other pair is derived from each trip's price (Trip.fares). */
  fares: Array<RouteFare>;
  /** Stable identifier. */
  id: Scalars['ID']['output'];
  /** Name, unique within the company, e.g. Kigali → Rubavu. */
  name: Scalars['String']['output'];
  /** First stop. */
  origin: Station;
  /** Every stop in order, origin first and destination last. */
  stops: Array<RouteStop>;
};

/** A page of routes. */
export type RouteConnection = {
  __typename?: 'RouteConnection';
  /** The routes of this page with their cursors. */
  edges: Array<RouteEdge>;
  /** Where this page is in the whole list. */
  pageInfo: PageInfo;
};

/** A route and its cursor. */
export type RouteEdge = {
  __typename?: 'RouteEdge';
  /** Opaque position of this route in the list. */
  cursor: Scalars['String']['output'];
  /** The route. */
  node: Route;
};

/** The fare of one seat between two stops of a route, set by a company admin. */
export type RouteFare = {
  __typename?: 'RouteFare';
  /** Order of the stop where they leave the bus, after boardingStop. */
  alightingStop: Scalars['Int']['output'];
  /** Order (RouteStop.order) of the stop where passengers board. */
  boardingStop: Scalars['Int']['output'];
  /** The fare. */
  price: Money;
};

/** A company admin's fare for one pair of stops of a route. */
export type RouteFareInput = {
  /** Order of the alighting stop; after boardingStop, and not the whole route (whose fare is each trip's price). */
  alightingStop: Scalars['Int']['input'];
  /** Order (RouteStop.order) of the boarding stop. */
  boardingStop: Scalars['Int']['input'];
  /** The fare; null removes the pair's fare, which is derived from the trip's price again. */
  price?: InputMaybe<MoneyInput>;
};

/** A stop of a route. */
export type RouteStop = {
  __typename?: 'RouteStop';
  /** Minutes after departure from the origin that the bus reaches this stop. */
  minutesFromDeparture: Scalars['Int']['output'];
  /** Position on the route, 0 for the origin. */
  order: Scalars['Int']['output'];
  /** The station. */
  station: Station;
};

/** A stop of a route given by a company admin. */
export type RouteStopInput = {
  /** Minutes after departure from the origin; 0 for the first stop, increasing afterwards, at most 10,080 (a week). */
  minutesFromDeparture: Scalars['Int']['input'];
  /** The station. */
  stationId: Scalars['ID']['input'];
};

/** A daily departure over consecutive days, scheduled all at once or not at all. */
export type ScheduleTimetableInput = {
  /** A bus of the route's company. */
  busId: Scalars['ID']['input'];
  /** Number of consecutive calendar days the timetable spans from startDate (1–92). */
  days: Scalars['Int']['input'];
  /** Local departure time, HH:MM (24 h), e.g. 07:00. */
  departureTime: Scalars['String']['input'];
  /** A driver of the route's company. */
  driverId?: InputMaybe<Scalars['ID']['input']>;
  /** Fare for one seat, greater than 0 and at most 40,000,000 minor units. */
  price: MoneyInput;
  /** The route. */
  routeId: Scalars['ID']['input'];
  /** First day, YYYY-MM-DD. */
  startDate: Scalars['String']['input'];
  /** IANA time zone of departureTime and startDate; the company's (Company.timeZone) when omitted. */
  timeZone?: InputMaybe<Scalars['String']['input']>;
  /** Only these days of the week get a departure; every day when omitted (an empty list chooses no day: refused). */
  weekdays?: InputMaybe<Array<Weekday>>;
};

/** One departure to schedule. */
export type ScheduleTripInput = {
  /** Arrival, after departure and within a week of it; defaults to departure plus the route's duration. */
  arrivalAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** A bus of the same company, free for the whole trip. */
  busId: Scalars['ID']['input'];
  /** Departure, in the future. */
  departureAt: Scalars['DateTime']['input'];
  /** A driver of the same company, free for the whole trip. */
  driverId?: InputMaybe<Scalars['ID']['input']>;
  /** Fare for one seat, greater than 0 and at most 40,000,000 minor units. */
  price: MoneyInput;
  /** The route (its company runs the trip). */
  routeId: Scalars['ID']['input'];
};

/** A bookable seat. */
export type Seat = {
  __typename?: 'Seat';
  /** Column letter. */
  column: Scalars['String']['output'];
  /** Deck number. */
  deck: Scalars['Int']['output'];
  /** Row number followed by column letter, e.g. 12C; tickets carry it as seat number. */
  label: Scalars['String']['output'];
  /** Row number. */
  row: Scalars['Int']['output'];
};

/** Where the seats of a bus are: one grid per deck. */
export type SeatLayout = {
  __typename?: 'SeatLayout';
  /** The decks, lowest first. */
  decks: Array<DeckLayout>;
  /** Every bookable seat. */
  seats: Array<Seat>;
};

/** A seat layout given by a company admin: at most 2 decks and 150 seats (BAD_USER_INPUT beyond). */
export type SeatLayoutInput = {
  /** One entry per deck. */
  decks: Array<DeckLayoutInput>;
};

/** A bus station, shared by every company's routes (platform data: see updateStation for who may change it). */
export type Station = {
  __typename?: 'Station';
  /** City the station serves, e.g. Kigali. */
  city: Scalars['String']['output'];
  /** Short unique code, e.g. KGL-NYB. */
  code: Scalars['String']['output'];
  /** Stable identifier. */
  id: Scalars['ID']['output'];
  /** Latitude in decimal degrees. */
  latitude: Scalars['Float']['output'];
  /** Longitude in decimal degrees. */
  longitude: Scalars['Float']['output'];
  /** Station name, e.g. Nyabugogo Bus Park. */
  name: Scalars['String']['output'];
};

/** A page of stations. */
export type StationConnection = {
  __typename?: 'StationConnection';
  /** The stations of this page with their cursors. */
  edges: Array<StationEdge>;
  /** Where this page is in the whole list. */
  pageInfo: PageInfo;
};

/** A station and its cursor. */
export type StationEdge = {
  __typename?: 'StationEdge';
  /** Opaque position of this station in the list. */
  cursor: Scalars['String']['output'];
  /** The station. */
  node: Station;
};

/** A scheduled bus departure on a route. */
export type Trip = {
  __typename?: 'Trip';
  /** Arrival at the destination. */
  arrivalAt: Scalars['DateTime']['output'];
  /** The bus used. */
  bus: Bus;
  /** Why the trip was cancelled, when it was. */
  cancellationReason?: Maybe<Scalars['String']['output']>;
  /** The company that runs the trip. */
  company: Company;
  /** Departure from the origin. */
  departureAt: Scalars['DateTime']['output'];
  /** The driver; visible to the company's staff and platform admins only, null otherwise or when unassigned. */
  driver?: Maybe<Driver>;
  /** Every pair of the trip's stops with its fare, in route order: the route's fare for the pair where set, else derived from price. */
  fares: Array<TripFare>;
  /** Stable identifier. */
  id: Scalars['ID']['output'];
  /** Fare for one seat on the whole route. */
  price: Money;
  /** The route driven. */
  route: Route;
  /** Where the trip is in its life. */
  status: TripStatus;
  /** Increases on every change (the version carried by trip events). */
  version: Scalars['Int']['output'];
};

/** A page of trips. */
export type TripConnection = {
  __typename?: 'TripConnection';
  /** The trips of this page with their cursors. */
  edges: Array<TripEdge>;
  /** Where this page is in the whole list. */
  pageInfo: PageInfo;
};

/** A trip and its cursor. */
export type TripEdge = {
  __typename?: 'TripEdge';
  /** Opaque position of this trip in the list. */
  cursor: Scalars['String']['output'];
  /** The trip. */
  node: Trip;
};

/** The fare of one seat between two stops of a trip. */
export type TripFare = {
  __typename?: 'TripFare';
  /** Order of the stop where they leave the bus. */
  alightingStop: Scalars['Int']['output'];
  /** Order (RouteStop.order) of the stop where passengers board. */
  boardingStop: Scalars['Int']['output'];
  /** True when no fare is set for the pair and it is the trip's price in proportion to the minutes the pair takes of the whole route (rounded to 50); false for the whole route (the trip's price) and for fares set on the route. */
  derived: Scalars['Boolean']['output'];
  /** The fare. */
  price: Money;
};

/** Steps of a trip's life that staff record. */
export type TripProgress =
  /** The bus arrived. */
  | 'ARRIVED'
  /** Boarding has started. */
  | 'BOARDING'
  /** The bus has left. */
  | 'DEPARTED';

/** Where a trip is in its life. */
export type TripStatus =
  /** The bus reached its destination. */
  | 'ARRIVED'
  /** Passengers are boarding. */
  | 'BOARDING'
  /** Called off by the company. */
  | 'CANCELLED'
  /** The bus has left. */
  | 'DEPARTED'
  /** On sale; has not started boarding. */
  | 'SCHEDULED';

/** Changes to a bus; omitted fields stay as they are. */
export type UpdateBusInput = {
  /** What the bus offers (replaces the list). */
  amenities?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Make and model. */
  model?: InputMaybe<Scalars['String']['input']>;
  /** Registration plate. */
  plateNumber?: InputMaybe<Scalars['String']['input']>;
  /** New layout; upcoming scheduled trips of the bus follow it. */
  seatLayout?: InputMaybe<SeatLayoutInput>;
};

/** Changes to a company; omitted fields stay as they are. */
export type UpdateCompanyInput = {
  /** Contact email (null clears it). */
  contactEmail?: InputMaybe<Scalars['String']['input']>;
  /** Contact phone (null clears it). */
  contactPhone?: InputMaybe<Scalars['String']['input']>;
  /** ISO 4217 currency (RWF, KES, UGX, TZS, BIF, USD); refused with BAD_USER_INPUT (`reason: CURRENCY_IN_USE`) while a trip priced in another currency is not over (over: cancelled, arrived, or past its arrival time). Route fares in the old currency are removed. */
  currency?: InputMaybe<Scalars['String']['input']>;
  /** Display name. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** Refund rules. */
  refundPolicy?: InputMaybe<RefundPolicyInput>;
  /** Unique URL-friendly name: at most 40 lowercase letters, digits and single dashes. */
  slug?: InputMaybe<Scalars['String']['input']>;
  /** IANA time zone (not an abbreviation such as EAT: BAD_USER_INPUT); upcoming scheduled trips are re-sent (trip.updated) so they are searched by their dates in it. */
  timeZone?: InputMaybe<Scalars['String']['input']>;
};

/** Changes to a driver; omitted fields stay as they are. */
export type UpdateDriverInput = {
  /** Driving licence number. */
  licenceNumber?: InputMaybe<Scalars['String']['input']>;
  /** Full name. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** Phone number. */
  phone?: InputMaybe<Scalars['String']['input']>;
  /** Busline user account (null unlinks). */
  userId?: InputMaybe<Scalars['ID']['input']>;
};

/** Changes to a route; omitted fields stay as they are. */
export type UpdateRouteInput = {
  /** Length in kilometres. */
  distanceKm?: InputMaybe<Scalars['Int']['input']>;
  /** Name. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** New stops (replace all); upcoming scheduled trips follow them. */
  stops?: InputMaybe<Array<RouteStopInput>>;
};

/** Changes to a station; omitted fields stay as they are. */
export type UpdateStationInput = {
  /** City served. */
  city?: InputMaybe<Scalars['String']['input']>;
  /** Short unique code. */
  code?: InputMaybe<Scalars['String']['input']>;
  /** Latitude in decimal degrees. */
  latitude?: InputMaybe<Scalars['Float']['input']>;
  /** Longitude in decimal degrees. */
  longitude?: InputMaybe<Scalars['Float']['input']>;
  /** Station name. */
  name?: InputMaybe<Scalars['String']['input']>;
};

/** Changes to a scheduled trip; omitted fields stay as they are. */
export type UpdateTripInput = {
  /** New arrival, within a week of the departure. */
  arrivalAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** Another bus of the company. */
  busId?: InputMaybe<Scalars['ID']['input']>;
  /** New departure (moving it alone keeps the duration). */
  departureAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** Another driver of the company; null unassigns. */
  driverId?: InputMaybe<Scalars['ID']['input']>;
  /** New fare, greater than 0 and at most 40,000,000 minor units. */
  price?: InputMaybe<MoneyInput>;
};

/** A day of the week. */
export type Weekday =
  /** Friday. */
  | 'FRIDAY'
  /** Monday. */
  | 'MONDAY'
  /** Saturday. */
  | 'SATURDAY'
  /** Sunday. */
  | 'SUNDAY'
  /** Thursday. */
  | 'THURSDAY'
  /** Tuesday. */
  | 'TUESDAY'
  /** Wednesday. */
  | 'WEDNESDAY';



export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = {
  Company: Company;
  Route: Route;
  Station: Station;
  Trip: Trip;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Company:
    ( { __typename: 'Company' }
    & GraphQLRecursivePick<FederationTypes['Company'], {"id":true}> );
  Route:
    ( { __typename: 'Route' }
    & GraphQLRecursivePick<FederationTypes['Route'], {"id":true}> );
  Station:
    ( { __typename: 'Station' }
    & GraphQLRecursivePick<FederationTypes['Station'], {"id":true}> );
  Trip:
    ( { __typename: 'Trip' }
    & GraphQLRecursivePick<FederationTypes['Trip'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Bus: ResolverTypeWrapper<BusRow>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  BusConnection: ResolverTypeWrapper<Omit<BusConnection, 'edges'> & { edges: Array<ResolversTypes['BusEdge']> }>;
  BusEdge: ResolverTypeWrapper<Omit<BusEdge, 'node'> & { node: ResolversTypes['Bus'] }>;
  Company: ResolverTypeWrapper<CompanyRow>;
  CompanyConnection: ResolverTypeWrapper<Omit<CompanyConnection, 'edges'> & { edges: Array<ResolversTypes['CompanyEdge']> }>;
  CompanyEdge: ResolverTypeWrapper<Omit<CompanyEdge, 'node'> & { node: ResolversTypes['Company'] }>;
  CreateBusInput: CreateBusInput;
  CreateCompanyInput: CreateCompanyInput;
  CreateDriverInput: CreateDriverInput;
  CreateRouteInput: CreateRouteInput;
  CreateStationInput: CreateStationInput;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DeckLayout: ResolverTypeWrapper<DeckLayout>;
  DeckLayoutInput: DeckLayoutInput;
  Driver: ResolverTypeWrapper<DriverRow>;
  DriverConnection: ResolverTypeWrapper<Omit<DriverConnection, 'edges'> & { edges: Array<ResolversTypes['DriverEdge']> }>;
  DriverEdge: ResolverTypeWrapper<Omit<DriverEdge, 'node'> & { node: ResolversTypes['Driver'] }>;
  Money: ResolverTypeWrapper<Money>;
  MoneyInput: MoneyInput;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RefundPolicy: ResolverTypeWrapper<RefundPolicy>;
  RefundPolicyInput: RefundPolicyInput;
  RefundTier: ResolverTypeWrapper<RefundTier>;
  RefundTierInput: RefundTierInput;
  Route: ResolverTypeWrapper<RouteRow>;
  RouteConnection: ResolverTypeWrapper<Omit<RouteConnection, 'edges'> & { edges: Array<ResolversTypes['RouteEdge']> }>;
  RouteEdge: ResolverTypeWrapper<Omit<RouteEdge, 'node'> & { node: ResolversTypes['Route'] }>;
  RouteFare: ResolverTypeWrapper<RouteFare>;
  RouteFareInput: RouteFareInput;
  RouteStop: ResolverTypeWrapper<RouteStopRow>;
  RouteStopInput: RouteStopInput;
  ScheduleTimetableInput: ScheduleTimetableInput;
  ScheduleTripInput: ScheduleTripInput;
  Seat: ResolverTypeWrapper<Seat>;
  SeatLayout: ResolverTypeWrapper<SeatLayout>;
  SeatLayoutInput: SeatLayoutInput;
  Station: ResolverTypeWrapper<StationRow>;
  StationConnection: ResolverTypeWrapper<Omit<StationConnection, 'edges'> & { edges: Array<ResolversTypes['StationEdge']> }>;
  StationEdge: ResolverTypeWrapper<Omit<StationEdge, 'node'> & { node: ResolversTypes['Station'] }>;
  Trip: ResolverTypeWrapper<TripRow>;
  TripConnection: ResolverTypeWrapper<Omit<TripConnection, 'edges'> & { edges: Array<ResolversTypes['TripEdge']> }>;
  TripEdge: ResolverTypeWrapper<Omit<TripEdge, 'node'> & { node: ResolversTypes['Trip'] }>;
  TripFare: ResolverTypeWrapper<TripFare>;
  TripProgress: TripProgress;
  TripStatus: TripStatus;
  UpdateBusInput: UpdateBusInput;
  UpdateCompanyInput: UpdateCompanyInput;
  UpdateDriverInput: UpdateDriverInput;
  UpdateRouteInput: UpdateRouteInput;
  UpdateStationInput: UpdateStationInput;
  UpdateTripInput: UpdateTripInput;
  Weekday: Weekday;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Bus: BusRow;
  String: Scalars['String']['output'];
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  BusConnection: Omit<BusConnection, 'edges'> & { edges: Array<ResolversParentTypes['BusEdge']> };
  BusEdge: Omit<BusEdge, 'node'> & { node: ResolversParentTypes['Bus'] };
  Company: CompanyRow;
  CompanyConnection: Omit<CompanyConnection, 'edges'> & { edges: Array<ResolversParentTypes['CompanyEdge']> };
  CompanyEdge: Omit<CompanyEdge, 'node'> & { node: ResolversParentTypes['Company'] };
  CreateBusInput: CreateBusInput;
  CreateCompanyInput: CreateCompanyInput;
  CreateDriverInput: CreateDriverInput;
  CreateRouteInput: CreateRouteInput;
  CreateStationInput: CreateStationInput;
  Float: Scalars['Float']['output'];
  DateTime: Scalars['DateTime']['output'];
  DeckLayout: DeckLayout;
  DeckLayoutInput: DeckLayoutInput;
  Driver: DriverRow;
  DriverConnection: Omit<DriverConnection, 'edges'> & { edges: Array<ResolversParentTypes['DriverEdge']> };
  DriverEdge: Omit<DriverEdge, 'node'> & { node: ResolversParentTypes['Driver'] };
  Money: Money;
  MoneyInput: MoneyInput;
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Boolean: Scalars['Boolean']['output'];
  Query: Record<PropertyKey, never>;
  RefundPolicy: RefundPolicy;
  RefundPolicyInput: RefundPolicyInput;
  RefundTier: RefundTier;
  RefundTierInput: RefundTierInput;
  Route: RouteRow;
  RouteConnection: Omit<RouteConnection, 'edges'> & { edges: Array<ResolversParentTypes['RouteEdge']> };
  RouteEdge: Omit<RouteEdge, 'node'> & { node: ResolversParentTypes['Route'] };
  RouteFare: RouteFare;
  RouteFareInput: RouteFareInput;
  RouteStop: RouteStopRow;
  RouteStopInput: RouteStopInput;
  ScheduleTimetableInput: ScheduleTimetableInput;
  ScheduleTripInput: ScheduleTripInput;
  Seat: Seat;
  SeatLayout: SeatLayout;
  SeatLayoutInput: SeatLayoutInput;
  Station: StationRow;
  StationConnection: Omit<StationConnection, 'edges'> & { edges: Array<ResolversParentTypes['StationEdge']> };
  StationEdge: Omit<StationEdge, 'node'> & { node: ResolversParentTypes['Station'] };
  Trip: TripRow;
  TripConnection: Omit<TripConnection, 'edges'> & { edges: Array<ResolversParentTypes['TripEdge']> };
  TripEdge: Omit<TripEdge, 'node'> & { node: ResolversParentTypes['Trip'] };
  TripFare: TripFare;
  UpdateBusInput: UpdateBusInput;
  UpdateCompanyInput: UpdateCompanyInput;
  UpdateDriverInput: UpdateDriverInput;
  UpdateRouteInput: UpdateRouteInput;
  UpdateStationInput: UpdateStationInput;
  UpdateTripInput: UpdateTripInput;
};

export type BusResolvers<ContextType = CompanyContext, ParentType extends ResolversParentTypes['Bus'] = ResolversParentTypes['Bus']> = {
  amenities?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  company?: Resolver<ResolversTypes['Company'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  model?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  plateNumber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  seatCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  seatLayout?: Resolver<ResolversTypes['SeatLayout'], ParentType, ContextType>;
};

export type BusConnectionResolvers<ContextType = CompanyContext, ParentType extends ResolversParentTypes['BusConnection'] = ResolversParentTypes['BusConnection']> = {
  edges?: Resolver<Array<ResolversTypes['BusEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type BusEdgeResolvers<ContextType = CompanyContext, ParentType extends ResolversParentTypes['BusEdge'] = ResolversParentTypes['BusEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Bus'], ParentType, ContextType>;
};

export type CompanyResolvers<ContextType = CompanyContext, ParentType extends ResolversParentTypes['Company'] = ResolversParentTypes['Company'], FederationReferenceType extends FederationReferenceTypes['Company'] = FederationReferenceTypes['Company']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Company']> | FederationReferenceType, FederationReferenceType, ContextType>;
  contactEmail?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  contactPhone?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  refundPolicy?: Resolver<ResolversTypes['RefundPolicy'], ParentType, ContextType>;
  slug?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  timeZone?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type CompanyConnectionResolvers<ContextType = CompanyContext, ParentType extends ResolversParentTypes['CompanyConnection'] = ResolversParentTypes['CompanyConnection']> = {
  edges?: Resolver<Array<ResolversTypes['CompanyEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type CompanyEdgeResolvers<ContextType = CompanyContext, ParentType extends ResolversParentTypes['CompanyEdge'] = ResolversParentTypes['CompanyEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Company'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DeckLayoutResolvers<ContextType = CompanyContext, ParentType extends ResolversParentTypes['DeckLayout'] = ResolversParentTypes['DeckLayout']> = {
  aisleAfter?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  columns?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  deck?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  firstRow?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  rows?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  skippedSeats?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
};

export type DriverResolvers<ContextType = CompanyContext, ParentType extends ResolversParentTypes['Driver'] = ResolversParentTypes['Driver']> = {
  company?: Resolver<ResolversTypes['Company'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  licenceNumber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  phone?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  userId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
};

export type DriverConnectionResolvers<ContextType = CompanyContext, ParentType extends ResolversParentTypes['DriverConnection'] = ResolversParentTypes['DriverConnection']> = {
  edges?: Resolver<Array<ResolversTypes['DriverEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type DriverEdgeResolvers<ContextType = CompanyContext, ParentType extends ResolversParentTypes['DriverEdge'] = ResolversParentTypes['DriverEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Driver'], ParentType, ContextType>;
};

export type MoneyResolvers<ContextType = CompanyContext, ParentType extends ResolversParentTypes['Money'] = ResolversParentTypes['Money']> = {
  amount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = CompanyContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  cancelTrip?: Resolver<ResolversTypes['Trip'], ParentType, ContextType, RequireFields<MutationCancelTripArgs, 'reason' | 'tripId'>>;
  createBus?: Resolver<ResolversTypes['Bus'], ParentType, ContextType, RequireFields<MutationCreateBusArgs, 'input'>>;
  createCompany?: Resolver<ResolversTypes['Company'], ParentType, ContextType, RequireFields<MutationCreateCompanyArgs, 'input'>>;
  createDriver?: Resolver<ResolversTypes['Driver'], ParentType, ContextType, RequireFields<MutationCreateDriverArgs, 'input'>>;
  createRoute?: Resolver<ResolversTypes['Route'], ParentType, ContextType, RequireFields<MutationCreateRouteArgs, 'input'>>;
  createStation?: Resolver<ResolversTypes['Station'], ParentType, ContextType, RequireFields<MutationCreateStationArgs, 'input'>>;
  scheduleTimetable?: Resolver<Array<ResolversTypes['Trip']>, ParentType, ContextType, RequireFields<MutationScheduleTimetableArgs, 'input'>>;
  scheduleTrip?: Resolver<ResolversTypes['Trip'], ParentType, ContextType, RequireFields<MutationScheduleTripArgs, 'input'>>;
  setRouteFares?: Resolver<ResolversTypes['Route'], ParentType, ContextType, RequireFields<MutationSetRouteFaresArgs, 'fares' | 'routeId'>>;
  updateBus?: Resolver<ResolversTypes['Bus'], ParentType, ContextType, RequireFields<MutationUpdateBusArgs, 'id' | 'input'>>;
  updateCompany?: Resolver<ResolversTypes['Company'], ParentType, ContextType, RequireFields<MutationUpdateCompanyArgs, 'id' | 'input'>>;
  updateDriver?: Resolver<ResolversTypes['Driver'], ParentType, ContextType, RequireFields<MutationUpdateDriverArgs, 'id' | 'input'>>;
  updateRoute?: Resolver<ResolversTypes['Route'], ParentType, ContextType, RequireFields<MutationUpdateRouteArgs, 'id' | 'input'>>;
  updateStation?: Resolver<ResolversTypes['Station'], ParentType, ContextType, RequireFields<MutationUpdateStationArgs, 'id' | 'input'>>;
  updateTrip?: Resolver<ResolversTypes['Trip'], ParentType, ContextType, RequireFields<MutationUpdateTripArgs, 'input' | 'tripId'>>;
  updateTripStatus?: Resolver<ResolversTypes['Trip'], ParentType, ContextType, RequireFields<MutationUpdateTripStatusArgs, 'status' | 'tripId'>>;
};

export type PageInfoResolvers<ContextType = CompanyContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type QueryResolvers<ContextType = CompanyContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  buses?: Resolver<ResolversTypes['BusConnection'], ParentType, ContextType, RequireFields<QueryBusesArgs, 'companyId' | 'first'>>;
  companies?: Resolver<ResolversTypes['CompanyConnection'], ParentType, ContextType, RequireFields<QueryCompaniesArgs, 'first'>>;
  company?: Resolver<Maybe<ResolversTypes['Company']>, ParentType, ContextType, Partial<QueryCompanyArgs>>;
  drivers?: Resolver<ResolversTypes['DriverConnection'], ParentType, ContextType, RequireFields<QueryDriversArgs, 'companyId' | 'first'>>;
  myDriverTrips?: Resolver<ResolversTypes['TripConnection'], ParentType, ContextType, RequireFields<QueryMyDriverTripsArgs, 'first'>>;
  route?: Resolver<Maybe<ResolversTypes['Route']>, ParentType, ContextType, RequireFields<QueryRouteArgs, 'id'>>;
  routes?: Resolver<ResolversTypes['RouteConnection'], ParentType, ContextType, RequireFields<QueryRoutesArgs, 'companyId' | 'first'>>;
  station?: Resolver<Maybe<ResolversTypes['Station']>, ParentType, ContextType, RequireFields<QueryStationArgs, 'id'>>;
  stations?: Resolver<ResolversTypes['StationConnection'], ParentType, ContextType, RequireFields<QueryStationsArgs, 'first'>>;
  trip?: Resolver<Maybe<ResolversTypes['Trip']>, ParentType, ContextType, RequireFields<QueryTripArgs, 'id'>>;
  trips?: Resolver<ResolversTypes['TripConnection'], ParentType, ContextType, RequireFields<QueryTripsArgs, 'first'>>;
};

export type RefundPolicyResolvers<ContextType = CompanyContext, ParentType extends ResolversParentTypes['RefundPolicy'] = ResolversParentTypes['RefundPolicy']> = {
  tiers?: Resolver<Array<ResolversTypes['RefundTier']>, ParentType, ContextType>;
};

export type RefundTierResolvers<ContextType = CompanyContext, ParentType extends ResolversParentTypes['RefundTier'] = ResolversParentTypes['RefundTier']> = {
  minHoursBeforeDeparture?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  refundPercent?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type RouteResolvers<ContextType = CompanyContext, ParentType extends ResolversParentTypes['Route'] = ResolversParentTypes['Route'], FederationReferenceType extends FederationReferenceTypes['Route'] = FederationReferenceTypes['Route']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Route']> | FederationReferenceType, FederationReferenceType, ContextType>;
  company?: Resolver<ResolversTypes['Company'], ParentType, ContextType>;
  destination?: Resolver<ResolversTypes['Station'], ParentType, ContextType>;
  distanceKm?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  durationMinutes?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  fares?: Resolver<Array<ResolversTypes['RouteFare']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  origin?: Resolver<ResolversTypes['Station'], ParentType, ContextType>;
  stops?: Resolver<Array<ResolversTypes['RouteStop']>, ParentType, ContextType>;
};

export type RouteConnectionResolvers<ContextType = CompanyContext, ParentType extends ResolversParentTypes['RouteConnection'] = ResolversParentTypes['RouteConnection']> = {
  edges?: Resolver<Array<ResolversTypes['RouteEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type RouteEdgeResolvers<ContextType = CompanyContext, ParentType extends ResolversParentTypes['RouteEdge'] = ResolversParentTypes['RouteEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Route'], ParentType, ContextType>;
};

export type RouteFareResolvers<ContextType = CompanyContext, ParentType extends ResolversParentTypes['RouteFare'] = ResolversParentTypes['RouteFare']> = {
  alightingStop?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  boardingStop?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  price?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
};

export type RouteStopResolvers<ContextType = CompanyContext, ParentType extends ResolversParentTypes['RouteStop'] = ResolversParentTypes['RouteStop']> = {
  minutesFromDeparture?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  order?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  station?: Resolver<ResolversTypes['Station'], ParentType, ContextType>;
};

export type SeatResolvers<ContextType = CompanyContext, ParentType extends ResolversParentTypes['Seat'] = ResolversParentTypes['Seat']> = {
  column?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  deck?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  label?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  row?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type SeatLayoutResolvers<ContextType = CompanyContext, ParentType extends ResolversParentTypes['SeatLayout'] = ResolversParentTypes['SeatLayout']> = {
  decks?: Resolver<Array<ResolversTypes['DeckLayout']>, ParentType, ContextType>;
  seats?: Resolver<Array<ResolversTypes['Seat']>, ParentType, ContextType>;
};

export type StationResolvers<ContextType = CompanyContext, ParentType extends ResolversParentTypes['Station'] = ResolversParentTypes['Station'], FederationReferenceType extends FederationReferenceTypes['Station'] = FederationReferenceTypes['Station']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Station']> | FederationReferenceType, FederationReferenceType, ContextType>;
  city?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  latitude?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  longitude?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type StationConnectionResolvers<ContextType = CompanyContext, ParentType extends ResolversParentTypes['StationConnection'] = ResolversParentTypes['StationConnection']> = {
  edges?: Resolver<Array<ResolversTypes['StationEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type StationEdgeResolvers<ContextType = CompanyContext, ParentType extends ResolversParentTypes['StationEdge'] = ResolversParentTypes['StationEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Station'], ParentType, ContextType>;
};

export type TripResolvers<ContextType = CompanyContext, ParentType extends ResolversParentTypes['Trip'] = ResolversParentTypes['Trip'], FederationReferenceType extends FederationReferenceTypes['Trip'] = FederationReferenceTypes['Trip']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Trip']> | FederationReferenceType, FederationReferenceType, ContextType>;
  arrivalAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  bus?: Resolver<ResolversTypes['Bus'], ParentType, ContextType>;
  cancellationReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  company?: Resolver<ResolversTypes['Company'], ParentType, ContextType>;
  departureAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  driver?: Resolver<Maybe<ResolversTypes['Driver']>, ParentType, ContextType>;
  fares?: Resolver<Array<ResolversTypes['TripFare']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  price?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  route?: Resolver<ResolversTypes['Route'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['TripStatus'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type TripConnectionResolvers<ContextType = CompanyContext, ParentType extends ResolversParentTypes['TripConnection'] = ResolversParentTypes['TripConnection']> = {
  edges?: Resolver<Array<ResolversTypes['TripEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type TripEdgeResolvers<ContextType = CompanyContext, ParentType extends ResolversParentTypes['TripEdge'] = ResolversParentTypes['TripEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Trip'], ParentType, ContextType>;
};

export type TripFareResolvers<ContextType = CompanyContext, ParentType extends ResolversParentTypes['TripFare'] = ResolversParentTypes['TripFare']> = {
  alightingStop?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  boardingStop?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  derived?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  price?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
};

export type Resolvers<ContextType = CompanyContext> = {
  Bus?: BusResolvers<ContextType>;
  BusConnection?: BusConnectionResolvers<ContextType>;
  BusEdge?: BusEdgeResolvers<ContextType>;
  Company?: CompanyResolvers<ContextType>;
  CompanyConnection?: CompanyConnectionResolvers<ContextType>;
  CompanyEdge?: CompanyEdgeResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  DeckLayout?: DeckLayoutResolvers<ContextType>;
  Driver?: DriverResolvers<ContextType>;
  DriverConnection?: DriverConnectionResolvers<ContextType>;
  DriverEdge?: DriverEdgeResolvers<ContextType>;
  Money?: MoneyResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RefundPolicy?: RefundPolicyResolvers<ContextType>;
  RefundTier?: RefundTierResolvers<ContextType>;
  Route?: RouteResolvers<ContextType>;
  RouteConnection?: RouteConnectionResolvers<ContextType>;
  RouteEdge?: RouteEdgeResolvers<ContextType>;
  RouteFare?: RouteFareResolvers<ContextType>;
  RouteStop?: RouteStopResolvers<ContextType>;
  Seat?: SeatResolvers<ContextType>;
  SeatLayout?: SeatLayoutResolvers<ContextType>;
  Station?: StationResolvers<ContextType>;
  StationConnection?: StationConnectionResolvers<ContextType>;
  StationEdge?: StationEdgeResolvers<ContextType>;
  Trip?: TripResolvers<ContextType>;
  TripConnection?: TripConnectionResolvers<ContextType>;
  TripEdge?: TripEdgeResolvers<ContextType>;
  TripFare?: TripFareResolvers<ContextType>;
};

