import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { TripRef, SegmentRef } from '../resolvers/mappers';
import type { BookingRow, TicketRow, TripStopRow } from '../db/schema';
import type { TicketingContext } from '../context';
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

/** A passenger's purchase of one or more seats on one trip. */
export type Booking = {
  __typename?: 'Booking';
  /** Why it was cancelled (PASSENGER, COMPANY, TRIP_CANCELLED), null unless cancelled. */
  cancellationReason?: Maybe<Scalars['String']['output']>;
  /** Where it was sold: ONLINE by the passenger, or COUNTER by a company's staff for a walk-in passenger. */
  channel: SalesChannel;
  /** Whether a counter sale was taken into a passenger's account by claimBookings (false for online bookings). */
  claimed: Scalars['Boolean']['output'];
  /** When the booking was made. */
  createdAt: Scalars['DateTime']['output'];
  /** When the hold ends (or ended, for an EXPIRED booking); null once paid or cancelled. */
  expiresAt?: Maybe<Scalars['DateTime']['output']>;
  /** Stable identifier. */
  id: Scalars['ID']['output'];
  /**
   * Money to be (or that was) returned on cancellation, with any payment that arrived after the booking was cancelled or
   * its hold ended; null when nothing was paid.
   */
  refund?: Maybe<Money>;
  /** Where its passengers board and leave the bus, with the stops' current times (the segment of its tickets). */
  segment: TripSegment;
  /** For a counter sale: the user id of the staff member who sold it; null for online bookings. */
  soldBy?: Maybe<Scalars['ID']['output']>;
  /** Current status. */
  status: BookingStatus;
  /** One ticket per seat. */
  tickets: Array<Ticket>;
  /** Price of all tickets. */
  totalAmount: Money;
  /** The trip the seats are on. */
  trip: Trip;
  /** For a counter sale: the walk-in passenger it was sold for. Visible to the booking's owner, its seller, the company's COMPANY_ADMIN and COUNTER_AGENT staff and platform admins; null for everyone else and for online bookings. */
  walkIn?: Maybe<WalkInPassenger>;
};

/** A page of bookings. */
export type BookingConnection = {
  __typename?: 'BookingConnection';
  /** The bookings of this page, newest first. */
  edges: Array<BookingEdge>;
  /** Where this page is in the whole list. */
  pageInfo: PageInfo;
};

/** A booking and its cursor. */
export type BookingEdge = {
  __typename?: 'BookingEdge';
  /** Opaque position of this booking in the list. */
  cursor: Scalars['String']['output'];
  /** The booking. */
  node: Booking;
};

/** Where a booking is in its life. */
export type BookingStatus =
  /** Cancelled by the passenger, the company or a trip cancellation. */
  | 'CANCELLED'
  /** Paid; tickets are valid. */
  | 'CONFIRMED'
  /** The hold ran out before payment. */
  | 'EXPIRED'
  /** Seats are held until `expiresAt`. */
  | 'HELD'
  /** A payment was started and is awaiting the provider. */
  | 'PENDING_PAYMENT'
  /** Cancelled and the money returned. */
  | 'REFUNDED';

/** Seats to hold on a trip. */
export type HoldSeatsInput = {
  /** The station the passengers leave the bus at, as boardingStationId is for boarding. */
  alightingStationId?: InputMaybe<Scalars['ID']['input']>;
  /** Stop order where they leave the bus, after boardingStop; the trip's last stop when left out. The seats are held on that segment only: the same seat can be sold on a stretch that does not overlap. */
  alightingStop?: InputMaybe<Scalars['Int']['input']>;
  /** The station (TripStop.stationId) the passengers board at, as the client read the trip's stops. With boardingStop the hold is refused with BAD_USER_INPUT (`reason: STOPS_CHANGED`) when the trip's stop there is another station now (its route was edited since): nobody buys a stretch they did not choose. Alone, it names the boarding stop. */
  boardingStationId?: InputMaybe<Scalars['ID']['input']>;
  /** Stop order (TripStop.order) where the passengers board; the trip's first stop when left out. */
  boardingStop?: InputMaybe<Scalars['Int']['input']>;
  /** One passenger per seat, in the same order. */
  passengers: Array<PassengerInput>;
  /** Seat labels, e.g. ["3A", "3B"]; no duplicates. */
  seats: Array<Scalars['String']['input']>;
  /** The trip. */
  tripId: Scalars['ID']['input'];
  /** Makes it a counter sale for this walk-in passenger: only a COUNTER_AGENT or COMPANY_ADMIN of the trip's company (or a platform admin) may give it (FORBIDDEN otherwise). The booking belongs to the seller until the passenger claims it (claimBookings); it does not count against the seller's own hold limits, but a seller may have at most MAX_OPEN_COUNTER_BOOKINGS held or pending-payment counter sales at once (HOLD_LIMIT_REACHED, `limit: OPEN_COUNTER_BOOKINGS`). */
  walkIn?: InputMaybe<WalkInPassengerInput>;
};

/** One line of a trip's passenger manifest. */
export type ManifestEntry = {
  __typename?: 'ManifestEntry';
  /** The booking the ticket belongs to. */
  booking: Booking;
  /** Name of the traveller. */
  passengerName: Scalars['String']['output'];
  /** Seat label, e.g. 3B. */
  seatNumber: Scalars['String']['output'];
  /** Where the passenger boards and leaves the bus. */
  segment: TripSegment;
  /** Ticket status (CONFIRMED passengers are expected on board, BOARDED ones are). */
  status: TicketStatus;
  /** The ticket. */
  ticket: Ticket;
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
  /** Cancels a booking (owner, company admin or platform admin; a counter sale also by its seller and the company's counter agents). The passenger's own cancellation (and, for a counter sale, a counter agent's or, unclaimed, its seller's, at the passenger's request) is reason PASSENGER: a confirmed booking is refunded by the company's refund tiers. A company or platform admin otherwise cancels for the company (reason COMPANY): a confirmed booking is refunded in full. A confirmed booking can be cancelled only until boarding may start: from 30 minutes before departure (CANCELLATION_CLOSES_MINUTES), once the trip is BOARDING or later, or once a passenger of it has boarded, it fails with BAD_USER_INPUT (`reason: BOARDING_STARTED` in extensions for the first two). A hold can be released until it ends (its time runs out, at departure at the latest; a hold awaiting a payment gets PENDING_PAYMENT_GRACE_MS more); an ended one fails with BAD_USER_INPUT reason EXPIRED. The caller cancelling a booking they cancelled already is answered with it unchanged (a retry changes nothing); a booking someone else cancelled (or the trip's cancellation) fails with BAD_USER_INPUT reason BOOKING_CANCELLED; an EXPIRED booking, or one REFUNDED without a cancellation, with `reason` its status. */
  cancelBooking: Booking;
  /** Moves every unclaimed counter booking sold for this phone into the signed-in passenger's account (their tickets, passes and payments follow) and answers them, with the phone's latest code (whichever account asked for it: the code proves the phone). A wrong or expired code fails with BAD_USER_INPUT (`reason: INVALID_CLAIM_CODE`); after 5 wrong attempts the code is void. Repeating a successful claim with the same code while it is valid answers the same bookings. */
  claimBookings: Array<Booking>;
  /** Holds seats on a trip for the signed-in user until `expiresAt`; fails with SEAT_UNAVAILABLE if any is taken, and with HOLD_LIMIT_REACHED (`limit`, `max` in extensions) past the account's limits on seats held per trip, open bookings or holds per hour, and with UNAVAILABLE (nothing held; retry, with the same idempotencyKey) when it could not finish before the router stops waiting. */
  holdSeats: Booking;
  /** Asks for a code to take counter sales made for this phone into the signed-in passenger's account: when unclaimed counter bookings (held, pending payment or confirmed) exist for it, a 6-digit code valid 10 minutes is sent to the phone by SMS. Always answers true, whether or not such bookings exist. A phone is texted at most one code a minute and 5 an hour, whoever asks: past that nothing new is sent and its latest code stays valid 10 minutes more. RATE_LIMITED (`retryAfterSeconds` in extensions) past one request per phone per minute, 5 per phone per hour (from this account) or 10 per account per hour. */
  requestBookingClaim: Scalars['Boolean']['output'];
};


export type MutationCancelBookingArgs = {
  bookingId: Scalars['ID']['input'];
};


export type MutationClaimBookingsArgs = {
  code: Scalars['String']['input'];
  phone: Scalars['String']['input'];
};


export type MutationHoldSeatsArgs = {
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  input: HoldSeatsInput;
};


export type MutationRequestBookingClaimArgs = {
  phone: Scalars['String']['input'];
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

/** A traveller for one held seat. */
export type PassengerInput = {
  /** Full name as on their ID. */
  name: Scalars['String']['input'];
};

export type Query = {
  __typename?: 'Query';
  /** A booking of the signed-in passenger (or of a trip of the viewer's company for its admins and drivers, and a counter sale for its seller and the company's counter agents). */
  booking?: Maybe<Booking>;
  /** Counter sales of a company, newest first. A COUNTER_AGENT of the company sees only their own sales (soldBy is then always themselves); the company's COMPANY_ADMIN and platform admins see all; anyone else gets FORBIDDEN. */
  counterSales: BookingConnection;
  /** The signed-in user's bookings, newest first; counter sales they sold and still hold for walk-in passengers are left out (counterSales lists them). */
  myBookings: BookingConnection;
  /** Scheduled trips serving origin then destination, leaving the origin on that local date, with enough seats free from the one to the other, soonest first; `searchedSegment` gives the stops and the fare of the pair, and availableSeats and seatMap answer for it. */
  searchTrips: Array<Trip>;
  /** Passengers of a trip by seat (held, confirmed and boarded tickets: cancelled, expired and refunded ones ride no more), for the trip company's admins and drivers (and platform admins). */
  tripManifest: Array<ManifestEntry>;
  /** A trip's stops in order with who boards and who leaves at each (active and boarded tickets), for the same staff as tripManifest. */
  tripStopManifest: Array<StopManifest>;
};


export type QueryBookingArgs = {
  id: Scalars['ID']['input'];
};


export type QueryCounterSalesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  companyId: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  from?: InputMaybe<Scalars['DateTime']['input']>;
  soldBy?: InputMaybe<Scalars['ID']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};


export type QueryMyBookingsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<BookingStatus>;
};


export type QuerySearchTripsArgs = {
  input: SearchTripsInput;
};


export type QueryTripManifestArgs = {
  tripId: Scalars['ID']['input'];
};


export type QueryTripStopManifestArgs = {
  tripId: Scalars['ID']['input'];
};

/** Where a booking was sold. */
export type SalesChannel =
  /** Sold at a company's counter by a COUNTER_AGENT or COMPANY_ADMIN for a walk-in passenger. */
  | 'COUNTER'
  /** Booked by the passenger in their own account (web or app). */
  | 'ONLINE';

/** What a trip search asks for. */
export type SearchTripsInput = {
  /** Travel date, YYYY-MM-DD: the local date on which the bus leaves the passenger's boarding stop, in the trip's time zone (Trip.timeZone, the company's: Africa/Kigali in Rwanda, Africa/Nairobi in Kenya). */
  date: Scalars['String']['input'];
  /** City the passenger leaves the bus in; must come after the origin on the route. */
  destinationCity: Scalars['String']['input'];
  /** City the passenger boards in, e.g. Kigali (case-insensitive). */
  originCity: Scalars['String']['input'];
  /** Seats needed (1 to the per-booking maximum). */
  passengers: Scalars['Int']['input'];
};

/** Whether a seat can be booked. */
export type SeatState =
  /** Free to hold. */
  | 'AVAILABLE'
  /** Free, but not for sale: the trip no longer sells seats (cancelled, left, or past its departure). */
  | 'CLOSED'
  /** Held by a booking awaiting payment. */
  | 'HELD'
  /** Paid for. */
  | 'SOLD';

/** One seat of a trip's bus and its state. */
export type SeatStatus = {
  __typename?: 'SeatStatus';
  /** Column letter, e.g. B. */
  column: Scalars['String']['output'];
  /** Deck number, 1 for the lower deck. */
  deck: Scalars['Int']['output'];
  /** Seat label, e.g. 3B. */
  label: Scalars['String']['output'];
  /** Row number from the front. */
  row: Scalars['Int']['output'];
  /** Whether it can be booked. */
  state: SeatState;
};

/** Who boards and who leaves the bus at one stop of a trip. */
export type StopManifest = {
  __typename?: 'StopManifest';
  /** Passengers whose ticket ends here, by seat. */
  alighting: Array<ManifestEntry>;
  /** Passengers whose ticket boards here, by seat. */
  boarding: Array<ManifestEntry>;
  /** The stop. */
  stop: TripStop;
};

export type Subscription = {
  __typename?: 'Subscription';
  /** Every status change of one of the signed-in user's bookings, and every change of its trip's times while it is held or confirmed (a delay or a new time from the company: the booking comes with the new times in `segment` and `trip`). */
  bookingStatusChanged: Booking;
  /** Every change of a trip's seat availability (holds, expiries, cancellations, sales); `changedSegment` says which stretch changed. */
  tripSeatsChanged: Trip;
};


export type SubscriptionBookingStatusChangedArgs = {
  bookingId: Scalars['ID']['input'];
};


export type SubscriptionTripSeatsChangedArgs = {
  tripId: Scalars['ID']['input'];
};

/** One seat for one passenger. */
export type Ticket = {
  __typename?: 'Ticket';
  /** The booking it belongs to. */
  booking: Booking;
  /** Stable identifier. */
  id: Scalars['ID']['output'];
  /** Name of the traveller. */
  passengerName: Scalars['String']['output'];
  /** Seat label, e.g. 3B. */
  seatNumber: Scalars['String']['output'];
  /** Where the passenger boards and leaves the bus (tickets sold before segments existed: the whole route). */
  segment: TripSegment;
  /** Current status. */
  status: TicketStatus;
  /** The trip it is valid on. */
  trip: Trip;
};

/** Where a ticket is in its life. */
export type TicketStatus =
  /** The passenger boarded. */
  | 'BOARDED'
  /** Cancelled; the seat is free again. */
  | 'CANCELLED'
  /** Paid and valid for boarding. */
  | 'CONFIRMED'
  /** The hold ran out. */
  | 'EXPIRED'
  /** The seat is held. */
  | 'HELD'
  /** Money returned. */
  | 'REFUNDED';

/** A scheduled bus departure; ticketing contributes its seat inventory. */
export type Trip = {
  __typename?: 'Trip';
  /** Seats neither held nor sold over the whole stretch asked for (0 once the trip no longer sells seats). Without stops: over the searched segment for a searchTrips result, otherwise over the whole trip (a seat sold on any stretch is not free). */
  availableSeats: Scalars['Int']['output'];
  /** For a tripSeatsChanged update: the stretch whose seats changed; null when it may be any stretch, and elsewhere. */
  changedSegment?: Maybe<TripSegment>;
  /** Stable identifier (owned by the company subgraph). */
  id: Scalars['ID']['output'];
  /** For a searchTrips result: the segment searched (origin city's stop to the destination's) with its fare; null elsewhere. */
  searchedSegment?: Maybe<TripSegment>;
  /** Every seat of the bus with whether it can be booked over the stretch asked for (as availableSeats), ordered by deck, row and column. */
  seatMap: Array<SeatStatus>;
  /** The trip's stops in route order, as ticketing sells them (boardingStop and alightingStop are their orders). */
  stops: Array<TripStop>;
  /** IANA time zone of the company running the trip, e.g. Africa/Nairobi: its local dates and times (searchTrips' date) are in this zone. */
  timeZone: Scalars['String']['output'];
};


/** A scheduled bus departure; ticketing contributes its seat inventory. */
export type TripAvailableSeatsArgs = {
  alightingStop?: InputMaybe<Scalars['Int']['input']>;
  boardingStop?: InputMaybe<Scalars['Int']['input']>;
};


/** A scheduled bus departure; ticketing contributes its seat inventory. */
export type TripSeatMapArgs = {
  alightingStop?: InputMaybe<Scalars['Int']['input']>;
  boardingStop?: InputMaybe<Scalars['Int']['input']>;
};

/** A stretch of a trip, from a boarding stop to a later alighting stop; a seat is sold per segment. */
export type TripSegment = {
  __typename?: 'TripSegment';
  /** The alighting stop (null when the trip's stops are not known). */
  alighting?: Maybe<TripStop>;
  /** Stop order where they leave the bus. */
  alightingStop: Scalars['Int']['output'];
  /** The boarding stop (null when the trip's stops are not known). */
  boarding?: Maybe<TripStop>;
  /** Stop order where passengers board. */
  boardingStop: Scalars['Int']['output'];
  /** Fare for one seat on this segment as sold now (what a booking paid is its totalAmount, fixed when held). */
  fare: Money;
};

/** A stop of a trip. */
export type TripStop = {
  __typename?: 'TripStop';
  /** City of the stop. */
  city: Scalars['String']['output'];
  /** Station code, e.g. KGL (empty when unknown). */
  code: Scalars['String']['output'];
  /** When the bus is due to leave the stop (at the last stop: to arrive). */
  departsAt: Scalars['DateTime']['output'];
  /** Station name. */
  name: Scalars['String']['output'];
  /** Position on the route, 0 for the origin; what holdSeats takes as boardingStop and alightingStop. */
  order: Scalars['Int']['output'];
  /** The stop's station (Station.id), what holdSeats takes as boardingStationId and alightingStationId; null for a stop known without one. */
  stationId?: Maybe<Scalars['ID']['output']>;
};

/** The walk-in passenger a counter sale was made for (their contact for tickets and messages). */
export type WalkInPassenger = {
  __typename?: 'WalkInPassenger';
  /** Language of their messages: rw, sw, fr or en. */
  language: Scalars['String']['output'];
  /** Name given at the counter. */
  name: Scalars['String']['output'];
  /** Mobile number in international form, e.g. +250788123456; claimBookings proves it. */
  phone: Scalars['String']['output'];
};

/** The walk-in passenger of a counter sale. */
export type WalkInPassengerInput = {
  /** Optional e-mail address for their messages. */
  email?: InputMaybe<Scalars['String']['input']>;
  /** Language of their messages: rw, sw, fr or en (rw when left out). */
  language?: InputMaybe<Scalars['String']['input']>;
  /** Their name, as given at the counter. */
  name: Scalars['String']['input'];
  /** Their mobile number: international (+254712345678) or Rwandan national form (0788123456 becomes +250788123456); tickets and messages go to it, and it is what claimBookings proves. */
  phone: Scalars['String']['input'];
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
  Booking: Booking;
  Ticket: Ticket;
  Trip: Trip;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Booking:
    ( { __typename: 'Booking' }
    & GraphQLRecursivePick<FederationTypes['Booking'], {"id":true}> );
  Ticket:
    ( { __typename: 'Ticket' }
    & GraphQLRecursivePick<FederationTypes['Ticket'], {"id":true}> );
  Trip:
    ( { __typename: 'Trip' }
    & GraphQLRecursivePick<FederationTypes['Trip'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Booking: ResolverTypeWrapper<BookingRow>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  BookingConnection: ResolverTypeWrapper<Omit<BookingConnection, 'edges'> & { edges: Array<ResolversTypes['BookingEdge']> }>;
  BookingEdge: ResolverTypeWrapper<Omit<BookingEdge, 'node'> & { node: ResolversTypes['Booking'] }>;
  BookingStatus: BookingStatus;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  HoldSeatsInput: HoldSeatsInput;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  ManifestEntry: ResolverTypeWrapper<Omit<ManifestEntry, 'booking' | 'segment' | 'ticket'> & { booking: ResolversTypes['Booking'], segment: ResolversTypes['TripSegment'], ticket: ResolversTypes['Ticket'] }>;
  Money: ResolverTypeWrapper<Money>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  PassengerInput: PassengerInput;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  SalesChannel: SalesChannel;
  SearchTripsInput: SearchTripsInput;
  SeatState: SeatState;
  SeatStatus: ResolverTypeWrapper<SeatStatus>;
  StopManifest: ResolverTypeWrapper<Omit<StopManifest, 'alighting' | 'boarding' | 'stop'> & { alighting: Array<ResolversTypes['ManifestEntry']>, boarding: Array<ResolversTypes['ManifestEntry']>, stop: ResolversTypes['TripStop'] }>;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Ticket: ResolverTypeWrapper<TicketRow>;
  TicketStatus: TicketStatus;
  Trip: ResolverTypeWrapper<TripRef>;
  TripSegment: ResolverTypeWrapper<SegmentRef>;
  TripStop: ResolverTypeWrapper<TripStopRow>;
  WalkInPassenger: ResolverTypeWrapper<WalkInPassenger>;
  WalkInPassengerInput: WalkInPassengerInput;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Booking: BookingRow;
  String: Scalars['String']['output'];
  Boolean: Scalars['Boolean']['output'];
  ID: Scalars['ID']['output'];
  BookingConnection: Omit<BookingConnection, 'edges'> & { edges: Array<ResolversParentTypes['BookingEdge']> };
  BookingEdge: Omit<BookingEdge, 'node'> & { node: ResolversParentTypes['Booking'] };
  DateTime: Scalars['DateTime']['output'];
  HoldSeatsInput: HoldSeatsInput;
  Int: Scalars['Int']['output'];
  ManifestEntry: Omit<ManifestEntry, 'booking' | 'segment' | 'ticket'> & { booking: ResolversParentTypes['Booking'], segment: ResolversParentTypes['TripSegment'], ticket: ResolversParentTypes['Ticket'] };
  Money: Money;
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  PassengerInput: PassengerInput;
  Query: Record<PropertyKey, never>;
  SearchTripsInput: SearchTripsInput;
  SeatStatus: SeatStatus;
  StopManifest: Omit<StopManifest, 'alighting' | 'boarding' | 'stop'> & { alighting: Array<ResolversParentTypes['ManifestEntry']>, boarding: Array<ResolversParentTypes['ManifestEntry']>, stop: ResolversParentTypes['TripStop'] };
  Subscription: Record<PropertyKey, never>;
  Ticket: TicketRow;
  Trip: TripRef;
  TripSegment: SegmentRef;
  TripStop: TripStopRow;
  WalkInPassenger: WalkInPassenger;
  WalkInPassengerInput: WalkInPassengerInput;
};

export type BookingResolvers<ContextType = TicketingContext, ParentType extends ResolversParentTypes['Booking'] = ResolversParentTypes['Booking'], FederationReferenceType extends FederationReferenceTypes['Booking'] = FederationReferenceTypes['Booking']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Booking']> | FederationReferenceType, FederationReferenceType, ContextType>;
  cancellationReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  channel?: Resolver<ResolversTypes['SalesChannel'], ParentType, ContextType>;
  claimed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  expiresAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  refund?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  segment?: Resolver<ResolversTypes['TripSegment'], ParentType, ContextType>;
  soldBy?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['BookingStatus'], ParentType, ContextType>;
  tickets?: Resolver<Array<ResolversTypes['Ticket']>, ParentType, ContextType>;
  totalAmount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  trip?: Resolver<ResolversTypes['Trip'], ParentType, ContextType>;
  walkIn?: Resolver<Maybe<ResolversTypes['WalkInPassenger']>, ParentType, ContextType>;
};

export type BookingConnectionResolvers<ContextType = TicketingContext, ParentType extends ResolversParentTypes['BookingConnection'] = ResolversParentTypes['BookingConnection']> = {
  edges?: Resolver<Array<ResolversTypes['BookingEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type BookingEdgeResolvers<ContextType = TicketingContext, ParentType extends ResolversParentTypes['BookingEdge'] = ResolversParentTypes['BookingEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Booking'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type ManifestEntryResolvers<ContextType = TicketingContext, ParentType extends ResolversParentTypes['ManifestEntry'] = ResolversParentTypes['ManifestEntry']> = {
  booking?: Resolver<ResolversTypes['Booking'], ParentType, ContextType>;
  passengerName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  seatNumber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  segment?: Resolver<ResolversTypes['TripSegment'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['TicketStatus'], ParentType, ContextType>;
  ticket?: Resolver<ResolversTypes['Ticket'], ParentType, ContextType>;
};

export type MoneyResolvers<ContextType = TicketingContext, ParentType extends ResolversParentTypes['Money'] = ResolversParentTypes['Money']> = {
  amount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = TicketingContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  cancelBooking?: Resolver<ResolversTypes['Booking'], ParentType, ContextType, RequireFields<MutationCancelBookingArgs, 'bookingId'>>;
  claimBookings?: Resolver<Array<ResolversTypes['Booking']>, ParentType, ContextType, RequireFields<MutationClaimBookingsArgs, 'code' | 'phone'>>;
  holdSeats?: Resolver<ResolversTypes['Booking'], ParentType, ContextType, RequireFields<MutationHoldSeatsArgs, 'input'>>;
  requestBookingClaim?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationRequestBookingClaimArgs, 'phone'>>;
};

export type PageInfoResolvers<ContextType = TicketingContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type QueryResolvers<ContextType = TicketingContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  booking?: Resolver<Maybe<ResolversTypes['Booking']>, ParentType, ContextType, RequireFields<QueryBookingArgs, 'id'>>;
  counterSales?: Resolver<ResolversTypes['BookingConnection'], ParentType, ContextType, RequireFields<QueryCounterSalesArgs, 'companyId' | 'first'>>;
  myBookings?: Resolver<ResolversTypes['BookingConnection'], ParentType, ContextType, Partial<QueryMyBookingsArgs>>;
  searchTrips?: Resolver<Array<ResolversTypes['Trip']>, ParentType, ContextType, RequireFields<QuerySearchTripsArgs, 'input'>>;
  tripManifest?: Resolver<Array<ResolversTypes['ManifestEntry']>, ParentType, ContextType, RequireFields<QueryTripManifestArgs, 'tripId'>>;
  tripStopManifest?: Resolver<Array<ResolversTypes['StopManifest']>, ParentType, ContextType, RequireFields<QueryTripStopManifestArgs, 'tripId'>>;
};

export type SeatStatusResolvers<ContextType = TicketingContext, ParentType extends ResolversParentTypes['SeatStatus'] = ResolversParentTypes['SeatStatus']> = {
  column?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  deck?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  label?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  row?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  state?: Resolver<ResolversTypes['SeatState'], ParentType, ContextType>;
};

export type StopManifestResolvers<ContextType = TicketingContext, ParentType extends ResolversParentTypes['StopManifest'] = ResolversParentTypes['StopManifest']> = {
  alighting?: Resolver<Array<ResolversTypes['ManifestEntry']>, ParentType, ContextType>;
  boarding?: Resolver<Array<ResolversTypes['ManifestEntry']>, ParentType, ContextType>;
  stop?: Resolver<ResolversTypes['TripStop'], ParentType, ContextType>;
};

export type SubscriptionResolvers<ContextType = TicketingContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  bookingStatusChanged?: SubscriptionResolver<ResolversTypes['Booking'], "bookingStatusChanged", ParentType, ContextType, RequireFields<SubscriptionBookingStatusChangedArgs, 'bookingId'>>;
  tripSeatsChanged?: SubscriptionResolver<ResolversTypes['Trip'], "tripSeatsChanged", ParentType, ContextType, RequireFields<SubscriptionTripSeatsChangedArgs, 'tripId'>>;
};

export type TicketResolvers<ContextType = TicketingContext, ParentType extends ResolversParentTypes['Ticket'] = ResolversParentTypes['Ticket'], FederationReferenceType extends FederationReferenceTypes['Ticket'] = FederationReferenceTypes['Ticket']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Ticket']> | FederationReferenceType, FederationReferenceType, ContextType>;
  booking?: Resolver<ResolversTypes['Booking'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  passengerName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  seatNumber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  segment?: Resolver<ResolversTypes['TripSegment'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['TicketStatus'], ParentType, ContextType>;
  trip?: Resolver<ResolversTypes['Trip'], ParentType, ContextType>;
};

export type TripResolvers<ContextType = TicketingContext, ParentType extends ResolversParentTypes['Trip'] = ResolversParentTypes['Trip'], FederationReferenceType extends FederationReferenceTypes['Trip'] = FederationReferenceTypes['Trip']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Trip']> | FederationReferenceType, FederationReferenceType, ContextType>;
  availableSeats?: Resolver<ResolversTypes['Int'], ParentType, ContextType, Partial<TripAvailableSeatsArgs>>;
  changedSegment?: Resolver<Maybe<ResolversTypes['TripSegment']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  searchedSegment?: Resolver<Maybe<ResolversTypes['TripSegment']>, ParentType, ContextType>;
  seatMap?: Resolver<Array<ResolversTypes['SeatStatus']>, ParentType, ContextType, Partial<TripSeatMapArgs>>;
  stops?: Resolver<Array<ResolversTypes['TripStop']>, ParentType, ContextType>;
  timeZone?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type TripSegmentResolvers<ContextType = TicketingContext, ParentType extends ResolversParentTypes['TripSegment'] = ResolversParentTypes['TripSegment']> = {
  alighting?: Resolver<Maybe<ResolversTypes['TripStop']>, ParentType, ContextType>;
  alightingStop?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  boarding?: Resolver<Maybe<ResolversTypes['TripStop']>, ParentType, ContextType>;
  boardingStop?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  fare?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
};

export type TripStopResolvers<ContextType = TicketingContext, ParentType extends ResolversParentTypes['TripStop'] = ResolversParentTypes['TripStop']> = {
  city?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  departsAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  order?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  stationId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
};

export type WalkInPassengerResolvers<ContextType = TicketingContext, ParentType extends ResolversParentTypes['WalkInPassenger'] = ResolversParentTypes['WalkInPassenger']> = {
  language?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  phone?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type Resolvers<ContextType = TicketingContext> = {
  Booking?: BookingResolvers<ContextType>;
  BookingConnection?: BookingConnectionResolvers<ContextType>;
  BookingEdge?: BookingEdgeResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  ManifestEntry?: ManifestEntryResolvers<ContextType>;
  Money?: MoneyResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  SeatStatus?: SeatStatusResolvers<ContextType>;
  StopManifest?: StopManifestResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  Ticket?: TicketResolvers<ContextType>;
  Trip?: TripResolvers<ContextType>;
  TripSegment?: TripSegmentResolvers<ContextType>;
  TripStop?: TripStopResolvers<ContextType>;
  WalkInPassenger?: WalkInPassengerResolvers<ContextType>;
};

