import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { UserRef, PassengerDashboardParent, CompanyDashboardParent, PlatformDashboardParent } from '../resolvers/mappers';
import type { UserContext } from '../context';
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

/** A booking (owned by the ticketing subgraph; the router fetches its details there). */
export type Booking = {
  __typename?: 'Booking';
  /** Stable identifier. */
  id: Scalars['ID']['output'];
};

/** What one sales channel sold over a company dashboard's window. */
export type ChannelSales = {
  __typename?: 'ChannelSales';
  /** Bookings of the channel confirmed in the window. */
  bookings: Scalars['Int']['output'];
  /** Money of the channel's bookings (payments succeeded and refunds paid out in the window), one entry per currency. */
  byCurrency: Array<CurrencyRevenue>;
  /** Bookings of the channel cancelled in the window. */
  cancellations: Scalars['Int']['output'];
  /** ONLINE or COUNTER. */
  channel: SalesChannel;
  /** Seats of the channel's bookings confirmed in the window that are still sold. */
  seatsSold: Scalars['Int']['output'];
};

/** A bus company (owned by the company subgraph; the router fetches its details there). */
export type Company = {
  __typename?: 'Company';
  /** Stable identifier. */
  id: Scalars['ID']['output'];
};

/**
 * A company's figures over a window. Revenue counts payments by the time they succeeded, refunds by
 * the time they were paid out; bookings and seats by the time a booking was confirmed. Amounts of
 * different currencies are never added: each `byCurrency` list has one entry per currency, and the
 * single revenue, refunds and netRevenue figures are in the company's currency (Company.currency)
 * only.
 */
export type CompanyDashboard = {
  __typename?: 'CompanyDashboard';
  /** Counter and online sales over the window, one entry per channel (ONLINE, then COUNTER), from the channel of each booking's events (bookings whose events carry none are ONLINE). */
  byChannel: Array<ChannelSales>;
  /** The company. */
  companyId: Scalars['ID']['output'];
  /** Start of the window (inclusive). */
  from: Scalars['DateTime']['output'];
  /** Bookings confirmed in the window and not cancelled since, by route and origin-destination pair, with what they were sold for; highest revenue first. */
  revenueByPair: Array<PairRevenue>;
  /** One entry per calendar day of the window in the company's time zone (timeZone), days without activity included. */
  revenuePerDay: Array<DailyRevenue>;
  /** Occupancy per route, over the company's trips departing in the window (cancelled trips left out). */
  routeOccupancy: Array<RouteOccupancy>;
  /** Occupancy per route and leg (a stop to the next), over the company's trips departing in the window (cancelled trips left out): a booking fills the legs from its boarding to its alighting stop (docs/segments.md). */
  segmentOccupancy: Array<SegmentOccupancy>;
  /** IANA time zone the days of revenuePerDay are counted in: the company's (Company.timeZone; Africa/Kigali until the company told one). */
  timeZone: Scalars['String']['output'];
  /** End of the window (exclusive). */
  to: Scalars['DateTime']['output'];
  /** Sums over the whole window. */
  totals: CompanyTotals;
  /** Occupancy of the company's trips departing in the window (cancelled trips left out), by departure. */
  tripOccupancy: TripOccupancyConnection;
};


/**
 * A company's figures over a window. Revenue counts payments by the time they succeeded, refunds by
 * the time they were paid out; bookings and seats by the time a booking was confirmed. Amounts of
 * different currencies are never added: each `byCurrency` list has one entry per currency, and the
 * single revenue, refunds and netRevenue figures are in the company's currency (Company.currency)
 * only.
 */
export type CompanyDashboardTripOccupancyArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** One company's figures on the platform dashboard. */
export type CompanyFigures = {
  __typename?: 'CompanyFigures';
  /** Bookings confirmed. */
  bookings: Scalars['Int']['output'];
  /** The company's money, one entry per currency with any. */
  byCurrency: Array<CurrencyRevenue>;
  /** Bookings cancelled. */
  cancellations: Scalars['Int']['output'];
  /** The company (its other fields come from the company subgraph). */
  company: Company;
  /** The company's name as last announced, when known. */
  companyName?: Maybe<Scalars['String']['output']>;
  /** Revenue minus refunds, in the company's currency. */
  netRevenue: Money;
  /** Refunds paid out, in the company's currency. */
  refunds: Money;
  /** Payments that succeeded, in the company's currency. */
  revenue: Money;
  /** Seats of confirmed bookings that are still sold. */
  seatsSold: Scalars['Int']['output'];
};

/** Sums of a company's activity over a window. */
export type CompanyTotals = {
  __typename?: 'CompanyTotals';
  /** Bookings confirmed in the window. */
  bookings: Scalars['Int']['output'];
  /** The window's money, one entry per currency with any. */
  byCurrency: Array<CurrencyRevenue>;
  /** Bookings cancelled in the window (whether or not they had been paid). */
  cancellations: Scalars['Int']['output'];
  /** Revenue minus refunds, in the company's currency. */
  netRevenue: Money;
  /** Refunds paid out in the window, in the company's currency. */
  refunds: Money;
  /** Payments that succeeded in the window, in the company's currency. */
  revenue: Money;
  /** Seats of the bookings confirmed in the window that are still sold (not cancelled since). */
  seatsSold: Scalars['Int']['output'];
};

/** What one currency brought: payments in, refunds out, and the difference. */
export type CurrencyRevenue = {
  __typename?: 'CurrencyRevenue';
  /** ISO 4217 currency code, e.g. KES. */
  currency: Scalars['String']['output'];
  /** Revenue minus refunds, in this currency. */
  netRevenue: Money;
  /** Refunds paid out in this currency. */
  refunds: Money;
  /** Payments that succeeded in this currency. */
  revenue: Money;
};

/** Money and bookings of one local day. */
export type DailyRevenue = {
  __typename?: 'DailyRevenue';
  /** Bookings confirmed that day. */
  bookings: Scalars['Int']['output'];
  /** That day's money, one entry per currency with any. */
  byCurrency: Array<CurrencyRevenue>;
  /** Calendar day in the company's time zone (CompanyDashboard.timeZone), e.g. 2026-03-14. */
  date: Scalars['String']['output'];
  /** Revenue minus refunds that day, in the company's currency. */
  netRevenue: Money;
  /** Refunds paid out that day, in the company's currency. */
  refunds: Money;
  /** Payments that succeeded that day, in the company's currency. */
  revenue: Money;
};

/** An amount of money in minor units of its currency (RWF has none: 5000 means 5,000 RWF). */
export type Money = {
  __typename?: 'Money';
  /** Amount in minor units. */
  amount: Scalars['Int']['output'];
  /** ISO 4217 currency code, e.g. RWF. */
  currency: Scalars['String']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Platform admins: lifts a suspension. */
  reinstateUser: User;
  /**
   * Platform admins: gives a user a role. companyId is required for COMPANY_ADMIN, DRIVER and COUNTER_AGENT and must be
   * omitted otherwise; a company not known (yet: one created a moment ago is awaited up to 5 s) fails with
   * BAD_USER_INPUT reason UNKNOWN_COMPANY. The same role and company again change nothing. The user's next token
   * (sign-in or refresh) carries the new role.
   */
  setUserRole: User;
  /** Platform admins: suspends a user; their sessions end and they cannot sign in until reinstated. */
  suspendUser: User;
  /** Updates the signed-in user's profile. */
  updateProfile: Profile;
};


export type MutationReinstateUserArgs = {
  userId: Scalars['ID']['input'];
};


export type MutationSetUserRoleArgs = {
  companyId?: InputMaybe<Scalars['ID']['input']>;
  role: Role;
  userId: Scalars['ID']['input'];
};


export type MutationSuspendUserArgs = {
  reason: Scalars['String']['input'];
  userId: Scalars['ID']['input'];
};


export type MutationUpdateProfileArgs = {
  input: UpdateProfileInput;
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

/** What one origin-destination pair of a route sold. */
export type PairRevenue = {
  __typename?: 'PairRevenue';
  /** Stop order where they leave the bus; null for bookings from before segments. */
  alightingStop?: Maybe<Scalars['Int']['output']>;
  /** Stop order where the passengers board; null for bookings from before segments (the whole route). */
  boardingStop?: Maybe<Scalars['Int']['output']>;
  /** Bookings of the pair. */
  bookings: Scalars['Int']['output'];
  /** City they leave the bus in. */
  destination?: Maybe<Scalars['String']['output']>;
  /** City they board in. */
  origin?: Maybe<Scalars['String']['output']>;
  /** What those bookings were sold for (a pair sold in two currencies has one entry per currency). */
  revenue: Money;
  /** The route (owned by the company subgraph). */
  routeId: Scalars['ID']['output'];
  /** Seats of those bookings. */
  seatsSold: Scalars['Int']['output'];
};

/**
 * What a passenger sees on their home screen. Figures come from domain events and may lag a
 * change by a moment.
 */
export type PassengerDashboard = {
  __typename?: 'PassengerDashboard';
  /** How many of the user's bookings were confirmed (paid), including ones cancelled later. */
  bookingsCount: Scalars['Int']['output'];
  /** Confirmed bookings whose trip has departed, most recent first. */
  pastTrips: PassengerTripConnection;
  /** Money paid minus money refunded, in the currency of the user's latest payment (RWF before any); money in other currencies is only in totalSpentByCurrency. */
  totalSpent: Money;
  /** Money paid minus money refunded, one entry per currency the user paid or was refunded in (amounts of different currencies are never added), by currency code. */
  totalSpentByCurrency: Array<Money>;
  /** Confirmed bookings whose trip has not departed yet, soonest first. */
  upcomingTrips: Array<PassengerTrip>;
};


/**
 * What a passenger sees on their home screen. Figures come from domain events and may lag a
 * change by a moment.
 */
export type PassengerDashboardPastTripsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** One confirmed booking of the passenger and its trip. */
export type PassengerTrip = {
  __typename?: 'PassengerTrip';
  /** When the trip arrives, when known. */
  arrivalAt?: Maybe<Scalars['DateTime']['output']>;
  /** The booking (details from the ticketing subgraph). */
  booking: Booking;
  /** Id of the booking. */
  bookingId: Scalars['ID']['output'];
  /** When the trip leaves, when known. */
  departureAt?: Maybe<Scalars['DateTime']['output']>;
  /** City the trip goes to, when known. */
  destination?: Maybe<Scalars['String']['output']>;
  /** City the trip leaves from, when known. */
  origin?: Maybe<Scalars['String']['output']>;
  /** Seats in the booking. */
  seats: Scalars['Int']['output'];
  /** The trip (details from the company and ticketing subgraphs). */
  trip: Trip;
};

/** A page of past trips, most recent first. */
export type PassengerTripConnection = {
  __typename?: 'PassengerTripConnection';
  /** The trips of this page. */
  edges: Array<PassengerTripEdge>;
  /** Where this page sits in the whole list. */
  pageInfo: PageInfo;
};

/** One past trip in a page. */
export type PassengerTripEdge = {
  __typename?: 'PassengerTripEdge';
  /** Position of this trip, for after. */
  cursor: Scalars['String']['output'];
  /** The trip. */
  node: PassengerTrip;
};

/** Figures of the whole platform; amounts of different currencies are never added. */
export type PlatformDashboard = {
  __typename?: 'PlatformDashboard';
  /** One entry per company with activity or a known name, by revenue in its own currency (highest first), then name. */
  companies: Array<CompanyFigures>;
  /** Sums over all companies. */
  totals: PlatformTotals;
};

/** Sums over every company. */
export type PlatformTotals = {
  __typename?: 'PlatformTotals';
  /** Bookings confirmed. */
  bookings: Scalars['Int']['output'];
  /** Sums per currency over every company, one entry per currency with any. */
  byCurrency: Array<CurrencyRevenue>;
  /** Bookings cancelled. */
  cancellations: Scalars['Int']['output'];
  /** Revenue minus refunds, in the same currency as revenue. */
  netRevenue: Money;
  /** Refunds paid out, in the same currency as revenue. */
  refunds: Money;
  /** Payments that succeeded: the sum when all money is in one currency, otherwise the RWF amounts only (every currency is in byCurrency). */
  revenue: Money;
  /** Seats of confirmed bookings that are still sold. */
  seatsSold: Scalars['Int']['output'];
};

/** How a user presents themselves and likes to be contacted. */
export type Profile = {
  __typename?: 'Profile';
  /** Picture shown in the apps. */
  avatarUrl?: Maybe<Scalars['String']['output']>;
  /** Full name as printed on tickets. */
  fullName: Scalars['String']['output'];
  /** Preferred language (BCP 47), e.g. rw, en, fr. */
  language: Scalars['String']['output'];
  /** Mobile number in international format, e.g. +250788123456. */
  phone?: Maybe<Scalars['String']['output']>;
};

export type Query = {
  __typename?: 'Query';
  /**
   * Figures of one company over [from, to) (at most 366 days): revenue per local day of the company's
   * time zone, totals, sales by channel, and occupancy of its trips and routes; money per currency. For
   * that company's COMPANY_ADMIN and for PLATFORM_ADMIN.
   */
  companyDashboard: CompanyDashboard;
  /** The signed-in user's travel summary: upcoming and past trips, money spent, bookings made. */
  myDashboard: PassengerDashboard;
  /**
   * Figures of every company, for PLATFORM_ADMIN; over [from, to) when both are given (at most
   * 366 days), else over all time.
   */
  platformDashboard: PlatformDashboard;
  /** Users, for platform admins: filter by role and search by words of the name or email (prefix match). */
  users: UserConnection;
};


export type QueryCompanyDashboardArgs = {
  companyId: Scalars['ID']['input'];
  from: Scalars['DateTime']['input'];
  to: Scalars['DateTime']['input'];
};


export type QueryPlatformDashboardArgs = {
  from?: InputMaybe<Scalars['DateTime']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};


export type QueryUsersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  role?: InputMaybe<Role>;
  search?: InputMaybe<Scalars['String']['input']>;
};

/** What a user may do on the platform. */
export type Role =
  /** Manages one company's network, trips and staff. */
  | 'COMPANY_ADMIN'
  /** Sells tickets at one company's counter (walk-in passengers), takes cash and reprints the passes it sold. */
  | 'COUNTER_AGENT'
  /** Drives a company's buses and scans boarding passes. */
  | 'DRIVER'
  /** Buys tickets and travels. */
  | 'PASSENGER'
  /** Operates the whole platform. */
  | 'PLATFORM_ADMIN';

/** How full a route's trips are. */
export type RouteOccupancy = {
  __typename?: 'RouteOccupancy';
  /** City the route ends in. */
  destination?: Maybe<Scalars['String']['output']>;
  /** seatsSold / seatCount, from 0 to 1 (0 when there are no seats). */
  occupancy: Scalars['Float']['output'];
  /** City the route starts from. */
  origin?: Maybe<Scalars['String']['output']>;
  /** The route (owned by the company subgraph). */
  routeId: Scalars['ID']['output'];
  /** Seats offered over those trips. */
  seatCount: Scalars['Int']['output'];
  /** Seats sold over those trips. */
  seatsSold: Scalars['Int']['output'];
  /** Trips of the route in the window. */
  trips: Scalars['Int']['output'];
};

/** Where a booking was sold. */
export type SalesChannel =
  /** Sold at a company's counter by a COUNTER_AGENT or COMPANY_ADMIN for a walk-in passenger. */
  | 'COUNTER'
  /** Booked by the passenger in their own account (web or app). */
  | 'ONLINE';

/** How full one leg of a route's trips is. */
export type SegmentOccupancy = {
  __typename?: 'SegmentOccupancy';
  /** City of the first stop of the leg. */
  fromCity?: Maybe<Scalars['String']['output']>;
  /** Stop order where the leg starts. */
  fromStop: Scalars['Int']['output'];
  /** seatsSold / seatCount, from 0 to 1 (0 when there are no seats). */
  occupancy: Scalars['Float']['output'];
  /** The route (owned by the company subgraph). */
  routeId: Scalars['ID']['output'];
  /** Seats offered over those trips. */
  seatCount: Scalars['Int']['output'];
  /** Seats sold on this leg over those trips. */
  seatsSold: Scalars['Int']['output'];
  /** City of its last stop. */
  toCity?: Maybe<Scalars['String']['output']>;
  /** Stop order where it ends (the next stop). */
  toStop: Scalars['Int']['output'];
  /** Trips of the route in the window. */
  trips: Scalars['Int']['output'];
};

/** A trip run by a company (owned by the company subgraph; the router fetches its details there). */
export type Trip = {
  __typename?: 'Trip';
  /** Stable identifier. */
  id: Scalars['ID']['output'];
};

/** How full one trip is. */
export type TripOccupancy = {
  __typename?: 'TripOccupancy';
  /** Tickets scanned aboard. */
  boarded: Scalars['Int']['output'];
  /** When the trip leaves, when known. */
  departureAt?: Maybe<Scalars['DateTime']['output']>;
  /** seatsSold / seatCount, from 0 to 1 (0 when the trip has no seats). */
  occupancy: Scalars['Float']['output'];
  /** Route of the trip, when known. */
  routeId?: Maybe<Scalars['ID']['output']>;
  /** Seats on the trip's bus. */
  seatCount: Scalars['Int']['output'];
  /** Seats in confirmed bookings that are not cancelled. */
  seatsSold: Scalars['Int']['output'];
  /** The trip (details from the company and ticketing subgraphs). */
  trip: Trip;
};

/** A page of trip occupancies, earliest departure first. */
export type TripOccupancyConnection = {
  __typename?: 'TripOccupancyConnection';
  /** The trips of this page. */
  edges: Array<TripOccupancyEdge>;
  /** Where this page sits in the whole list. */
  pageInfo: PageInfo;
};

/** One trip occupancy in a page. */
export type TripOccupancyEdge = {
  __typename?: 'TripOccupancyEdge';
  /** Position of this trip, for after. */
  cursor: Scalars['String']['output'];
  /** The trip occupancy. */
  node: TripOccupancy;
};

/** Changes to the signed-in user's profile; omitted fields stay as they are, null clears phone or avatarUrl. */
export type UpdateProfileInput = {
  /** An https URL of the picture. */
  avatarUrl?: InputMaybe<Scalars['String']['input']>;
  /** Full name as printed on tickets (1 to 120 characters). */
  fullName?: InputMaybe<Scalars['String']['input']>;
  /** Preferred language (BCP 47), e.g. rw, en, fr. */
  language?: InputMaybe<Scalars['String']['input']>;
  /** Mobile number in international format, e.g. +250788123456. */
  phone?: InputMaybe<Scalars['String']['input']>;
};

/**
 * A person with an account; the user subgraph contributes the profile and the suspension state.
 * These fields are visible to the user themself and to platform admins; anyone else gets FORBIDDEN.
 */
export type User = {
  __typename?: 'User';
  /** Stable identifier (owned by the auth subgraph). */
  id: Scalars['ID']['output'];
  /** Name, phone and preferences of the user. */
  profile: Profile;
  /** Whether a platform admin suspended the account (it can then neither sign in nor refresh). */
  suspended: Scalars['Boolean']['output'];
  /** Why the account was suspended, while it is. */
  suspensionReason?: Maybe<Scalars['String']['output']>;
};

/** A page of users, oldest registration first. */
export type UserConnection = {
  __typename?: 'UserConnection';
  /** The users of this page. */
  edges: Array<UserEdge>;
  /** Where this page sits in the whole list. */
  pageInfo: PageInfo;
};

/** One user in a page. */
export type UserEdge = {
  __typename?: 'UserEdge';
  /** Position of this user, for `after`. */
  cursor: Scalars['String']['output'];
  /** The user. */
  node: User;
};



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
  User: User;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  User:
    ( { __typename: 'User' }
    & GraphQLRecursivePick<FederationTypes['User'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Booking: ResolverTypeWrapper<Booking>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  ChannelSales: ResolverTypeWrapper<ChannelSales>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Company: ResolverTypeWrapper<Company>;
  CompanyDashboard: ResolverTypeWrapper<CompanyDashboardParent>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  CompanyFigures: ResolverTypeWrapper<CompanyFigures>;
  CompanyTotals: ResolverTypeWrapper<CompanyTotals>;
  CurrencyRevenue: ResolverTypeWrapper<CurrencyRevenue>;
  DailyRevenue: ResolverTypeWrapper<DailyRevenue>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Money: ResolverTypeWrapper<Money>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  PairRevenue: ResolverTypeWrapper<PairRevenue>;
  PassengerDashboard: ResolverTypeWrapper<PassengerDashboardParent>;
  PassengerTrip: ResolverTypeWrapper<PassengerTrip>;
  PassengerTripConnection: ResolverTypeWrapper<PassengerTripConnection>;
  PassengerTripEdge: ResolverTypeWrapper<PassengerTripEdge>;
  PlatformDashboard: ResolverTypeWrapper<PlatformDashboardParent>;
  PlatformTotals: ResolverTypeWrapper<PlatformTotals>;
  Profile: ResolverTypeWrapper<Profile>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Role: Role;
  RouteOccupancy: ResolverTypeWrapper<RouteOccupancy>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  SalesChannel: SalesChannel;
  SegmentOccupancy: ResolverTypeWrapper<SegmentOccupancy>;
  Trip: ResolverTypeWrapper<Trip>;
  TripOccupancy: ResolverTypeWrapper<TripOccupancy>;
  TripOccupancyConnection: ResolverTypeWrapper<TripOccupancyConnection>;
  TripOccupancyEdge: ResolverTypeWrapper<TripOccupancyEdge>;
  UpdateProfileInput: UpdateProfileInput;
  User: ResolverTypeWrapper<UserRef>;
  UserConnection: ResolverTypeWrapper<Omit<UserConnection, 'edges'> & { edges: Array<ResolversTypes['UserEdge']> }>;
  UserEdge: ResolverTypeWrapper<Omit<UserEdge, 'node'> & { node: ResolversTypes['User'] }>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Booking: Booking;
  ID: Scalars['ID']['output'];
  ChannelSales: ChannelSales;
  Int: Scalars['Int']['output'];
  Company: Company;
  CompanyDashboard: CompanyDashboardParent;
  String: Scalars['String']['output'];
  CompanyFigures: CompanyFigures;
  CompanyTotals: CompanyTotals;
  CurrencyRevenue: CurrencyRevenue;
  DailyRevenue: DailyRevenue;
  DateTime: Scalars['DateTime']['output'];
  Money: Money;
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Boolean: Scalars['Boolean']['output'];
  PairRevenue: PairRevenue;
  PassengerDashboard: PassengerDashboardParent;
  PassengerTrip: PassengerTrip;
  PassengerTripConnection: PassengerTripConnection;
  PassengerTripEdge: PassengerTripEdge;
  PlatformDashboard: PlatformDashboardParent;
  PlatformTotals: PlatformTotals;
  Profile: Profile;
  Query: Record<PropertyKey, never>;
  RouteOccupancy: RouteOccupancy;
  Float: Scalars['Float']['output'];
  SegmentOccupancy: SegmentOccupancy;
  Trip: Trip;
  TripOccupancy: TripOccupancy;
  TripOccupancyConnection: TripOccupancyConnection;
  TripOccupancyEdge: TripOccupancyEdge;
  UpdateProfileInput: UpdateProfileInput;
  User: UserRef;
  UserConnection: Omit<UserConnection, 'edges'> & { edges: Array<ResolversParentTypes['UserEdge']> };
  UserEdge: Omit<UserEdge, 'node'> & { node: ResolversParentTypes['User'] };
};

export type BookingResolvers<ContextType = UserContext, ParentType extends ResolversParentTypes['Booking'] = ResolversParentTypes['Booking']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type ChannelSalesResolvers<ContextType = UserContext, ParentType extends ResolversParentTypes['ChannelSales'] = ResolversParentTypes['ChannelSales']> = {
  bookings?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  byCurrency?: Resolver<Array<ResolversTypes['CurrencyRevenue']>, ParentType, ContextType>;
  cancellations?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  channel?: Resolver<ResolversTypes['SalesChannel'], ParentType, ContextType>;
  seatsSold?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type CompanyResolvers<ContextType = UserContext, ParentType extends ResolversParentTypes['Company'] = ResolversParentTypes['Company']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type CompanyDashboardResolvers<ContextType = UserContext, ParentType extends ResolversParentTypes['CompanyDashboard'] = ResolversParentTypes['CompanyDashboard']> = {
  byChannel?: Resolver<Array<ResolversTypes['ChannelSales']>, ParentType, ContextType>;
  companyId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  from?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  revenueByPair?: Resolver<Array<ResolversTypes['PairRevenue']>, ParentType, ContextType>;
  revenuePerDay?: Resolver<Array<ResolversTypes['DailyRevenue']>, ParentType, ContextType>;
  routeOccupancy?: Resolver<Array<ResolversTypes['RouteOccupancy']>, ParentType, ContextType>;
  segmentOccupancy?: Resolver<Array<ResolversTypes['SegmentOccupancy']>, ParentType, ContextType>;
  timeZone?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  to?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  totals?: Resolver<ResolversTypes['CompanyTotals'], ParentType, ContextType>;
  tripOccupancy?: Resolver<ResolversTypes['TripOccupancyConnection'], ParentType, ContextType, Partial<CompanyDashboardTripOccupancyArgs>>;
};

export type CompanyFiguresResolvers<ContextType = UserContext, ParentType extends ResolversParentTypes['CompanyFigures'] = ResolversParentTypes['CompanyFigures']> = {
  bookings?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  byCurrency?: Resolver<Array<ResolversTypes['CurrencyRevenue']>, ParentType, ContextType>;
  cancellations?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  company?: Resolver<ResolversTypes['Company'], ParentType, ContextType>;
  companyName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  netRevenue?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  refunds?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  revenue?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  seatsSold?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type CompanyTotalsResolvers<ContextType = UserContext, ParentType extends ResolversParentTypes['CompanyTotals'] = ResolversParentTypes['CompanyTotals']> = {
  bookings?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  byCurrency?: Resolver<Array<ResolversTypes['CurrencyRevenue']>, ParentType, ContextType>;
  cancellations?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  netRevenue?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  refunds?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  revenue?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  seatsSold?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type CurrencyRevenueResolvers<ContextType = UserContext, ParentType extends ResolversParentTypes['CurrencyRevenue'] = ResolversParentTypes['CurrencyRevenue']> = {
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  netRevenue?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  refunds?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  revenue?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
};

export type DailyRevenueResolvers<ContextType = UserContext, ParentType extends ResolversParentTypes['DailyRevenue'] = ResolversParentTypes['DailyRevenue']> = {
  bookings?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  byCurrency?: Resolver<Array<ResolversTypes['CurrencyRevenue']>, ParentType, ContextType>;
  date?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  netRevenue?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  refunds?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  revenue?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type MoneyResolvers<ContextType = UserContext, ParentType extends ResolversParentTypes['Money'] = ResolversParentTypes['Money']> = {
  amount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = UserContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  reinstateUser?: Resolver<ResolversTypes['User'], ParentType, ContextType, RequireFields<MutationReinstateUserArgs, 'userId'>>;
  setUserRole?: Resolver<ResolversTypes['User'], ParentType, ContextType, RequireFields<MutationSetUserRoleArgs, 'role' | 'userId'>>;
  suspendUser?: Resolver<ResolversTypes['User'], ParentType, ContextType, RequireFields<MutationSuspendUserArgs, 'reason' | 'userId'>>;
  updateProfile?: Resolver<ResolversTypes['Profile'], ParentType, ContextType, RequireFields<MutationUpdateProfileArgs, 'input'>>;
};

export type PageInfoResolvers<ContextType = UserContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type PairRevenueResolvers<ContextType = UserContext, ParentType extends ResolversParentTypes['PairRevenue'] = ResolversParentTypes['PairRevenue']> = {
  alightingStop?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  boardingStop?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  bookings?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  destination?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  origin?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  revenue?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  routeId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  seatsSold?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type PassengerDashboardResolvers<ContextType = UserContext, ParentType extends ResolversParentTypes['PassengerDashboard'] = ResolversParentTypes['PassengerDashboard']> = {
  bookingsCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  pastTrips?: Resolver<ResolversTypes['PassengerTripConnection'], ParentType, ContextType, Partial<PassengerDashboardPastTripsArgs>>;
  totalSpent?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  totalSpentByCurrency?: Resolver<Array<ResolversTypes['Money']>, ParentType, ContextType>;
  upcomingTrips?: Resolver<Array<ResolversTypes['PassengerTrip']>, ParentType, ContextType>;
};

export type PassengerTripResolvers<ContextType = UserContext, ParentType extends ResolversParentTypes['PassengerTrip'] = ResolversParentTypes['PassengerTrip']> = {
  arrivalAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  booking?: Resolver<ResolversTypes['Booking'], ParentType, ContextType>;
  bookingId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  departureAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  destination?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  origin?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  seats?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  trip?: Resolver<ResolversTypes['Trip'], ParentType, ContextType>;
};

export type PassengerTripConnectionResolvers<ContextType = UserContext, ParentType extends ResolversParentTypes['PassengerTripConnection'] = ResolversParentTypes['PassengerTripConnection']> = {
  edges?: Resolver<Array<ResolversTypes['PassengerTripEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type PassengerTripEdgeResolvers<ContextType = UserContext, ParentType extends ResolversParentTypes['PassengerTripEdge'] = ResolversParentTypes['PassengerTripEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['PassengerTrip'], ParentType, ContextType>;
};

export type PlatformDashboardResolvers<ContextType = UserContext, ParentType extends ResolversParentTypes['PlatformDashboard'] = ResolversParentTypes['PlatformDashboard']> = {
  companies?: Resolver<Array<ResolversTypes['CompanyFigures']>, ParentType, ContextType>;
  totals?: Resolver<ResolversTypes['PlatformTotals'], ParentType, ContextType>;
};

export type PlatformTotalsResolvers<ContextType = UserContext, ParentType extends ResolversParentTypes['PlatformTotals'] = ResolversParentTypes['PlatformTotals']> = {
  bookings?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  byCurrency?: Resolver<Array<ResolversTypes['CurrencyRevenue']>, ParentType, ContextType>;
  cancellations?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  netRevenue?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  refunds?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  revenue?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  seatsSold?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ProfileResolvers<ContextType = UserContext, ParentType extends ResolversParentTypes['Profile'] = ResolversParentTypes['Profile']> = {
  avatarUrl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  fullName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  language?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  phone?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type QueryResolvers<ContextType = UserContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  companyDashboard?: Resolver<ResolversTypes['CompanyDashboard'], ParentType, ContextType, RequireFields<QueryCompanyDashboardArgs, 'companyId' | 'from' | 'to'>>;
  myDashboard?: Resolver<ResolversTypes['PassengerDashboard'], ParentType, ContextType>;
  platformDashboard?: Resolver<ResolversTypes['PlatformDashboard'], ParentType, ContextType, Partial<QueryPlatformDashboardArgs>>;
  users?: Resolver<ResolversTypes['UserConnection'], ParentType, ContextType, Partial<QueryUsersArgs>>;
};

export type RouteOccupancyResolvers<ContextType = UserContext, ParentType extends ResolversParentTypes['RouteOccupancy'] = ResolversParentTypes['RouteOccupancy']> = {
  destination?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  occupancy?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  origin?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  routeId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  seatCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  seatsSold?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  trips?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type SegmentOccupancyResolvers<ContextType = UserContext, ParentType extends ResolversParentTypes['SegmentOccupancy'] = ResolversParentTypes['SegmentOccupancy']> = {
  fromCity?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  fromStop?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  occupancy?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  routeId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  seatCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  seatsSold?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  toCity?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  toStop?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  trips?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type TripResolvers<ContextType = UserContext, ParentType extends ResolversParentTypes['Trip'] = ResolversParentTypes['Trip']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type TripOccupancyResolvers<ContextType = UserContext, ParentType extends ResolversParentTypes['TripOccupancy'] = ResolversParentTypes['TripOccupancy']> = {
  boarded?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  departureAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  occupancy?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  routeId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  seatCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  seatsSold?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  trip?: Resolver<ResolversTypes['Trip'], ParentType, ContextType>;
};

export type TripOccupancyConnectionResolvers<ContextType = UserContext, ParentType extends ResolversParentTypes['TripOccupancyConnection'] = ResolversParentTypes['TripOccupancyConnection']> = {
  edges?: Resolver<Array<ResolversTypes['TripOccupancyEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type TripOccupancyEdgeResolvers<ContextType = UserContext, ParentType extends ResolversParentTypes['TripOccupancyEdge'] = ResolversParentTypes['TripOccupancyEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['TripOccupancy'], ParentType, ContextType>;
};

export type UserResolvers<ContextType = UserContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  profile?: Resolver<ResolversTypes['Profile'], ParentType, ContextType>;
  suspended?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  suspensionReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type UserConnectionResolvers<ContextType = UserContext, ParentType extends ResolversParentTypes['UserConnection'] = ResolversParentTypes['UserConnection']> = {
  edges?: Resolver<Array<ResolversTypes['UserEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type UserEdgeResolvers<ContextType = UserContext, ParentType extends ResolversParentTypes['UserEdge'] = ResolversParentTypes['UserEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
};

export type Resolvers<ContextType = UserContext> = {
  Booking?: BookingResolvers<ContextType>;
  ChannelSales?: ChannelSalesResolvers<ContextType>;
  Company?: CompanyResolvers<ContextType>;
  CompanyDashboard?: CompanyDashboardResolvers<ContextType>;
  CompanyFigures?: CompanyFiguresResolvers<ContextType>;
  CompanyTotals?: CompanyTotalsResolvers<ContextType>;
  CurrencyRevenue?: CurrencyRevenueResolvers<ContextType>;
  DailyRevenue?: DailyRevenueResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Money?: MoneyResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  PairRevenue?: PairRevenueResolvers<ContextType>;
  PassengerDashboard?: PassengerDashboardResolvers<ContextType>;
  PassengerTrip?: PassengerTripResolvers<ContextType>;
  PassengerTripConnection?: PassengerTripConnectionResolvers<ContextType>;
  PassengerTripEdge?: PassengerTripEdgeResolvers<ContextType>;
  PlatformDashboard?: PlatformDashboardResolvers<ContextType>;
  PlatformTotals?: PlatformTotalsResolvers<ContextType>;
  Profile?: ProfileResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RouteOccupancy?: RouteOccupancyResolvers<ContextType>;
  SegmentOccupancy?: SegmentOccupancyResolvers<ContextType>;
  Trip?: TripResolvers<ContextType>;
  TripOccupancy?: TripOccupancyResolvers<ContextType>;
  TripOccupancyConnection?: TripOccupancyConnectionResolvers<ContextType>;
  TripOccupancyEdge?: TripOccupancyEdgeResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
  UserConnection?: UserConnectionResolvers<ContextType>;
  UserEdge?: UserEdgeResolvers<ContextType>;
};

