/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An ISO 8601 date-time with a UTC offset, e.g. 2026-12-01T07:00:00Z. */
  DateTime: { input: string; output: string; }
};

/** A signed-in session: a short-lived access token and the refresh token that renews it. */
export type AuthPayload = {
  __typename?: 'AuthPayload';
  /** EdDSA-signed JWT to send as `Authorization: Bearer <token>`; valid for `expiresIn` seconds. */
  accessToken: Scalars['String']['output'];
  /**
   * Marks this device as one the account signs in from (register and login; null from refreshToken): keep it on the
   * device and send it with the next login, so that failed attempts by anyone else never lock this device out.
   * Valid 180 days; each login answers a new one.
   */
  deviceToken?: Maybe<Scalars['String']['output']>;
  /** Seconds until the access token expires. */
  expiresIn: Scalars['Int']['output'];
  /** Opaque single-use token for `refreshToken`; each use returns a new one. Keep it secret. */
  refreshToken: Scalars['String']['output'];
  /** The signed-in user. */
  user: User;
};

/** What a scanner shows after verifying a pass. */
export type BoardingResult = {
  __typename?: 'BoardingResult';
  /** Stop order where the passenger leaves the bus; null when INVALID or for passes issued before segments (the last stop). */
  alightingStop?: Maybe<Scalars['Int']['output']>;
  /** Name of the alighting stop; null when INVALID or unknown. */
  alightingStopName?: Maybe<Scalars['String']['output']>;
  /** When the passenger boarded (this scan for VALID, the first scan for ALREADY_BOARDED). */
  boardedAt?: Maybe<Scalars['DateTime']['output']>;
  /** When boarding opens for this pass's trip; set for NOT_YET_BOARDING. */
  boardingOpensAt?: Maybe<Scalars['DateTime']['output']>;
  /** Stop order where the pass boards (0 for passes issued before segments); null when INVALID. */
  boardingStop?: Maybe<Scalars['Int']['output']>;
  /** Name of the boarding stop; null when INVALID or unknown. */
  boardingStopName?: Maybe<Scalars['String']['output']>;
  /** Passenger named on the pass; null when INVALID. */
  passengerName?: Maybe<Scalars['String']['output']>;
  /** The verdict. */
  result: BoardingResultCode;
  /** Seat on the pass; null when INVALID. */
  seatNumber?: Maybe<Scalars['String']['output']>;
  /** The ticket the pass is for; null when the token is INVALID. */
  ticket?: Maybe<Ticket>;
  /** Trip the pass is for; null when INVALID. */
  tripId?: Maybe<Scalars['ID']['output']>;
};

/** Outcome of scanning a boarding pass. */
export type BoardingResultCode =
  /** Genuine, but the passenger already boarded. */
  | 'ALREADY_BOARDED'
  /** Genuine, but past its validity, or its trip has reached its last stop. */
  | 'EXPIRED'
  /** Not a Busline pass: bad signature, malformed, unknown key or unknown ticket. */
  | 'INVALID'
  /** Genuine, but boarding has not opened yet (see boardingOpensAt: 30 minutes before departure by default); nothing is recorded. */
  | 'NOT_YET_BOARDING'
  /** Genuine, but the booking was cancelled or refunded, or the company cancelled its trip. */
  | 'REVOKED'
  /** Genuine and unused: boarding is now recorded. */
  | 'VALID'
  /** Genuine, but the passenger boards at another stop (boardingStop says which); nothing is recorded. */
  | 'WRONG_STOP'
  /** Genuine, but for another trip than the one being boarded, or, scanned by a driver, a trip they do not drive. */
  | 'WRONG_TRIP';

/** A passenger's booking; the payment subgraph contributes its payments. */
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
  /** Payments made for this booking, newest first; its owner and admins see them (empty for anyone else). */
  payments: Array<Payment>;
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

/**
 * A cash refund owed to a passenger who was not at the counter when it arose (its payment's refundState is
 * DUE); the company's staff hand it out with handOutCashRefund.
 */
export type CashRefundDue = {
  __typename?: 'CashRefundDue';
  /** Cash to hand back, in the payment's currency. */
  amount: Money;
  /** The booking it paid for. */
  booking: Booking;
  /** Since when it is owed. */
  dueSince: Scalars['DateTime']['output'];
  /** Stable identifier of the refund. */
  id: Scalars['ID']['output'];
  /** The CASH payment being given back. */
  payment: Payment;
  /** Why it is owed: BOOKING_CANCELLED, or the reason of the refund request, e.g. DUPLICATE or PAID_AFTER_EXPIRY. */
  reason: Scalars['String']['output'];
};

/** A page of owed cash refunds. */
export type CashRefundDueConnection = {
  __typename?: 'CashRefundDueConnection';
  /** The refunds of this page with their cursors, oldest first. */
  edges: Array<CashRefundDueEdge>;
  /** Where this page is in the whole list. */
  pageInfo: PageInfo;
};

/** An owed cash refund and its cursor. */
export type CashRefundDueEdge = {
  __typename?: 'CashRefundDueEdge';
  /** Opaque position of this refund in the list. */
  cursor: Scalars['String']['output'];
  /** The refund. */
  node: CashRefundDue;
};

/**
 * A counter agent's period at the till: opened by the agent's first cash payment (or a cash refund) while
 * none is open, closed by closeCashShift. An agent has at most one OPEN shift.
 */
export type CashShift = {
  __typename?: 'CashShift';
  /** The user id of the agent (COUNTER_AGENT or COMPANY_ADMIN) whose till this is. */
  agentId: Scalars['ID']['output'];
  /** When the shift was closed; null while OPEN. */
  closedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Who closed it: the agent, or an admin who closed it for them (closeCashShift with agentId); null while OPEN. */
  closedBy?: Maybe<Scalars['ID']['output']>;
  /** The company the agent sells for. */
  companyId: Scalars['ID']['output'];
  /** Stable identifier (the shiftId of its cash payments). */
  id: Scalars['ID']['output'];
  /** When the shift was opened. */
  openedAt: Scalars['DateTime']['output'];
  /** Cash payments recorded on this shift. */
  paymentCount: Scalars['Int']['output'];
  /** Cash refunds handed back on this shift. */
  refundCount: Scalars['Int']['output'];
  /** OPEN while the agent takes cash on it, then CLOSED. */
  status: CashShiftStatus;
  /** Cash taken, handed back and net, one entry per currency (ordered by currency); empty when nothing was recorded. */
  totals: Array<CashTotal>;
};

/** A page of cash shifts. */
export type CashShiftConnection = {
  __typename?: 'CashShiftConnection';
  /** The shifts of this page with their cursors, newest opened first. */
  edges: Array<CashShiftEdge>;
  /** Where this page is in the whole list. */
  pageInfo: PageInfo;
};

/** A cash shift and its cursor. */
export type CashShiftEdge = {
  __typename?: 'CashShiftEdge';
  /** Opaque position of this shift in the list. */
  cursor: Scalars['String']['output'];
  /** The shift. */
  node: CashShift;
};

/** Whether a cash shift still takes cash. */
export type CashShiftStatus =
  /** Closed by closeCashShift: its totals no longer change. */
  | 'CLOSED'
  /** The agent's current shift: cash payments and cash refunds are recorded on it. */
  | 'OPEN';

/** Cash moved during one shift in one currency (amounts of different currencies are never added). */
export type CashTotal = {
  __typename?: 'CashTotal';
  /** ISO 4217 currency code, e.g. RWF. */
  currency: Scalars['String']['output'];
  /** Cash that should be in the drawer for this currency: taken minus refunded. */
  net: Money;
  /** Cash handed back for refunds. */
  refunded: Money;
  /** Cash taken for bookings (the prices paid; the change handed back is not counted). */
  taken: Money;
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

/** A company and its cursor. */
export type CompanyEdge = {
  __typename?: 'CompanyEdge';
  /** Opaque position of this company in the list. */
  cursor: Scalars['String']['output'];
  /** The company. */
  node: Company;
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

/** What a message is about. */
export type MessageKind =
  /** A booking was paid: the ticket with seats, trip, reference and a link to the boarding pass. */
  | 'BOOKING_CONFIRMED'
  /** A code, by SMS only, that proves the phone of a counter sale's walk-in passenger to claim their tickets. */
  | 'CLAIM_CODE'
  /** Held seats lapse soon unless paid. */
  | 'HOLD_EXPIRING'
  /** A code, by e-mail only, that sets a new password for the account (requestPasswordReset). */
  | 'PASSWORD_RESET'
  /** A cash refund is owed: the code the passenger gives at the company's counter to collect it (handOutCashRefund). */
  | 'REFUND_DUE'
  /** Money was refunded for a booking. */
  | 'REFUND_SENT'
  /** The company changed the trip's route and no longer serves a stop of the booking: cancelled, refunded in full. */
  | 'ROUTE_CHANGED'
  /** The company cancelled the trip. */
  | 'TRIP_CANCELLED'
  /** The trip leaves later than booked. */
  | 'TRIP_DELAYED'
  /** The trip leaves earlier than booked. */
  | 'TRIP_RESCHEDULED';

/** One step of a message's delivery. */
export type MessageStateChange = {
  __typename?: 'MessageStateChange';
  /** When. */
  at: Scalars['DateTime']['output'];
  /** Which attempt it belongs to (0 before the first). */
  attempt: Scalars['Int']['output'];
  /** The provider's message id when SENT, the error when RETRYING or FAILED. */
  detail?: Maybe<Scalars['String']['output']>;
  /** The state the message entered. */
  status: MessageStatus;
};

/** Where a message is in its delivery. */
export type MessageStatus =
  /** Given up: refused for good, or out of attempts. */
  | 'FAILED'
  /** Written, not tried yet. */
  | 'PENDING'
  /** An attempt failed; another follows after a back-off. */
  | 'RETRYING'
  /** Being handed to the provider. */
  | 'SENDING'
  /** The provider accepted it. */
  | 'SENT';

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
  /** Cancels a booking (owner, company admin or platform admin; a counter sale also by its seller and the company's counter agents). The passenger's own cancellation (and, for a counter sale, a counter agent's or, unclaimed, its seller's, at the passenger's request) is reason PASSENGER: a confirmed booking is refunded by the company's refund tiers. A company or platform admin otherwise cancels for the company (reason COMPANY): a confirmed booking is refunded in full. A confirmed booking can be cancelled only until boarding may start: from 30 minutes before departure (CANCELLATION_CLOSES_MINUTES), once the trip is BOARDING or later, or once a passenger of it has boarded, it fails with BAD_USER_INPUT (`reason: BOARDING_STARTED` in extensions for the first two). A hold can be released until it ends (its time runs out, at departure at the latest; a hold awaiting a payment gets PENDING_PAYMENT_GRACE_MS more); an ended one fails with BAD_USER_INPUT reason EXPIRED. The caller cancelling a booking they cancelled already is answered with it unchanged (a retry changes nothing); a booking someone else cancelled (or the trip's cancellation) fails with BAD_USER_INPUT reason BOOKING_CANCELLED; an EXPIRED booking, or one REFUNDED without a cancellation, with `reason` its status. */
  cancelBooking: Booking;
  /** Cancels a trip that has not left; cancelling again returns it unchanged. */
  cancelTrip: Trip;
  /**
   * Changes the signed-in user's password and ends every other sign-in of theirs (their refresh tokens and the
   * access tokens issued to them, on every subgraph); this one goes on. A wrong currentPassword answers
   * BAD_USER_INPUT (field currentPassword) and counts as a failed sign-in of the account: repeated from this sign-in,
   * RATE_LIMITED (others' failed sign-ins, at the owner's address or anywhere, never refuse it). UNAVAILABLE when some
   * access tokens of the ended sign-ins could not be ended yet (they stop within 15 minutes).
   */
  changePassword: Scalars['Boolean']['output'];
  /** Moves every unclaimed counter booking sold for this phone into the signed-in passenger's account (their tickets, passes and payments follow) and answers them, with the phone's latest code (whichever account asked for it: the code proves the phone). A wrong or expired code fails with BAD_USER_INPUT (`reason: INVALID_CLAIM_CODE`); after 5 wrong attempts the code is void. Repeating a successful claim with the same code while it is valid answers the same bookings. */
  claimBookings: Array<Booking>;
  /**
   * Closes the signed-in agent's OPEN cash shift and answers it with its final totals. Fails with
   * BAD_USER_INPUT reason NO_OPEN_SHIFT when none is open. COUNTER_AGENT, COMPANY_ADMIN and platform admins.
   * With agentId, closes that agent's OPEN shift instead (an agent who left, or forgot): a COMPANY_ADMIN of the
   * shift's company or a platform admin only (FORBIDDEN for anyone else); NO_OPEN_SHIFT when the agent has no
   * OPEN shift of the admin's company.
   */
  closeCashShift: CashShift;
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
  /**
   * Hands the DUE cash refund of a CASH payment out to the passenger: recorded as cash handed back on the
   * caller's OPEN shift (opened when none is), the payment REFUNDED and payment.refunded emitted together.
   * COMPANY_ADMIN of the payment's company or a platform admin, and for a counter sale a COUNTER_AGENT of the
   * company. The passenger proves they are there with the code texted to them when the refund became due
   * (sendCashRefundCode sends a new one): a counter agent must give it (without it: BAD_USER_INPUT reason
   * REFUND_CODE_REQUIRED); an admin may hand out without it. A wrong code, or one void after 5 wrong ones,
   * fails with BAD_USER_INPUT reason INVALID_REFUND_CODE. Fails with BAD_USER_INPUT
   * reason ALREADY_REFUNDED when the refund was already handed back (never twice, also when two hand-outs
   * come at once), NO_REFUND_DUE when none is owed, NOT_CASH for another method, SHIFT_OF_OTHER_COMPANY when
   * a platform admin's open shift is for another company, SHIFT_TOTAL_TOO_LARGE when the cash the shift handed
   * back would pass what Money.amount holds (close the shift; the next hand-out opens another). Idempotent like
   * recordCashPayment (same key: the same payment; same key for another payment: IDEMPOTENCY_CONFLICT).
   */
  handOutCashRefund: Payment;
  /** Holds seats on a trip for the signed-in user until `expiresAt`; fails with SEAT_UNAVAILABLE if any is taken, and with HOLD_LIMIT_REACHED (`limit`, `max` in extensions) past the account's limits on seats held per trip, open bookings or holds per hour, and with UNAVAILABLE (nothing held; retry, with the same idempotencyKey) when it could not finish before the router stops waiting. */
  holdSeats: Booking;
  /** Signs in. Wrong credentials answer UNAUTHENTICATED; repeated failures answer RATE_LIMITED for a while. */
  login: AuthPayload;
  /**
   * Signs out the session the refresh token belongs to: its refresh tokens and the access tokens issued to it
   * stop working on every subgraph, its open subscriptions end; the user's other sessions go on. True, also for
   * unknown tokens; UNAVAILABLE when the access tokens could not be ended yet (asking again finishes it).
   */
  logout: Scalars['Boolean']['output'];
  /**
   * Records cash taken at the counter for a booking: the payment is SUCCEEDED at once (method CASH) and the
   * booking is confirmed as for mobile money. COMPANY_ADMIN of the booking's company or a platform admin, and for a
   * counter sale a COUNTER_AGENT of the company. The cash is recorded on the caller's OPEN shift, opened when none is. Fails with
   * BAD_USER_INPUT reason AMOUNT_TOO_LOW when amountReceived is below the price, BOOKING_CANCELLED when the
   * booking was cancelled, ALREADY_PAID when it has a successful payment and PAYMENT_IN_PROGRESS while a
   * mobile-money payment of it waits for the payer (take cash once that one failed); HOLD_EXPIRED when the
   * hold has expired; SHIFT_OF_OTHER_COMPANY when a platform admin's open shift is for another company.
   * Idempotent like startPayment (same key and input: the same payment; same key, other
   * input: IDEMPOTENCY_CONFLICT).
   */
  recordCashPayment: Payment;
  /**
   * Exchanges a refresh token for a new session. Each refresh token works once; reusing one ends its whole sign-in,
   * but for the client's own retry: the same token with the same idempotencyKey within 30 seconds, before the new
   * token was used, is answered with the same new token (the answer to the first was lost).
   */
  refreshToken: AuthPayload;
  /** Creates a passenger account and signs it in. */
  register: AuthPayload;
  /** Platform admins: lifts a suspension. */
  reinstateUser: User;
  /** Asks for a code to take counter sales made for this phone into the signed-in passenger's account: when unclaimed counter bookings (held, pending payment or confirmed) exist for it, a 6-digit code valid 10 minutes is sent to the phone by SMS. Always answers true, whether or not such bookings exist. A phone is texted at most one code a minute and 5 an hour, whoever asks: past that nothing new is sent and its latest code stays valid 10 minutes more. RATE_LIMITED (`retryAfterSeconds` in extensions) past one request per phone per minute, 5 per phone per hour (from this account) or 10 per account per hour. */
  requestBookingClaim: Scalars['Boolean']['output'];
  /**
   * E-mails a code that sets a new password (resetPassword) to the account with this address, if there is one: true
   * either way, so that nobody learns which addresses have accounts. A code works 15 minutes, five wrong tries from one
   * client address and 25 in all; an account gets three codes an hour asked from one address, ten from all (more from
   * an address it signed in from). Nothing is sent for a suspended account.
   */
  requestPasswordReset: Scalars['Boolean']['output'];
  /**
   * Sets a new password with a code from requestPasswordReset and ends every sign-in of the account (its refresh tokens
   * and access tokens, on every subgraph): sign in again with the new password. A wrong or spent code is
   * BAD_USER_INPUT (field code) and counts as a failed sign-in of the account (RATE_LIMITED after too many); a right
   * code is never refused for failed sign-ins.
   */
  resetPassword: Scalars['Boolean']['output'];
  /** Schedules one trip a day at departureTime for `days` days (1 to 92; optionally only on some weekdays), each leaving within 366 days, in one transaction: all or nothing. */
  scheduleTimetable: Array<Trip>;
  /** Schedules one trip (the route's company admins, platform admins), leaving within 366 days. */
  scheduleTrip: Trip;
  /**
   * Texts the passenger a new code for the DUE cash refund of a CASH payment (the last one is void from then on);
   * the code goes to the passenger (by SMS to the phone given at the counter, or on their account's channels), never
   * to the caller. The payer, or staff who may hand the refund out. At most one a minute (RATE_LIMITED with
   * retryAfterSeconds) and 5 per refund (then BAD_USER_INPUT reason CODES_EXHAUSTED: an admin hands it out);
   * NO_REFUND_DUE when none is owed. Answers the payment.
   */
  sendCashRefundCode: Payment;
  /** Sets or removes fares per pair of stops of a route (its company's admins, platform admins); pairs not given keep their fare. Upcoming scheduled trips of the route are re-sent (trip.updated) so searches and holds price the pairs anew; bookings already made keep their price. Changing the route's stops removes its fares. */
  setRouteFares: Route;
  /**
   * Platform admins: gives a user a role. companyId is required for COMPANY_ADMIN, DRIVER and COUNTER_AGENT and must be
   * omitted otherwise; a company not known (yet: one created a moment ago is awaited up to 5 s) fails with
   * BAD_USER_INPUT reason UNKNOWN_COMPANY. The same role and company again change nothing. The user's next token
   * (sign-in or refresh) carries the new role.
   */
  setUserRole: User;
  /**
   * Asks the payer's mobile-money wallet to approve the booking's price. Idempotent: the same key with
   * the same input returns the same payment; the same key with a different input fails with
   * IDEMPOTENCY_CONFLICT (keys are kept 24 h). Only the booking's owner may pay.
   */
  startPayment: Payment;
  /** Platform admins: suspends a user; their sessions end and they cannot sign in until reinstated. */
  suspendUser: User;
  /** Changes a bus (its company's admins, platform admins). */
  updateBus: Bus;
  /** Changes a company (platform admins). */
  updateCompany: Company;
  /** Changes a driver (its company's admins, platform admins). */
  updateDriver: Driver;
  /** Sets the signed-in user's notification channels and language; later messages follow them. */
  updateNotificationPreferences: NotificationPreferences;
  /** Updates the signed-in user's profile. */
  updateProfile: Profile;
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
  /**
   * Verifies a scanned boarding pass and records boarding on its first VALID scan. For drivers and
   * company admins of the operating company, and platform admins; others get FORBIDDEN. With `tripId`,
   * a pass for another trip is WRONG_TRIP; for a driver, so is a pass of a trip they are not the assigned
   * driver of (the company's admins assign drivers to trips). A pass that boards at another stop than
   * `stop` is WRONG_STOP.
   */
  verifyTicket: BoardingResult;
};


export type MutationCancelBookingArgs = {
  bookingId: Scalars['ID']['input'];
};


export type MutationCancelTripArgs = {
  reason: Scalars['String']['input'];
  tripId: Scalars['ID']['input'];
};


export type MutationChangePasswordArgs = {
  currentPassword: Scalars['String']['input'];
  newPassword: Scalars['String']['input'];
  refreshToken: Scalars['String']['input'];
};


export type MutationClaimBookingsArgs = {
  code: Scalars['String']['input'];
  phone: Scalars['String']['input'];
};


export type MutationCloseCashShiftArgs = {
  agentId?: InputMaybe<Scalars['ID']['input']>;
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


export type MutationHandOutCashRefundArgs = {
  code?: InputMaybe<Scalars['String']['input']>;
  idempotencyKey: Scalars['String']['input'];
  paymentId: Scalars['ID']['input'];
};


export type MutationHoldSeatsArgs = {
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  input: HoldSeatsInput;
};


export type MutationLoginArgs = {
  deviceToken?: InputMaybe<Scalars['String']['input']>;
  email: Scalars['String']['input'];
  password: Scalars['String']['input'];
};


export type MutationLogoutArgs = {
  refreshToken: Scalars['String']['input'];
};


export type MutationRecordCashPaymentArgs = {
  idempotencyKey: Scalars['String']['input'];
  input: RecordCashPaymentInput;
};


export type MutationRefreshTokenArgs = {
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  refreshToken: Scalars['String']['input'];
};


export type MutationRegisterArgs = {
  input: RegisterInput;
};


export type MutationReinstateUserArgs = {
  userId: Scalars['ID']['input'];
};


export type MutationRequestBookingClaimArgs = {
  phone: Scalars['String']['input'];
};


export type MutationRequestPasswordResetArgs = {
  email: Scalars['String']['input'];
  language?: InputMaybe<Scalars['String']['input']>;
};


export type MutationResetPasswordArgs = {
  code: Scalars['String']['input'];
  email: Scalars['String']['input'];
  newPassword: Scalars['String']['input'];
};


export type MutationScheduleTimetableArgs = {
  input: ScheduleTimetableInput;
};


export type MutationScheduleTripArgs = {
  input: ScheduleTripInput;
};


export type MutationSendCashRefundCodeArgs = {
  paymentId: Scalars['ID']['input'];
};


export type MutationSetRouteFaresArgs = {
  fares: Array<RouteFareInput>;
  routeId: Scalars['ID']['input'];
};


export type MutationSetUserRoleArgs = {
  companyId?: InputMaybe<Scalars['ID']['input']>;
  role: Role;
  userId: Scalars['ID']['input'];
};


export type MutationStartPaymentArgs = {
  idempotencyKey: Scalars['String']['input'];
  input: StartPaymentInput;
};


export type MutationSuspendUserArgs = {
  reason: Scalars['String']['input'];
  userId: Scalars['ID']['input'];
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


export type MutationUpdateNotificationPreferencesArgs = {
  input: NotificationPreferencesInput;
};


export type MutationUpdateProfileArgs = {
  input: UpdateProfileInput;
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


export type MutationVerifyTicketArgs = {
  stop?: InputMaybe<Scalars['Int']['input']>;
  token: Scalars['String']['input'];
  tripId?: InputMaybe<Scalars['ID']['input']>;
};

/** How a message reaches a passenger. */
export type NotificationChannel =
  /** An e-mail to the passenger's address (SMTP). */
  | 'EMAIL'
  /** A text message to the passenger's phone (Africa's Talking). */
  | 'SMS';

/** A language messages can be written in. */
export type NotificationLanguage =
  /** English. */
  | 'en'
  /** French. */
  | 'fr'
  /** Kinyarwanda. */
  | 'rw'
  /** Swahili. */
  | 'sw';

/** An SMS or e-mail written for a passenger, and its delivery. */
export type NotificationMessage = {
  __typename?: 'NotificationMessage';
  /** Phone number or e-mail address it went to. */
  address: Scalars['String']['output'];
  /** Attempts made so far. */
  attempts: Scalars['Int']['output'];
  /** The text sent. */
  body: Scalars['String']['output'];
  /** The booking it is about, if any. */
  bookingId?: Maybe<Scalars['ID']['output']>;
  /** SMS or EMAIL. */
  channel: NotificationChannel;
  /** When it was written. */
  createdAt: Scalars['DateTime']['output'];
  /** Every state it went through, oldest first. */
  history: Array<MessageStateChange>;
  /** Stable identifier. */
  id: Scalars['ID']['output'];
  /** What it is about. */
  kind: MessageKind;
  /** Language it is written in (rw, sw, fr or en). */
  language: Scalars['String']['output'];
  /** The last error, while RETRYING or once FAILED. */
  lastError?: Maybe<Scalars['String']['output']>;
  /** The provider's id of the message once SENT. */
  providerMessageId?: Maybe<Scalars['String']['output']>;
  /** The passenger it is for (a user id); null for a message to a phone no account has proven yet (CLAIM_CODE). */
  recipientId?: Maybe<Scalars['ID']['output']>;
  /** When the provider accepted it. */
  sentAt?: Maybe<Scalars['DateTime']['output']>;
  /** Where its delivery stands. */
  status: MessageStatus;
  /** E-mail subject; null for SMS. */
  subject?: Maybe<Scalars['String']['output']>;
  /** The trip it is about, if any. */
  tripId?: Maybe<Scalars['ID']['output']>;
};

/** A page of messages, newest first. */
export type NotificationMessageConnection = {
  __typename?: 'NotificationMessageConnection';
  /** The messages of this page. */
  edges: Array<NotificationMessageEdge>;
  /** Where this page sits in the whole list. */
  pageInfo: PageInfo;
};

/** One message in a page. */
export type NotificationMessageEdge = {
  __typename?: 'NotificationMessageEdge';
  /** Position of this message, for `after`. */
  cursor: Scalars['String']['output'];
  /** The message. */
  node: NotificationMessage;
};

/** Narrows the messages listed; every field given must match. */
export type NotificationMessageFilter = {
  /** Only addresses containing this text (part of a phone number or e-mail, at most 100 characters). */
  address?: InputMaybe<Scalars['String']['input']>;
  /** Only messages about this booking. */
  bookingId?: InputMaybe<Scalars['ID']['input']>;
  /** Only this channel. */
  channel?: InputMaybe<NotificationChannel>;
  /** Only this kind. */
  kind?: InputMaybe<MessageKind>;
  /** Only messages for this user. */
  recipientId?: InputMaybe<Scalars['ID']['input']>;
  /** Only messages written at or after this time. */
  since?: InputMaybe<Scalars['DateTime']['input']>;
  /** Only messages in this state. */
  status?: InputMaybe<MessageStatus>;
  /** Only messages about this trip. */
  tripId?: InputMaybe<Scalars['ID']['input']>;
};

/** How the signed-in passenger wants to be told about tickets and trips. */
export type NotificationPreferences = {
  __typename?: 'NotificationPreferences';
  /** Channels messages go out on (only those an address is known for). */
  channels: Array<NotificationChannel>;
  /** Whether the channels are the passenger's choice (false: every channel with an address). */
  channelsChosen: Scalars['Boolean']['output'];
  /** The e-mail address e-mails go to. */
  email?: Maybe<Scalars['String']['output']>;
  /** Language of the messages: the passenger's choice, else the profile's, else English. */
  language: NotificationLanguage;
  /** Whether the language is the passenger's choice (false: it follows the profile). */
  languageChosen: Scalars['Boolean']['output'];
  /** The phone number SMS go to, as last known from the profile. */
  phone?: Maybe<Scalars['String']['output']>;
};

/** Changes to the signed-in passenger's notification preferences; omitted fields stay as they are. */
export type NotificationPreferencesInput = {
  /** Channels to use (one or both); null goes back to every channel with an address. */
  channels?: InputMaybe<Array<NotificationChannel>>;
  /** Language of the messages; null goes back to the profile's language. */
  language?: InputMaybe<NotificationLanguage>;
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

/** A traveller for one held seat. */
export type PassengerInput = {
  /** Full name as on their ID. */
  name: Scalars['String']['input'];
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

/** One attempt to collect the price of a booking. */
export type Payment = {
  __typename?: 'Payment';
  /** CASH only: the user id of the agent who took the cash. Null for other methods, and for anyone but the company's staff and platform admins. */
  agentId?: Maybe<Scalars['ID']['output']>;
  /** Amount collected (from ticketing's price, never from the client). */
  amount: Money;
  /** The booking being paid. */
  booking: Booking;
  /** CASH only: the change handed back (cashReceived minus amount). Null for other methods, and for anyone but the company's staff and platform admins. */
  cashChange?: Maybe<Money>;
  /** CASH only: the cash the agent received from the passenger. Null for other methods, and for anyone but the company's COUNTER_AGENT/COMPANY_ADMIN staff and platform admins. */
  cashReceived?: Maybe<Money>;
  /** When the payment was started. */
  createdAt: Scalars['DateTime']['output'];
  /** Why the payment failed or was cancelled, e.g. APPROVAL_REJECTED; null otherwise. */
  failureReason?: Maybe<Scalars['String']['output']>;
  /** Stable identifier. */
  id: Scalars['ID']['output'];
  /** How it is paid. */
  method: PaymentMethod;
  /** The provider's reference for this payment; null for CASH (no provider: see shiftId). */
  providerReference?: Maybe<Scalars['String']['output']>;
  /** The amount refunded, being refunded or, for a DUE cash refund, to hand back (it may be less than the payment under the company's refund tiers); null when no refund was asked for. */
  refundAmount?: Maybe<Money>;
  /** Where the refund of this payment stands; null when no refund was asked for. */
  refundState?: Maybe<RefundState>;
  /** When the provider's answer settled the payment; null while PENDING. */
  settledAt?: Maybe<Scalars['DateTime']['output']>;
  /** CASH only: the cash shift the payment was taken in. Null for other methods, and for anyone but the company's staff and platform admins. */
  shiftId?: Maybe<Scalars['ID']['output']>;
  /** Current status. */
  status: PaymentStatus;
};

/** How a passenger pays. */
export type PaymentMethod =
  /** Airtel Money (numbers 072/073). */
  | 'AIRTEL_MONEY'
  /** Bank card (not yet supported: startPayment refuses it). */
  | 'CARD'
  /** Cash taken at a company's counter by its staff (recordCashPayment); never goes through a provider. */
  | 'CASH'
  /** Mobile money, operator unspecified. */
  | 'MOBILE_MONEY'
  /** MTN Mobile Money (numbers 078/079). */
  | 'MTN_MOMO';

/** Where a payment is in its life. */
export type PaymentStatus =
  /** Abandoned before completion. */
  | 'CANCELLED'
  /** Declined or failed. */
  | 'FAILED'
  /** Sent to the provider; waiting for the payer to approve. */
  | 'PENDING'
  /** The money was returned. */
  | 'REFUNDED'
  /** The money was collected. */
  | 'SUCCEEDED';

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
  /** A booking of the signed-in passenger (or of a trip of the viewer's company for its admins and drivers, and a counter sale for its seller and the company's counter agents). */
  booking?: Maybe<Booking>;
  /** A company's buses by plate number (that company's admins and platform admins only). */
  buses: BusConnection;
  /**
   * Cash refunds a company owes to passengers who were not at the counter (refundState DUE), oldest first:
   * all of them to the company's COMPANY_ADMINs and platform admins, those of its counter sales to its COUNTER_AGENTs.
   */
  cashRefundsDue: CashRefundDueConnection;
  /**
   * Cash shifts of a company, newest opened first; from/to bound when they were opened (from inclusive, to
   * exclusive). COMPANY_ADMIN of the company and platform admins see every agent's (agentId narrows the list);
   * a COUNTER_AGENT of the company sees only their own (agentId is forced to themselves).
   */
  cashShifts: CashShiftConnection;
  /** Companies on the platform, by name. */
  companies: CompanyConnection;
  /** One company by id or by slug, or null when there is none. */
  company?: Maybe<Company>;
  /**
   * Figures of one company over [from, to) (at most 366 days): revenue per local day of the company's
   * time zone, totals, sales by channel, and occupancy of its trips and routes; money per currency. For
   * that company's COMPANY_ADMIN and for PLATFORM_ADMIN.
   */
  companyDashboard: CompanyDashboard;
  /** Counter sales of a company, newest first. A COUNTER_AGENT of the company sees only their own sales (soldBy is then always themselves); the company's COMPANY_ADMIN and platform admins see all; anyone else gets FORBIDDEN. */
  counterSales: BookingConnection;
  /** A company's drivers by name (that company's admins and platform admins only). */
  drivers: DriverConnection;
  /** Payments whose refund was given up after repeated failures (refundState FAILED), newest first, at most 100. Platform admins only. */
  failedRefunds: Array<Payment>;
  /** The signed-in user, or null without credentials. */
  me?: Maybe<User>;
  /** The signed-in user's bookings, newest first; counter sales they sold and still hold for walk-in passengers are left out (counterSales lists them). */
  myBookings: BookingConnection;
  /** The signed-in agent's OPEN cash shift with its totals so far, or null when none is open. COUNTER_AGENT, COMPANY_ADMIN and platform admins. */
  myCashShift?: Maybe<CashShift>;
  /** The signed-in user's travel summary: upcoming and past trips, money spent, bookings made. */
  myDashboard: PassengerDashboard;
  /** Trips the signed-in driver is assigned to, by departure, departing in [from, to) (DRIVER accounts linked to a driver record). */
  myDriverTrips: TripConnection;
  /** The signed-in user's notification preferences. */
  myNotificationPreferences: NotificationPreferences;
  /**
   * Messages written for passengers, newest first, with their delivery state and history. Platform
   * admins only; others get FORBIDDEN.
   */
  notificationMessages: NotificationMessageConnection;
  /** A payment of the signed-in user (any payment for admins of its company and platform admins), or null. */
  payment?: Maybe<Payment>;
  /**
   * Figures of every company, for PLATFORM_ADMIN; over [from, to) when both are given (at most
   * 366 days), else over all time.
   */
  platformDashboard: PlatformDashboard;
  /** One route by id, or null. */
  route?: Maybe<Route>;
  /** A company's routes by name. */
  routes: RouteConnection;
  /** Scheduled trips serving origin then destination, leaving the origin on that local date, with enough seats free from the one to the other, soonest first; `searchedSegment` gives the stops and the fare of the pair, and availableSeats and seatMap answer for it. */
  searchTrips: Array<Trip>;
  /** One station by id, or null. */
  station?: Maybe<Station>;
  /** Stations by name, optionally only those of one city (case-insensitive). */
  stations: StationConnection;
  /** One trip by id, or null. */
  trip?: Maybe<Trip>;
  /** Passengers of a trip by seat (held, confirmed and boarded tickets: cancelled, expired and refunded ones ride no more), for the trip company's admins and drivers (and platform admins). */
  tripManifest: Array<ManifestEntry>;
  /** A trip's stops in order with who boards and who leaves at each (active and boarded tickets), for the same staff as tripManifest. */
  tripStopManifest: Array<StopManifest>;
  /** Trips by departure time, optionally of one company or route, departing in [from, to). */
  trips: TripConnection;
  /** Users, for platform admins: filter by role and search by words of the name or email (prefix match). */
  users: UserConnection;
};


export type QueryBookingArgs = {
  id: Scalars['ID']['input'];
};


export type QueryBusesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  companyId: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryCashRefundsDueArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  companyId: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryCashShiftsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  agentId?: InputMaybe<Scalars['ID']['input']>;
  companyId: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  from?: InputMaybe<Scalars['DateTime']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};


export type QueryCompaniesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryCompanyArgs = {
  id?: InputMaybe<Scalars['ID']['input']>;
  slug?: InputMaybe<Scalars['String']['input']>;
};


export type QueryCompanyDashboardArgs = {
  companyId: Scalars['ID']['input'];
  from: Scalars['DateTime']['input'];
  to: Scalars['DateTime']['input'];
};


export type QueryCounterSalesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  companyId: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  from?: InputMaybe<Scalars['DateTime']['input']>;
  soldBy?: InputMaybe<Scalars['ID']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};


export type QueryDriversArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  companyId: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryMyBookingsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<BookingStatus>;
};


export type QueryMyDriverTripsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  from?: InputMaybe<Scalars['DateTime']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};


export type QueryNotificationMessagesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<NotificationMessageFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryPaymentArgs = {
  id: Scalars['ID']['input'];
};


export type QueryPlatformDashboardArgs = {
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


export type QuerySearchTripsArgs = {
  input: SearchTripsInput;
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


export type QueryTripManifestArgs = {
  tripId: Scalars['ID']['input'];
};


export type QueryTripStopManifestArgs = {
  tripId: Scalars['ID']['input'];
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


export type QueryUsersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  role?: InputMaybe<Role>;
  search?: InputMaybe<Scalars['String']['input']>;
};

/** What recordCashPayment needs; the price always comes from the booking. */
export type RecordCashPaymentInput = {
  /** Cash received from the passenger, in minor units of the booking's currency; at least the booking's price. */
  amountReceived: Scalars['Int']['input'];
  /** The booking paid in cash (payable: not expired, cancelled or already paid). */
  bookingId: Scalars['ID']['input'];
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

/** Where the refund of a payment stands. */
export type RefundState =
  /**
   * CASH only: owed to the passenger, who was not at the counter when the refund arose (a trip the company
   * cancelled, a cancellation made online, a refund.requested). The payment stays SUCCEEDED until the company's
   * staff hand the cash out (handOutCashRefund); the refund is then SUCCEEDED.
   */
  | 'DUE'
  /** Given up after repeated refusals or errors: the money is still with us (the payment stays SUCCEEDED) and needs manual follow-up. */
  | 'FAILED'
  /** Being sent to the provider, or retried after a refusal or an error. */
  | 'PENDING'
  /** The provider returned the money (the payment is REFUNDED). */
  | 'SUCCEEDED';

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

/** A new passenger account. */
export type RegisterInput = {
  /** Sign-in email (case-insensitive, unique). */
  email: Scalars['String']['input'];
  /** Full name as printed on tickets. */
  fullName: Scalars['String']['input'];
  /** At least 10 characters, and not the email address. */
  password: Scalars['String']['input'];
  /** Mobile number in international format, e.g. +250788123456. */
  phone?: InputMaybe<Scalars['String']['input']>;
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

/** Where a booking was sold. */
export type SalesChannel =
  /** Sold at a company's counter by a COUNTER_AGENT or COMPANY_ADMIN for a walk-in passenger. */
  | 'COUNTER'
  /** Booked by the passenger in their own account (web or app). */
  | 'ONLINE';

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

/** What startPayment needs; the amount always comes from the booking. */
export type StartPaymentInput = {
  /** The booking to pay (HELD and not expired). */
  bookingId: Scalars['ID']['input'];
  /** How to pay. */
  method: PaymentMethod;
  /** Rwandan mobile number to charge, e.g. 0788123456 or 250788123456. */
  phone: Scalars['String']['input'];
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
  /** Every status change of one payment of the signed-in user. */
  paymentStatusChanged: Payment;
  /** Every change of a trip's seat availability (holds, expiries, cancellations, sales); `changedSegment` says which stretch changed. */
  tripSeatsChanged: Trip;
};


export type SubscriptionBookingStatusChangedArgs = {
  bookingId: Scalars['ID']['input'];
};


export type SubscriptionPaymentStatusChangedArgs = {
  paymentId: Scalars['ID']['input'];
};


export type SubscriptionTripSeatsChangedArgs = {
  tripId: Scalars['ID']['input'];
};

/** One seat for one passenger; the qr subgraph contributes its boarding pass. */
export type Ticket = {
  __typename?: 'Ticket';
  /** The booking it belongs to. */
  booking: Booking;
  /** Stable identifier (owned by the ticketing subgraph). */
  id: Scalars['ID']['output'];
  /** Name of the traveller. */
  passengerName: Scalars['String']['output'];
  /**
   * The signed boarding pass; visible to the booking's owner once the booking is confirmed (for a counter sale,
   * the seller until a passenger claims it, then that passenger). A counter sale's pass also stays visible, to
   * reprint it, to its company's COMPANY_ADMINs and to the COUNTER_AGENT who sold it. Null for anyone else, or
   * once revoked. For a ticket ticketing has just confirmed, waits briefly for the pass to be issued.
   */
  qr?: Maybe<TicketQr>;
  /** Seat label, e.g. 3B. */
  seatNumber: Scalars['String']['output'];
  /** Where the passenger boards and leaves the bus (tickets sold before segments existed: the whole route). */
  segment: TripSegment;
  /** Current status. */
  status: TicketStatus;
  /** The trip it is valid on. */
  trip: Trip;
};

/** A boarding pass: a signed token and its QR code renderings. */
export type TicketQr = {
  __typename?: 'TicketQR';
  /** Stop order where the passenger leaves the bus; null for passes issued before segments (the last stop). */
  alightingStop?: Maybe<Scalars['Int']['output']>;
  /** Name of the alighting stop; null when unknown. */
  alightingStopName?: Maybe<Scalars['String']['output']>;
  /** Stop order (TripStop.order) where the passenger boards; 0, the first stop, for passes issued before segments. */
  boardingStop: Scalars['Int']['output'];
  /** Name of the boarding stop, e.g. "Musanze Bus Park (Musanze)"; null when unknown. */
  boardingStopName?: Maybe<Scalars['String']['output']>;
  /** The token as a QR code, PNG data URL. Images are drawn once per pass; an image past 100 new ones in a request answers BAD_USER_INPUT reason QR_IMAGE_LIMIT. */
  pngDataUrl: Scalars['String']['output'];
  /** The token as a QR code in SVG. Images are drawn once per pass; an image past 100 new ones in a request answers BAD_USER_INPUT reason QR_IMAGE_LIMIT. */
  svg: Scalars['String']['output'];
  /** Compact JWS (Ed25519) a scanner verifies offline with the keys at /.well-known/qr-keys.json. */
  token: Scalars['String']['output'];
  /** When the pass stops being valid. */
  validUntil: Scalars['DateTime']['output'];
};

/** Where a ticket is in its life (owned by ticketing). */
export type TicketStatus =
  /** The passenger boarded. */
  | 'BOARDED'
  /** Cancelled before travel. */
  | 'CANCELLED'
  /** Paid; the passenger may board. */
  | 'CONFIRMED'
  /** The hold lapsed unpaid. */
  | 'EXPIRED'
  /** Seat held, not yet paid. */
  | 'HELD'
  /** Paid, then refunded. */
  | 'REFUNDED';

/** A scheduled bus departure on a route. */
export type Trip = {
  __typename?: 'Trip';
  /** Arrival at the destination. */
  arrivalAt: Scalars['DateTime']['output'];
  /** Seats neither held nor sold over the whole stretch asked for (0 once the trip no longer sells seats). Without stops: over the searched segment for a searchTrips result, otherwise over the whole trip (a seat sold on any stretch is not free). */
  availableSeats: Scalars['Int']['output'];
  /** The bus used. */
  bus: Bus;
  /** Why the trip was cancelled, when it was. */
  cancellationReason?: Maybe<Scalars['String']['output']>;
  /** For a tripSeatsChanged update: the stretch whose seats changed; null when it may be any stretch, and elsewhere. */
  changedSegment?: Maybe<TripSegment>;
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
  /** For a searchTrips result: the segment searched (origin city's stop to the destination's) with its fare; null elsewhere. */
  searchedSegment?: Maybe<TripSegment>;
  /** Every seat of the bus with whether it can be booked over the stretch asked for (as availableSeats), ordered by deck, row and column. */
  seatMap: Array<SeatStatus>;
  /** Where the trip is in its life. */
  status: TripStatus;
  /** The trip's stops in route order, as ticketing sells them (boardingStop and alightingStop are their orders). */
  stops: Array<TripStop>;
  /** IANA time zone of the company running the trip, e.g. Africa/Nairobi: its local dates and times (searchTrips' date) are in this zone. */
  timeZone: Scalars['String']['output'];
  /** Increases on every change (the version carried by trip events). */
  version: Scalars['Int']['output'];
};


/** A scheduled bus departure on a route. */
export type TripAvailableSeatsArgs = {
  alightingStop?: InputMaybe<Scalars['Int']['input']>;
  boardingStop?: InputMaybe<Scalars['Int']['input']>;
};


/** A scheduled bus departure on a route. */
export type TripSeatMapArgs = {
  alightingStop?: InputMaybe<Scalars['Int']['input']>;
  boardingStop?: InputMaybe<Scalars['Int']['input']>;
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

/** Steps of a trip's life that staff record. */
export type TripProgress =
  /** The bus arrived. */
  | 'ARRIVED'
  /** Boarding has started. */
  | 'BOARDING'
  /** The bus has left. */
  | 'DEPARTED';

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

/** A person with an account. Identity and credentials are owned by the auth subgraph. */
export type User = {
  __typename?: 'User';
  /** Company a COMPANY_ADMIN, DRIVER or COUNTER_AGENT belongs to. */
  companyId?: Maybe<Scalars['ID']['output']>;
  /** When the account was created. */
  createdAt: Scalars['DateTime']['output'];
  /** Sign-in email; visible to the user and to platform admins. */
  email: Scalars['String']['output'];
  /** Stable identifier. */
  id: Scalars['ID']['output'];
  /** Name, phone and preferences of the user. */
  profile: Profile;
  /** The user's role. */
  role: Role;
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

export type SaveLanguageMutationVariables = Exact<{
  language: Scalars['String']['input'];
}>;


export type SaveLanguageMutation = { __typename?: 'Mutation', updateProfile: { __typename?: 'Profile', language: string } };

export type RefreshSessionMutationVariables = Exact<{
  refreshToken: Scalars['String']['input'];
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
}>;


export type RefreshSessionMutation = { __typename?: 'Mutation', refreshToken: { __typename?: 'AuthPayload', accessToken: string, refreshToken: string, expiresIn: number } };

export type SignOutMutationVariables = Exact<{
  refreshToken: Scalars['String']['input'];
}>;


export type SignOutMutation = { __typename?: 'Mutation', logout: boolean };

export type ChangePasswordMutationVariables = Exact<{
  currentPassword: Scalars['String']['input'];
  newPassword: Scalars['String']['input'];
  refreshToken: Scalars['String']['input'];
}>;


export type ChangePasswordMutation = { __typename?: 'Mutation', changePassword: boolean };

export type RequestPasswordResetMutationVariables = Exact<{
  email: Scalars['String']['input'];
  language?: InputMaybe<Scalars['String']['input']>;
}>;


export type RequestPasswordResetMutation = { __typename?: 'Mutation', requestPasswordReset: boolean };

export type ResetPasswordMutationVariables = Exact<{
  email: Scalars['String']['input'];
  code: Scalars['String']['input'];
  newPassword: Scalars['String']['input'];
}>;


export type ResetPasswordMutation = { __typename?: 'Mutation', resetPassword: boolean };

export type SignInMutationVariables = Exact<{
  email: Scalars['String']['input'];
  password: Scalars['String']['input'];
  deviceToken?: InputMaybe<Scalars['String']['input']>;
}>;


export type SignInMutation = { __typename?: 'Mutation', login: { __typename?: 'AuthPayload', accessToken: string, refreshToken: string, expiresIn: number, deviceToken?: string | null, user: { __typename?: 'User', id: string, email: string, role: Role, companyId?: string | null } } };

export type SignedInProfileQueryVariables = Exact<{ [key: string]: never; }>;


export type SignedInProfileQuery = { __typename?: 'Query', me?: { __typename?: 'User', id: string, profile: { __typename?: 'Profile', fullName: string, language: string } } | null };

export type NotificationMessagesQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<NotificationMessageFilter>;
}>;


export type NotificationMessagesQuery = { __typename?: 'Query', notificationMessages: { __typename?: 'NotificationMessageConnection', edges: Array<{ __typename?: 'NotificationMessageEdge', cursor: string, node: { __typename?: 'NotificationMessage', id: string, channel: NotificationChannel, kind: MessageKind, address: string, language: string, subject?: string | null, body: string, status: MessageStatus, attempts: number, lastError?: string | null, bookingId?: string | null, createdAt: string, sentAt?: string | null, history: Array<{ __typename?: 'MessageStateChange', status: MessageStatus, attempt: number, detail?: string | null, at: string }> } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type CompanyDashboardQueryVariables = Exact<{
  companyId: Scalars['ID']['input'];
  from: Scalars['DateTime']['input'];
  to: Scalars['DateTime']['input'];
}>;


export type CompanyDashboardQuery = { __typename?: 'Query', companyDashboard: { __typename?: 'CompanyDashboard', companyId: string, from: string, to: string, totals: { __typename?: 'CompanyTotals', bookings: number, cancellations: number, seatsSold: number, revenue: { __typename?: 'Money', amount: number, currency: string }, refunds: { __typename?: 'Money', amount: number, currency: string }, netRevenue: { __typename?: 'Money', amount: number, currency: string } }, byChannel: Array<{ __typename?: 'ChannelSales', channel: SalesChannel, bookings: number, cancellations: number, seatsSold: number, byCurrency: Array<{ __typename?: 'CurrencyRevenue', currency: string, netRevenue: { __typename?: 'Money', amount: number, currency: string } }> }>, revenuePerDay: Array<{ __typename?: 'DailyRevenue', date: string, bookings: number, revenue: { __typename?: 'Money', amount: number, currency: string } }>, routeOccupancy: Array<{ __typename?: 'RouteOccupancy', routeId: string, origin?: string | null, destination?: string | null, trips: number, seatsSold: number, seatCount: number, occupancy: number }>, segmentOccupancy: Array<{ __typename?: 'SegmentOccupancy', routeId: string, fromStop: number, fromCity?: string | null, toCity?: string | null, seatsSold: number, seatCount: number, occupancy: number }>, revenueByPair: Array<{ __typename?: 'PairRevenue', routeId: string, boardingStop?: number | null, alightingStop?: number | null, origin?: string | null, destination?: string | null, bookings: number, seatsSold: number, revenue: { __typename?: 'Money', amount: number, currency: string } }>, tripOccupancy: { __typename?: 'TripOccupancyConnection', edges: Array<{ __typename?: 'TripOccupancyEdge', node: { __typename?: 'TripOccupancy', departureAt?: string | null, seatsSold: number, seatCount: number, occupancy: number, boarded: number, trip: { __typename?: 'Trip', id: string, timeZone: string, route: { __typename?: 'Route', id: string, name: string } } } }> } } };

export type CompaniesQueryVariables = Exact<{ [key: string]: never; }>;


export type CompaniesQuery = { __typename?: 'Query', companies: { __typename?: 'CompanyConnection', edges: Array<{ __typename?: 'CompanyEdge', node: { __typename?: 'Company', id: string, name: string, slug: string } }> } };

export type CompanySettingsQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type CompanySettingsQuery = { __typename?: 'Query', company?: { __typename?: 'Company', id: string, timeZone: string, currency: string } | null };

export type CompanyTripsQueryVariables = Exact<{
  companyId: Scalars['ID']['input'];
  from?: InputMaybe<Scalars['DateTime']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type CompanyTripsQuery = { __typename?: 'Query', trips: { __typename?: 'TripConnection', edges: Array<{ __typename?: 'TripEdge', node: { __typename?: 'Trip', id: string, departureAt: string, timeZone: string, arrivalAt: string, status: TripStatus, availableSeats: number, price: { __typename?: 'Money', amount: number, currency: string }, route: { __typename?: 'Route', id: string, name: string }, bus: { __typename?: 'Bus', id: string, plateNumber: string, seatCount: number }, driver?: { __typename?: 'Driver', id: string, name: string } | null } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type CompanyBusesQueryVariables = Exact<{
  companyId: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type CompanyBusesQuery = { __typename?: 'Query', buses: { __typename?: 'BusConnection', edges: Array<{ __typename?: 'BusEdge', node: { __typename?: 'Bus', id: string, plateNumber: string, model: string, seatCount: number, amenities: Array<string> } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type CompanyRoutesQueryVariables = Exact<{
  companyId: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type CompanyRoutesQuery = { __typename?: 'Query', routes: { __typename?: 'RouteConnection', edges: Array<{ __typename?: 'RouteEdge', node: { __typename?: 'Route', id: string, name: string, distanceKm: number, durationMinutes: number, stops: Array<{ __typename?: 'RouteStop', order: number, minutesFromDeparture: number, station: { __typename?: 'Station', id: string, name: string, city: string } }>, fares: Array<{ __typename?: 'RouteFare', boardingStop: number, alightingStop: number, price: { __typename?: 'Money', amount: number, currency: string } }> } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type CompanyRouteNamesQueryVariables = Exact<{
  companyId: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type CompanyRouteNamesQuery = { __typename?: 'Query', routes: { __typename?: 'RouteConnection', edges: Array<{ __typename?: 'RouteEdge', node: { __typename?: 'Route', id: string, name: string } }> } };

export type CompanyDriversQueryVariables = Exact<{
  companyId: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type CompanyDriversQuery = { __typename?: 'Query', drivers: { __typename?: 'DriverConnection', edges: Array<{ __typename?: 'DriverEdge', node: { __typename?: 'Driver', id: string, name: string, phone: string, licenceNumber: string, userId?: string | null } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type ScheduleTripMutationVariables = Exact<{
  input: ScheduleTripInput;
}>;


export type ScheduleTripMutation = { __typename?: 'Mutation', scheduleTrip: { __typename?: 'Trip', id: string, departureAt: string, timeZone: string, status: TripStatus } };

export type StationsQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type StationsQuery = { __typename?: 'Query', stations: { __typename?: 'StationConnection', edges: Array<{ __typename?: 'StationEdge', node: { __typename?: 'Station', id: string, code: string, name: string, city: string, latitude: number, longitude: number } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type CreateBusMutationVariables = Exact<{
  input: CreateBusInput;
}>;


export type CreateBusMutation = { __typename?: 'Mutation', createBus: { __typename?: 'Bus', id: string, plateNumber: string, seatCount: number } };

export type CreateDriverMutationVariables = Exact<{
  input: CreateDriverInput;
}>;


export type CreateDriverMutation = { __typename?: 'Mutation', createDriver: { __typename?: 'Driver', id: string, name: string } };

export type CreateRouteMutationVariables = Exact<{
  input: CreateRouteInput;
}>;


export type CreateRouteMutation = { __typename?: 'Mutation', createRoute: { __typename?: 'Route', id: string, name: string } };

export type CreateStationMutationVariables = Exact<{
  input: CreateStationInput;
}>;


export type CreateStationMutation = { __typename?: 'Mutation', createStation: { __typename?: 'Station', id: string, code: string, name: string } };

export type SetRouteFaresMutationVariables = Exact<{
  routeId: Scalars['ID']['input'];
  fares: Array<RouteFareInput> | RouteFareInput;
}>;


export type SetRouteFaresMutation = { __typename?: 'Mutation', setRouteFares: { __typename?: 'Route', id: string, fares: Array<{ __typename?: 'RouteFare', boardingStop: number, alightingStop: number, price: { __typename?: 'Money', amount: number, currency: string } }> } };

export type CounterBookingQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type CounterBookingQuery = { __typename?: 'Query', booking?: { __typename?: 'Booking', channel: SalesChannel, soldBy?: string | null, claimed: boolean, id: string, status: BookingStatus, expiresAt?: string | null, createdAt: string, cancellationReason?: string | null, walkIn?: { __typename?: 'WalkInPassenger', name: string, phone: string, language: string } | null, payments: Array<{ __typename?: 'Payment', id: string, status: PaymentStatus, method: PaymentMethod, failureReason?: string | null, createdAt: string, cashChange?: { __typename?: 'Money', amount: number, currency: string } | null }>, trip: { __typename?: 'Trip', id: string, timeZone: string, departureAt: string, arrivalAt: string, route: { __typename?: 'Route', id: string, name: string, origin: { __typename?: 'Station', id: string, name: string }, destination: { __typename?: 'Station', id: string, name: string } }, company: { __typename?: 'Company', id: string, name: string }, bus: { __typename?: 'Bus', id: string, plateNumber: string, model: string } }, totalAmount: { __typename?: 'Money', amount: number, currency: string }, refund?: { __typename?: 'Money', amount: number, currency: string } | null, tickets: Array<{ __typename?: 'Ticket', id: string, seatNumber: string, passengerName: string, status: TicketStatus, segment: { __typename?: 'TripSegment', boardingStop: number, alightingStop: number, boarding?: { __typename?: 'TripStop', name: string, city: string, departsAt: string } | null, alighting?: { __typename?: 'TripStop', name: string, city: string, departsAt: string } | null, fare: { __typename?: 'Money', amount: number, currency: string } }, qr?: { __typename?: 'TicketQR', token: string, pngDataUrl: string, validUntil: string } | null }> } | null };

export type RecordCashPaymentMutationVariables = Exact<{
  input: RecordCashPaymentInput;
  idempotencyKey: Scalars['String']['input'];
}>;


export type RecordCashPaymentMutation = { __typename?: 'Mutation', recordCashPayment: { __typename?: 'Payment', id: string, status: PaymentStatus, method: PaymentMethod, shiftId?: string | null, amount: { __typename?: 'Money', amount: number, currency: string }, cashReceived?: { __typename?: 'Money', amount: number, currency: string } | null, cashChange?: { __typename?: 'Money', amount: number, currency: string } | null, booking: { __typename?: 'Booking', id: string, status: BookingStatus } } };

export type CashShiftDetailsFragment = { __typename?: 'CashShift', id: string, status: CashShiftStatus, openedAt: string, closedAt?: string | null, paymentCount: number, refundCount: number, totals: Array<{ __typename?: 'CashTotal', currency: string, taken: { __typename?: 'Money', amount: number, currency: string }, refunded: { __typename?: 'Money', amount: number, currency: string }, net: { __typename?: 'Money', amount: number, currency: string } }> };

export type MyCashShiftQueryVariables = Exact<{ [key: string]: never; }>;


export type MyCashShiftQuery = { __typename?: 'Query', myCashShift?: { __typename?: 'CashShift', id: string, status: CashShiftStatus, openedAt: string, closedAt?: string | null, paymentCount: number, refundCount: number, totals: Array<{ __typename?: 'CashTotal', currency: string, taken: { __typename?: 'Money', amount: number, currency: string }, refunded: { __typename?: 'Money', amount: number, currency: string }, net: { __typename?: 'Money', amount: number, currency: string } }> } | null };

export type CloseCashShiftMutationVariables = Exact<{ [key: string]: never; }>;


export type CloseCashShiftMutation = { __typename?: 'Mutation', closeCashShift: { __typename?: 'CashShift', id: string, status: CashShiftStatus, openedAt: string, closedAt?: string | null, paymentCount: number, refundCount: number, totals: Array<{ __typename?: 'CashTotal', currency: string, taken: { __typename?: 'Money', amount: number, currency: string }, refunded: { __typename?: 'Money', amount: number, currency: string }, net: { __typename?: 'Money', amount: number, currency: string } }> } };

export type CounterSalesQueryVariables = Exact<{
  companyId: Scalars['ID']['input'];
  soldBy?: InputMaybe<Scalars['ID']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type CounterSalesQuery = { __typename?: 'Query', counterSales: { __typename?: 'BookingConnection', edges: Array<{ __typename?: 'BookingEdge', cursor: string, node: { __typename?: 'Booking', id: string, status: BookingStatus, createdAt: string, claimed: boolean, totalAmount: { __typename?: 'Money', amount: number, currency: string }, walkIn?: { __typename?: 'WalkInPassenger', name: string, phone: string } | null, segment: { __typename?: 'TripSegment', boarding?: { __typename?: 'TripStop', city: string, departsAt: string } | null, alighting?: { __typename?: 'TripStop', city: string } | null }, tickets: Array<{ __typename?: 'Ticket', id: string, seatNumber: string }>, trip: { __typename?: 'Trip', id: string, departureAt: string, timeZone: string, route: { __typename?: 'Route', id: string, origin: { __typename?: 'Station', id: string, city: string }, destination: { __typename?: 'Station', id: string, city: string } } } } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type CashRefundsDueQueryVariables = Exact<{
  companyId: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type CashRefundsDueQuery = { __typename?: 'Query', cashRefundsDue: { __typename?: 'CashRefundDueConnection', edges: Array<{ __typename?: 'CashRefundDueEdge', cursor: string, node: { __typename?: 'CashRefundDue', id: string, reason: string, dueSince: string, amount: { __typename?: 'Money', amount: number, currency: string }, payment: { __typename?: 'Payment', id: string }, booking: { __typename?: 'Booking', id: string, walkIn?: { __typename?: 'WalkInPassenger', name: string } | null } } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type HandOutCashRefundMutationVariables = Exact<{
  paymentId: Scalars['ID']['input'];
  idempotencyKey: Scalars['String']['input'];
  code?: InputMaybe<Scalars['String']['input']>;
}>;


export type HandOutCashRefundMutation = { __typename?: 'Mutation', handOutCashRefund: { __typename?: 'Payment', id: string, status: PaymentStatus, refundState?: RefundState | null, shiftId?: string | null } };

export type SendCashRefundCodeMutationVariables = Exact<{
  paymentId: Scalars['ID']['input'];
}>;


export type SendCashRefundCodeMutation = { __typename?: 'Mutation', sendCashRefundCode: { __typename?: 'Payment', id: string } };

export type MyDriverTripsQueryVariables = Exact<{
  from?: InputMaybe<Scalars['DateTime']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
}>;


export type MyDriverTripsQuery = { __typename?: 'Query', myDriverTrips: { __typename?: 'TripConnection', edges: Array<{ __typename?: 'TripEdge', node: { __typename?: 'Trip', id: string, departureAt: string, timeZone: string, status: TripStatus, route: { __typename?: 'Route', id: string, name: string }, bus: { __typename?: 'Bus', id: string, plateNumber: string }, stops: Array<{ __typename?: 'TripStop', order: number, name: string, city: string }> } }> } };

export type TripManifestQueryVariables = Exact<{
  tripId: Scalars['ID']['input'];
}>;


export type TripManifestQuery = { __typename?: 'Query', tripManifest: Array<{ __typename?: 'ManifestEntry', seatNumber: string, passengerName: string, status: TicketStatus, ticket: { __typename?: 'Ticket', id: string }, segment: { __typename?: 'TripSegment', boardingStop: number, alightingStop: number, boarding?: { __typename?: 'TripStop', city: string } | null, alighting?: { __typename?: 'TripStop', city: string } | null } }> };

export type VerifyTicketMutationVariables = Exact<{
  token: Scalars['String']['input'];
  tripId?: InputMaybe<Scalars['ID']['input']>;
  stop?: InputMaybe<Scalars['Int']['input']>;
}>;


export type VerifyTicketMutation = { __typename?: 'Mutation', verifyTicket: { __typename?: 'BoardingResult', result: BoardingResultCode, boardedAt?: string | null, seatNumber?: string | null, passengerName?: string | null, tripId?: string | null, boardingOpensAt?: string | null, boardingStopName?: string | null, alightingStopName?: string | null } };

export type RequestBookingClaimMutationVariables = Exact<{
  phone: Scalars['String']['input'];
}>;


export type RequestBookingClaimMutation = { __typename?: 'Mutation', requestBookingClaim: boolean };

export type ClaimBookingsMutationVariables = Exact<{
  phone: Scalars['String']['input'];
  code: Scalars['String']['input'];
}>;


export type ClaimBookingsMutation = { __typename?: 'Mutation', claimBookings: Array<{ __typename?: 'Booking', claimed: boolean, id: string, status: BookingStatus, totalAmount: { __typename?: 'Money', amount: number, currency: string }, tickets: Array<{ __typename?: 'Ticket', id: string, seatNumber: string }>, trip: { __typename?: 'Trip', id: string, departureAt: string, timeZone: string, company: { __typename?: 'Company', id: string, name: string }, route: { __typename?: 'Route', id: string, origin: { __typename?: 'Station', id: string, city: string }, destination: { __typename?: 'Station', id: string, city: string } } } }> };

export type MyBookingsQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type MyBookingsQuery = { __typename?: 'Query', myBookings: { __typename?: 'BookingConnection', edges: Array<{ __typename?: 'BookingEdge', cursor: string, node: { __typename?: 'Booking', createdAt: string, id: string, status: BookingStatus, totalAmount: { __typename?: 'Money', amount: number, currency: string }, tickets: Array<{ __typename?: 'Ticket', id: string, seatNumber: string }>, trip: { __typename?: 'Trip', id: string, departureAt: string, timeZone: string, company: { __typename?: 'Company', id: string, name: string }, route: { __typename?: 'Route', id: string, origin: { __typename?: 'Station', id: string, city: string }, destination: { __typename?: 'Station', id: string, city: string } } } } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type BookingDetailsFragment = { __typename?: 'Booking', id: string, status: BookingStatus, expiresAt?: string | null, createdAt: string, cancellationReason?: string | null, totalAmount: { __typename?: 'Money', amount: number, currency: string }, refund?: { __typename?: 'Money', amount: number, currency: string } | null, trip: { __typename?: 'Trip', id: string, departureAt: string, timeZone: string, arrivalAt: string, company: { __typename?: 'Company', id: string, name: string }, route: { __typename?: 'Route', id: string, origin: { __typename?: 'Station', id: string, name: string }, destination: { __typename?: 'Station', id: string, name: string } }, bus: { __typename?: 'Bus', id: string, plateNumber: string, model: string } }, tickets: Array<{ __typename?: 'Ticket', id: string, seatNumber: string, passengerName: string, status: TicketStatus, segment: { __typename?: 'TripSegment', boardingStop: number, alightingStop: number, boarding?: { __typename?: 'TripStop', name: string, city: string, departsAt: string } | null, alighting?: { __typename?: 'TripStop', name: string, city: string, departsAt: string } | null, fare: { __typename?: 'Money', amount: number, currency: string } }, qr?: { __typename?: 'TicketQR', token: string, pngDataUrl: string, validUntil: string } | null }>, payments: Array<{ __typename?: 'Payment', id: string, status: PaymentStatus, method: PaymentMethod, failureReason?: string | null, createdAt: string }> };

export type BookingQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type BookingQuery = { __typename?: 'Query', booking?: { __typename?: 'Booking', id: string, status: BookingStatus, expiresAt?: string | null, createdAt: string, cancellationReason?: string | null, totalAmount: { __typename?: 'Money', amount: number, currency: string }, refund?: { __typename?: 'Money', amount: number, currency: string } | null, trip: { __typename?: 'Trip', id: string, departureAt: string, timeZone: string, arrivalAt: string, company: { __typename?: 'Company', id: string, name: string }, route: { __typename?: 'Route', id: string, origin: { __typename?: 'Station', id: string, name: string }, destination: { __typename?: 'Station', id: string, name: string } }, bus: { __typename?: 'Bus', id: string, plateNumber: string, model: string } }, tickets: Array<{ __typename?: 'Ticket', id: string, seatNumber: string, passengerName: string, status: TicketStatus, segment: { __typename?: 'TripSegment', boardingStop: number, alightingStop: number, boarding?: { __typename?: 'TripStop', name: string, city: string, departsAt: string } | null, alighting?: { __typename?: 'TripStop', name: string, city: string, departsAt: string } | null, fare: { __typename?: 'Money', amount: number, currency: string } }, qr?: { __typename?: 'TicketQR', token: string, pngDataUrl: string, validUntil: string } | null }>, payments: Array<{ __typename?: 'Payment', id: string, status: PaymentStatus, method: PaymentMethod, failureReason?: string | null, createdAt: string }> } | null };

export type BookingStatusChangedSubscriptionVariables = Exact<{
  bookingId: Scalars['ID']['input'];
}>;


export type BookingStatusChangedSubscription = { __typename?: 'Subscription', bookingStatusChanged: { __typename?: 'Booking', id: string, status: BookingStatus, expiresAt?: string | null, createdAt: string, cancellationReason?: string | null, totalAmount: { __typename?: 'Money', amount: number, currency: string }, refund?: { __typename?: 'Money', amount: number, currency: string } | null, trip: { __typename?: 'Trip', id: string, departureAt: string, timeZone: string, arrivalAt: string, company: { __typename?: 'Company', id: string, name: string }, route: { __typename?: 'Route', id: string, origin: { __typename?: 'Station', id: string, name: string }, destination: { __typename?: 'Station', id: string, name: string } }, bus: { __typename?: 'Bus', id: string, plateNumber: string, model: string } }, tickets: Array<{ __typename?: 'Ticket', id: string, seatNumber: string, passengerName: string, status: TicketStatus, segment: { __typename?: 'TripSegment', boardingStop: number, alightingStop: number, boarding?: { __typename?: 'TripStop', name: string, city: string, departsAt: string } | null, alighting?: { __typename?: 'TripStop', name: string, city: string, departsAt: string } | null, fare: { __typename?: 'Money', amount: number, currency: string } }, qr?: { __typename?: 'TicketQR', token: string, pngDataUrl: string, validUntil: string } | null }>, payments: Array<{ __typename?: 'Payment', id: string, status: PaymentStatus, method: PaymentMethod, failureReason?: string | null, createdAt: string }> } };

export type StartPaymentMutationVariables = Exact<{
  input: StartPaymentInput;
  idempotencyKey: Scalars['String']['input'];
}>;


export type StartPaymentMutation = { __typename?: 'Mutation', startPayment: { __typename?: 'Payment', id: string, status: PaymentStatus, booking: { __typename?: 'Booking', id: string, status: BookingStatus } } };

export type CancelBookingMutationVariables = Exact<{
  bookingId: Scalars['ID']['input'];
}>;


export type CancelBookingMutation = { __typename?: 'Mutation', cancelBooking: { __typename?: 'Booking', id: string, status: BookingStatus, expiresAt?: string | null, createdAt: string, cancellationReason?: string | null, totalAmount: { __typename?: 'Money', amount: number, currency: string }, refund?: { __typename?: 'Money', amount: number, currency: string } | null, trip: { __typename?: 'Trip', id: string, departureAt: string, timeZone: string, arrivalAt: string, company: { __typename?: 'Company', id: string, name: string }, route: { __typename?: 'Route', id: string, origin: { __typename?: 'Station', id: string, name: string }, destination: { __typename?: 'Station', id: string, name: string } }, bus: { __typename?: 'Bus', id: string, plateNumber: string, model: string } }, tickets: Array<{ __typename?: 'Ticket', id: string, seatNumber: string, passengerName: string, status: TicketStatus, segment: { __typename?: 'TripSegment', boardingStop: number, alightingStop: number, boarding?: { __typename?: 'TripStop', name: string, city: string, departsAt: string } | null, alighting?: { __typename?: 'TripStop', name: string, city: string, departsAt: string } | null, fare: { __typename?: 'Money', amount: number, currency: string } }, qr?: { __typename?: 'TicketQR', token: string, pngDataUrl: string, validUntil: string } | null }>, payments: Array<{ __typename?: 'Payment', id: string, status: PaymentStatus, method: PaymentMethod, failureReason?: string | null, createdAt: string }> } };

export type BookingListItemFragment = { __typename?: 'Booking', id: string, status: BookingStatus, totalAmount: { __typename?: 'Money', amount: number, currency: string }, tickets: Array<{ __typename?: 'Ticket', id: string, seatNumber: string }>, trip: { __typename?: 'Trip', id: string, departureAt: string, timeZone: string, company: { __typename?: 'Company', id: string, name: string }, route: { __typename?: 'Route', id: string, origin: { __typename?: 'Station', id: string, city: string }, destination: { __typename?: 'Station', id: string, city: string } } } };

export type SearchCitiesQueryVariables = Exact<{ [key: string]: never; }>;


export type SearchCitiesQuery = { __typename?: 'Query', stations: { __typename?: 'StationConnection', edges: Array<{ __typename?: 'StationEdge', node: { __typename?: 'Station', id: string, city: string } }> } };

export type SearchTripsQueryVariables = Exact<{
  input: SearchTripsInput;
}>;


export type SearchTripsQuery = { __typename?: 'Query', searchTrips: Array<{ __typename?: 'Trip', id: string, departureAt: string, timeZone: string, arrivalAt: string, availableSeats: number, status: TripStatus, price: { __typename?: 'Money', amount: number, currency: string }, searchedSegment?: { __typename?: 'TripSegment', boardingStop: number, alightingStop: number, boarding?: { __typename?: 'TripStop', name: string, departsAt: string } | null, alighting?: { __typename?: 'TripStop', name: string, departsAt: string } | null, fare: { __typename?: 'Money', amount: number, currency: string } } | null, company: { __typename?: 'Company', id: string, name: string }, route: { __typename?: 'Route', id: string, name: string, origin: { __typename?: 'Station', id: string, name: string, city: string }, destination: { __typename?: 'Station', id: string, name: string, city: string } }, bus: { __typename?: 'Bus', id: string, plateNumber: string, model: string, amenities: Array<string> } }> };

export type TripSeatsQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  boardingStop?: InputMaybe<Scalars['Int']['input']>;
  alightingStop?: InputMaybe<Scalars['Int']['input']>;
}>;


export type TripSeatsQuery = { __typename?: 'Query', trip?: { __typename?: 'Trip', id: string, departureAt: string, timeZone: string, arrivalAt: string, status: TripStatus, availableSeats: number, price: { __typename?: 'Money', amount: number, currency: string }, stops: Array<{ __typename?: 'TripStop', order: number, name: string, city: string, stationId?: string | null, departsAt: string }>, fares: Array<{ __typename?: 'TripFare', boardingStop: number, alightingStop: number, price: { __typename?: 'Money', amount: number, currency: string } }>, company: { __typename?: 'Company', id: string, name: string }, route: { __typename?: 'Route', id: string, name: string, origin: { __typename?: 'Station', id: string, name: string }, destination: { __typename?: 'Station', id: string, name: string } }, bus: { __typename?: 'Bus', id: string, model: string, plateNumber: string, seatLayout: { __typename?: 'SeatLayout', decks: Array<{ __typename?: 'DeckLayout', deck: number, rows: number, firstRow: number, columns: Array<string>, aisleAfter: Array<string> }> } }, seatMap: Array<{ __typename?: 'SeatStatus', label: string, deck: number, row: number, column: string, state: SeatState }> } | null };

export type TripSeatsChangedSubscriptionVariables = Exact<{
  tripId: Scalars['ID']['input'];
  boardingStop?: InputMaybe<Scalars['Int']['input']>;
  alightingStop?: InputMaybe<Scalars['Int']['input']>;
}>;


export type TripSeatsChangedSubscription = { __typename?: 'Subscription', tripSeatsChanged: { __typename?: 'Trip', id: string, availableSeats: number, seatMap: Array<{ __typename?: 'SeatStatus', label: string, deck: number, row: number, column: string, state: SeatState }> } };

export type HoldSeatsMutationVariables = Exact<{
  input: HoldSeatsInput;
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
}>;


export type HoldSeatsMutation = { __typename?: 'Mutation', holdSeats: { __typename?: 'Booking', id: string, status: BookingStatus, expiresAt?: string | null, channel: SalesChannel } };

export const CashShiftDetailsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CashShiftDetails"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CashShift"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"openedAt"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"paymentCount"}},{"kind":"Field","name":{"kind":"Name","value":"refundCount"}},{"kind":"Field","name":{"kind":"Name","value":"totals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"taken"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"refunded"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"net"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}}]}}]} as unknown as DocumentNode<CashShiftDetailsFragment, unknown>;
export const BookingDetailsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"BookingDetails"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Booking"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"cancellationReason"}},{"kind":"Field","name":{"kind":"Name","value":"totalAmount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"refund"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"trip"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"departureAt"}},{"kind":"Field","name":{"kind":"Name","value":"timeZone"}},{"kind":"Field","name":{"kind":"Name","value":"arrivalAt"}},{"kind":"Field","name":{"kind":"Name","value":"company"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"route"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"origin"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"destination"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"bus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"plateNumber"}},{"kind":"Field","name":{"kind":"Name","value":"model"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"tickets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"seatNumber"}},{"kind":"Field","name":{"kind":"Name","value":"passengerName"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"segment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"boardingStop"}},{"kind":"Field","name":{"kind":"Name","value":"alightingStop"}},{"kind":"Field","name":{"kind":"Name","value":"boarding"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"departsAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"alighting"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"departsAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"fare"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"qr"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"pngDataUrl"}},{"kind":"Field","name":{"kind":"Name","value":"validUntil"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"payments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"failureReason"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]} as unknown as DocumentNode<BookingDetailsFragment, unknown>;
export const BookingListItemFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"BookingListItem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Booking"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"totalAmount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tickets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"seatNumber"}}]}},{"kind":"Field","name":{"kind":"Name","value":"trip"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"departureAt"}},{"kind":"Field","name":{"kind":"Name","value":"timeZone"}},{"kind":"Field","name":{"kind":"Name","value":"company"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"route"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"origin"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"city"}}]}},{"kind":"Field","name":{"kind":"Name","value":"destination"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"city"}}]}}]}}]}}]}}]} as unknown as DocumentNode<BookingListItemFragment, unknown>;
export const SaveLanguageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SaveLanguage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"language"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateProfile"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"language"},"value":{"kind":"Variable","name":{"kind":"Name","value":"language"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"language"}}]}}]}}]} as unknown as DocumentNode<SaveLanguageMutation, SaveLanguageMutationVariables>;
export const RefreshSessionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RefreshSession"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"refreshToken"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"idempotencyKey"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"refreshToken"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"refreshToken"},"value":{"kind":"Variable","name":{"kind":"Name","value":"refreshToken"}}},{"kind":"Argument","name":{"kind":"Name","value":"idempotencyKey"},"value":{"kind":"Variable","name":{"kind":"Name","value":"idempotencyKey"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"refreshToken"}},{"kind":"Field","name":{"kind":"Name","value":"expiresIn"}}]}}]}}]} as unknown as DocumentNode<RefreshSessionMutation, RefreshSessionMutationVariables>;
export const SignOutDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SignOut"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"refreshToken"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"logout"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"refreshToken"},"value":{"kind":"Variable","name":{"kind":"Name","value":"refreshToken"}}}]}]}}]} as unknown as DocumentNode<SignOutMutation, SignOutMutationVariables>;
export const ChangePasswordDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ChangePassword"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"currentPassword"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"newPassword"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"refreshToken"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changePassword"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"currentPassword"},"value":{"kind":"Variable","name":{"kind":"Name","value":"currentPassword"}}},{"kind":"Argument","name":{"kind":"Name","value":"newPassword"},"value":{"kind":"Variable","name":{"kind":"Name","value":"newPassword"}}},{"kind":"Argument","name":{"kind":"Name","value":"refreshToken"},"value":{"kind":"Variable","name":{"kind":"Name","value":"refreshToken"}}}]}]}}]} as unknown as DocumentNode<ChangePasswordMutation, ChangePasswordMutationVariables>;
export const RequestPasswordResetDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RequestPasswordReset"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"email"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"language"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestPasswordReset"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"email"},"value":{"kind":"Variable","name":{"kind":"Name","value":"email"}}},{"kind":"Argument","name":{"kind":"Name","value":"language"},"value":{"kind":"Variable","name":{"kind":"Name","value":"language"}}}]}]}}]} as unknown as DocumentNode<RequestPasswordResetMutation, RequestPasswordResetMutationVariables>;
export const ResetPasswordDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ResetPassword"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"email"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"code"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"newPassword"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resetPassword"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"email"},"value":{"kind":"Variable","name":{"kind":"Name","value":"email"}}},{"kind":"Argument","name":{"kind":"Name","value":"code"},"value":{"kind":"Variable","name":{"kind":"Name","value":"code"}}},{"kind":"Argument","name":{"kind":"Name","value":"newPassword"},"value":{"kind":"Variable","name":{"kind":"Name","value":"newPassword"}}}]}]}}]} as unknown as DocumentNode<ResetPasswordMutation, ResetPasswordMutationVariables>;
export const SignInDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SignIn"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"email"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"password"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"deviceToken"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"login"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"email"},"value":{"kind":"Variable","name":{"kind":"Name","value":"email"}}},{"kind":"Argument","name":{"kind":"Name","value":"password"},"value":{"kind":"Variable","name":{"kind":"Name","value":"password"}}},{"kind":"Argument","name":{"kind":"Name","value":"deviceToken"},"value":{"kind":"Variable","name":{"kind":"Name","value":"deviceToken"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"refreshToken"}},{"kind":"Field","name":{"kind":"Name","value":"expiresIn"}},{"kind":"Field","name":{"kind":"Name","value":"deviceToken"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"companyId"}}]}}]}}]}}]} as unknown as DocumentNode<SignInMutation, SignInMutationVariables>;
export const SignedInProfileDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SignedInProfile"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"profile"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fullName"}},{"kind":"Field","name":{"kind":"Name","value":"language"}}]}}]}}]}}]} as unknown as DocumentNode<SignedInProfileQuery, SignedInProfileQueryVariables>;
export const NotificationMessagesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NotificationMessages"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"NotificationMessageFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"notificationMessages"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"language"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}},{"kind":"Field","name":{"kind":"Name","value":"bookingId"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"sentAt"}},{"kind":"Field","name":{"kind":"Name","value":"history"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"attempt"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}},{"kind":"Field","name":{"kind":"Name","value":"at"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<NotificationMessagesQuery, NotificationMessagesQueryVariables>;
export const CompanyDashboardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CompanyDashboard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"companyId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"companyDashboard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"companyId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"companyId"}}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"companyId"}},{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"totals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revenue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"refunds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"netRevenue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"bookings"}},{"kind":"Field","name":{"kind":"Name","value":"cancellations"}},{"kind":"Field","name":{"kind":"Name","value":"seatsSold"}}]}},{"kind":"Field","name":{"kind":"Name","value":"byChannel"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"bookings"}},{"kind":"Field","name":{"kind":"Name","value":"cancellations"}},{"kind":"Field","name":{"kind":"Name","value":"seatsSold"}},{"kind":"Field","name":{"kind":"Name","value":"byCurrency"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"netRevenue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"revenuePerDay"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"bookings"}},{"kind":"Field","name":{"kind":"Name","value":"revenue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"routeOccupancy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"routeId"}},{"kind":"Field","name":{"kind":"Name","value":"origin"}},{"kind":"Field","name":{"kind":"Name","value":"destination"}},{"kind":"Field","name":{"kind":"Name","value":"trips"}},{"kind":"Field","name":{"kind":"Name","value":"seatsSold"}},{"kind":"Field","name":{"kind":"Name","value":"seatCount"}},{"kind":"Field","name":{"kind":"Name","value":"occupancy"}}]}},{"kind":"Field","name":{"kind":"Name","value":"segmentOccupancy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"routeId"}},{"kind":"Field","name":{"kind":"Name","value":"fromStop"}},{"kind":"Field","name":{"kind":"Name","value":"fromCity"}},{"kind":"Field","name":{"kind":"Name","value":"toCity"}},{"kind":"Field","name":{"kind":"Name","value":"seatsSold"}},{"kind":"Field","name":{"kind":"Name","value":"seatCount"}},{"kind":"Field","name":{"kind":"Name","value":"occupancy"}}]}},{"kind":"Field","name":{"kind":"Name","value":"revenueByPair"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"routeId"}},{"kind":"Field","name":{"kind":"Name","value":"boardingStop"}},{"kind":"Field","name":{"kind":"Name","value":"alightingStop"}},{"kind":"Field","name":{"kind":"Name","value":"origin"}},{"kind":"Field","name":{"kind":"Name","value":"destination"}},{"kind":"Field","name":{"kind":"Name","value":"bookings"}},{"kind":"Field","name":{"kind":"Name","value":"seatsSold"}},{"kind":"Field","name":{"kind":"Name","value":"revenue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"tripOccupancy"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"12"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"departureAt"}},{"kind":"Field","name":{"kind":"Name","value":"seatsSold"}},{"kind":"Field","name":{"kind":"Name","value":"seatCount"}},{"kind":"Field","name":{"kind":"Name","value":"occupancy"}},{"kind":"Field","name":{"kind":"Name","value":"boarded"}},{"kind":"Field","name":{"kind":"Name","value":"trip"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"timeZone"}},{"kind":"Field","name":{"kind":"Name","value":"route"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<CompanyDashboardQuery, CompanyDashboardQueryVariables>;
export const CompaniesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Companies"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"companies"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CompaniesQuery, CompaniesQueryVariables>;
export const CompanySettingsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CompanySettings"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"company"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"timeZone"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}}]} as unknown as DocumentNode<CompanySettingsQuery, CompanySettingsQueryVariables>;
export const CompanyTripsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CompanyTrips"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"companyId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trips"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"companyId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"companyId"}}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"departureAt"}},{"kind":"Field","name":{"kind":"Name","value":"timeZone"}},{"kind":"Field","name":{"kind":"Name","value":"arrivalAt"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"availableSeats"}},{"kind":"Field","name":{"kind":"Name","value":"price"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"route"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"bus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"plateNumber"}},{"kind":"Field","name":{"kind":"Name","value":"seatCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"driver"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<CompanyTripsQuery, CompanyTripsQueryVariables>;
export const CompanyBusesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CompanyBuses"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"companyId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"buses"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"companyId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"companyId"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"plateNumber"}},{"kind":"Field","name":{"kind":"Name","value":"model"}},{"kind":"Field","name":{"kind":"Name","value":"seatCount"}},{"kind":"Field","name":{"kind":"Name","value":"amenities"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<CompanyBusesQuery, CompanyBusesQueryVariables>;
export const CompanyRoutesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CompanyRoutes"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"companyId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"routes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"companyId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"companyId"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"distanceKm"}},{"kind":"Field","name":{"kind":"Name","value":"durationMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"stops"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"order"}},{"kind":"Field","name":{"kind":"Name","value":"minutesFromDeparture"}},{"kind":"Field","name":{"kind":"Name","value":"station"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"city"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"fares"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"boardingStop"}},{"kind":"Field","name":{"kind":"Name","value":"alightingStop"}},{"kind":"Field","name":{"kind":"Name","value":"price"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<CompanyRoutesQuery, CompanyRoutesQueryVariables>;
export const CompanyRouteNamesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CompanyRouteNames"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"companyId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"routes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"companyId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"companyId"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CompanyRouteNamesQuery, CompanyRouteNamesQueryVariables>;
export const CompanyDriversDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CompanyDrivers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"companyId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"drivers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"companyId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"companyId"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"licenceNumber"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<CompanyDriversQuery, CompanyDriversQueryVariables>;
export const ScheduleTripDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ScheduleTrip"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ScheduleTripInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scheduleTrip"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"departureAt"}},{"kind":"Field","name":{"kind":"Name","value":"timeZone"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<ScheduleTripMutation, ScheduleTripMutationVariables>;
export const StationsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Stations"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"latitude"}},{"kind":"Field","name":{"kind":"Name","value":"longitude"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<StationsQuery, StationsQueryVariables>;
export const CreateBusDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateBus"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateBusInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createBus"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"plateNumber"}},{"kind":"Field","name":{"kind":"Name","value":"seatCount"}}]}}]}}]} as unknown as DocumentNode<CreateBusMutation, CreateBusMutationVariables>;
export const CreateDriverDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateDriver"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateDriverInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createDriver"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<CreateDriverMutation, CreateDriverMutationVariables>;
export const CreateRouteDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateRoute"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateRouteInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createRoute"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<CreateRouteMutation, CreateRouteMutationVariables>;
export const CreateStationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateStation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateStationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createStation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<CreateStationMutation, CreateStationMutationVariables>;
export const SetRouteFaresDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetRouteFares"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"routeId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"fares"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RouteFareInput"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setRouteFares"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"routeId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"routeId"}}},{"kind":"Argument","name":{"kind":"Name","value":"fares"},"value":{"kind":"Variable","name":{"kind":"Name","value":"fares"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"fares"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"boardingStop"}},{"kind":"Field","name":{"kind":"Name","value":"alightingStop"}},{"kind":"Field","name":{"kind":"Name","value":"price"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}}]}}]}}]} as unknown as DocumentNode<SetRouteFaresMutation, SetRouteFaresMutationVariables>;
export const CounterBookingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CounterBooking"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"booking"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"BookingDetails"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"soldBy"}},{"kind":"Field","name":{"kind":"Name","value":"claimed"}},{"kind":"Field","name":{"kind":"Name","value":"walkIn"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"language"}}]}},{"kind":"Field","name":{"kind":"Name","value":"payments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"cashChange"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"trip"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"timeZone"}},{"kind":"Field","name":{"kind":"Name","value":"route"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"BookingDetails"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Booking"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"cancellationReason"}},{"kind":"Field","name":{"kind":"Name","value":"totalAmount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"refund"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"trip"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"departureAt"}},{"kind":"Field","name":{"kind":"Name","value":"timeZone"}},{"kind":"Field","name":{"kind":"Name","value":"arrivalAt"}},{"kind":"Field","name":{"kind":"Name","value":"company"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"route"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"origin"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"destination"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"bus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"plateNumber"}},{"kind":"Field","name":{"kind":"Name","value":"model"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"tickets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"seatNumber"}},{"kind":"Field","name":{"kind":"Name","value":"passengerName"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"segment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"boardingStop"}},{"kind":"Field","name":{"kind":"Name","value":"alightingStop"}},{"kind":"Field","name":{"kind":"Name","value":"boarding"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"departsAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"alighting"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"departsAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"fare"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"qr"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"pngDataUrl"}},{"kind":"Field","name":{"kind":"Name","value":"validUntil"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"payments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"failureReason"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]} as unknown as DocumentNode<CounterBookingQuery, CounterBookingQueryVariables>;
export const RecordCashPaymentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecordCashPayment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RecordCashPaymentInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"idempotencyKey"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordCashPayment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}},{"kind":"Argument","name":{"kind":"Name","value":"idempotencyKey"},"value":{"kind":"Variable","name":{"kind":"Name","value":"idempotencyKey"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cashReceived"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cashChange"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"shiftId"}},{"kind":"Field","name":{"kind":"Name","value":"booking"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<RecordCashPaymentMutation, RecordCashPaymentMutationVariables>;
export const MyCashShiftDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyCashShift"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"myCashShift"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CashShiftDetails"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CashShiftDetails"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CashShift"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"openedAt"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"paymentCount"}},{"kind":"Field","name":{"kind":"Name","value":"refundCount"}},{"kind":"Field","name":{"kind":"Name","value":"totals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"taken"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"refunded"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"net"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}}]}}]} as unknown as DocumentNode<MyCashShiftQuery, MyCashShiftQueryVariables>;
export const CloseCashShiftDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CloseCashShift"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"closeCashShift"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CashShiftDetails"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CashShiftDetails"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CashShift"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"openedAt"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"paymentCount"}},{"kind":"Field","name":{"kind":"Name","value":"refundCount"}},{"kind":"Field","name":{"kind":"Name","value":"totals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"taken"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"refunded"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"net"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}}]}}]} as unknown as DocumentNode<CloseCashShiftMutation, CloseCashShiftMutationVariables>;
export const CounterSalesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CounterSales"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"companyId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"soldBy"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"counterSales"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"companyId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"companyId"}}},{"kind":"Argument","name":{"kind":"Name","value":"soldBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"soldBy"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"claimed"}},{"kind":"Field","name":{"kind":"Name","value":"totalAmount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"walkIn"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}}]}},{"kind":"Field","name":{"kind":"Name","value":"segment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"boarding"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"departsAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"alighting"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"city"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"tickets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"seatNumber"}}]}},{"kind":"Field","name":{"kind":"Name","value":"trip"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"departureAt"}},{"kind":"Field","name":{"kind":"Name","value":"timeZone"}},{"kind":"Field","name":{"kind":"Name","value":"route"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"origin"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"city"}}]}},{"kind":"Field","name":{"kind":"Name","value":"destination"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"city"}}]}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<CounterSalesQuery, CounterSalesQueryVariables>;
export const CashRefundsDueDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CashRefundsDue"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"companyId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cashRefundsDue"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"companyId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"companyId"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"dueSince"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"payment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"booking"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"walkIn"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<CashRefundsDueQuery, CashRefundsDueQueryVariables>;
export const HandOutCashRefundDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"HandOutCashRefund"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"paymentId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"idempotencyKey"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"code"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"handOutCashRefund"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"paymentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"paymentId"}}},{"kind":"Argument","name":{"kind":"Name","value":"idempotencyKey"},"value":{"kind":"Variable","name":{"kind":"Name","value":"idempotencyKey"}}},{"kind":"Argument","name":{"kind":"Name","value":"code"},"value":{"kind":"Variable","name":{"kind":"Name","value":"code"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"refundState"}},{"kind":"Field","name":{"kind":"Name","value":"shiftId"}}]}}]}}]} as unknown as DocumentNode<HandOutCashRefundMutation, HandOutCashRefundMutationVariables>;
export const SendCashRefundCodeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SendCashRefundCode"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"paymentId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sendCashRefundCode"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"paymentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"paymentId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<SendCashRefundCodeMutation, SendCashRefundCodeMutationVariables>;
export const MyDriverTripsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyDriverTrips"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"myDriverTrips"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"departureAt"}},{"kind":"Field","name":{"kind":"Name","value":"timeZone"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"route"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"bus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"plateNumber"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stops"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"order"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"city"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<MyDriverTripsQuery, MyDriverTripsQueryVariables>;
export const TripManifestDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TripManifest"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tripId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tripManifest"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"tripId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tripId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"seatNumber"}},{"kind":"Field","name":{"kind":"Name","value":"passengerName"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"ticket"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"segment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"boardingStop"}},{"kind":"Field","name":{"kind":"Name","value":"alightingStop"}},{"kind":"Field","name":{"kind":"Name","value":"boarding"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"city"}}]}},{"kind":"Field","name":{"kind":"Name","value":"alighting"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"city"}}]}}]}}]}}]}}]} as unknown as DocumentNode<TripManifestQuery, TripManifestQueryVariables>;
export const VerifyTicketDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"VerifyTicket"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"token"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tripId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"stop"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"verifyTicket"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"token"},"value":{"kind":"Variable","name":{"kind":"Name","value":"token"}}},{"kind":"Argument","name":{"kind":"Name","value":"tripId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tripId"}}},{"kind":"Argument","name":{"kind":"Name","value":"stop"},"value":{"kind":"Variable","name":{"kind":"Name","value":"stop"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"result"}},{"kind":"Field","name":{"kind":"Name","value":"boardedAt"}},{"kind":"Field","name":{"kind":"Name","value":"seatNumber"}},{"kind":"Field","name":{"kind":"Name","value":"passengerName"}},{"kind":"Field","name":{"kind":"Name","value":"tripId"}},{"kind":"Field","name":{"kind":"Name","value":"boardingOpensAt"}},{"kind":"Field","name":{"kind":"Name","value":"boardingStopName"}},{"kind":"Field","name":{"kind":"Name","value":"alightingStopName"}}]}}]}}]} as unknown as DocumentNode<VerifyTicketMutation, VerifyTicketMutationVariables>;
export const RequestBookingClaimDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RequestBookingClaim"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"phone"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestBookingClaim"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"phone"},"value":{"kind":"Variable","name":{"kind":"Name","value":"phone"}}}]}]}}]} as unknown as DocumentNode<RequestBookingClaimMutation, RequestBookingClaimMutationVariables>;
export const ClaimBookingsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ClaimBookings"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"phone"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"code"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"claimBookings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"phone"},"value":{"kind":"Variable","name":{"kind":"Name","value":"phone"}}},{"kind":"Argument","name":{"kind":"Name","value":"code"},"value":{"kind":"Variable","name":{"kind":"Name","value":"code"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"BookingListItem"}},{"kind":"Field","name":{"kind":"Name","value":"claimed"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"BookingListItem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Booking"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"totalAmount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tickets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"seatNumber"}}]}},{"kind":"Field","name":{"kind":"Name","value":"trip"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"departureAt"}},{"kind":"Field","name":{"kind":"Name","value":"timeZone"}},{"kind":"Field","name":{"kind":"Name","value":"company"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"route"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"origin"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"city"}}]}},{"kind":"Field","name":{"kind":"Name","value":"destination"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"city"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ClaimBookingsMutation, ClaimBookingsMutationVariables>;
export const MyBookingsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyBookings"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"myBookings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"BookingListItem"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"BookingListItem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Booking"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"totalAmount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tickets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"seatNumber"}}]}},{"kind":"Field","name":{"kind":"Name","value":"trip"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"departureAt"}},{"kind":"Field","name":{"kind":"Name","value":"timeZone"}},{"kind":"Field","name":{"kind":"Name","value":"company"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"route"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"origin"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"city"}}]}},{"kind":"Field","name":{"kind":"Name","value":"destination"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"city"}}]}}]}}]}}]}}]} as unknown as DocumentNode<MyBookingsQuery, MyBookingsQueryVariables>;
export const BookingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Booking"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"booking"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"BookingDetails"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"BookingDetails"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Booking"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"cancellationReason"}},{"kind":"Field","name":{"kind":"Name","value":"totalAmount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"refund"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"trip"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"departureAt"}},{"kind":"Field","name":{"kind":"Name","value":"timeZone"}},{"kind":"Field","name":{"kind":"Name","value":"arrivalAt"}},{"kind":"Field","name":{"kind":"Name","value":"company"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"route"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"origin"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"destination"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"bus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"plateNumber"}},{"kind":"Field","name":{"kind":"Name","value":"model"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"tickets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"seatNumber"}},{"kind":"Field","name":{"kind":"Name","value":"passengerName"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"segment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"boardingStop"}},{"kind":"Field","name":{"kind":"Name","value":"alightingStop"}},{"kind":"Field","name":{"kind":"Name","value":"boarding"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"departsAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"alighting"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"departsAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"fare"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"qr"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"pngDataUrl"}},{"kind":"Field","name":{"kind":"Name","value":"validUntil"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"payments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"failureReason"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]} as unknown as DocumentNode<BookingQuery, BookingQueryVariables>;
export const BookingStatusChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"BookingStatusChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"bookingId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bookingStatusChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"bookingId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"bookingId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"BookingDetails"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"BookingDetails"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Booking"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"cancellationReason"}},{"kind":"Field","name":{"kind":"Name","value":"totalAmount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"refund"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"trip"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"departureAt"}},{"kind":"Field","name":{"kind":"Name","value":"timeZone"}},{"kind":"Field","name":{"kind":"Name","value":"arrivalAt"}},{"kind":"Field","name":{"kind":"Name","value":"company"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"route"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"origin"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"destination"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"bus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"plateNumber"}},{"kind":"Field","name":{"kind":"Name","value":"model"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"tickets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"seatNumber"}},{"kind":"Field","name":{"kind":"Name","value":"passengerName"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"segment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"boardingStop"}},{"kind":"Field","name":{"kind":"Name","value":"alightingStop"}},{"kind":"Field","name":{"kind":"Name","value":"boarding"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"departsAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"alighting"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"departsAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"fare"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"qr"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"pngDataUrl"}},{"kind":"Field","name":{"kind":"Name","value":"validUntil"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"payments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"failureReason"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]} as unknown as DocumentNode<BookingStatusChangedSubscription, BookingStatusChangedSubscriptionVariables>;
export const StartPaymentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StartPayment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"StartPaymentInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"idempotencyKey"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startPayment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}},{"kind":"Argument","name":{"kind":"Name","value":"idempotencyKey"},"value":{"kind":"Variable","name":{"kind":"Name","value":"idempotencyKey"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"booking"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<StartPaymentMutation, StartPaymentMutationVariables>;
export const CancelBookingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CancelBooking"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"bookingId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelBooking"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"bookingId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"bookingId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"BookingDetails"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"BookingDetails"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Booking"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"cancellationReason"}},{"kind":"Field","name":{"kind":"Name","value":"totalAmount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"refund"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"trip"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"departureAt"}},{"kind":"Field","name":{"kind":"Name","value":"timeZone"}},{"kind":"Field","name":{"kind":"Name","value":"arrivalAt"}},{"kind":"Field","name":{"kind":"Name","value":"company"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"route"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"origin"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"destination"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"bus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"plateNumber"}},{"kind":"Field","name":{"kind":"Name","value":"model"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"tickets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"seatNumber"}},{"kind":"Field","name":{"kind":"Name","value":"passengerName"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"segment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"boardingStop"}},{"kind":"Field","name":{"kind":"Name","value":"alightingStop"}},{"kind":"Field","name":{"kind":"Name","value":"boarding"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"departsAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"alighting"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"departsAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"fare"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"qr"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"pngDataUrl"}},{"kind":"Field","name":{"kind":"Name","value":"validUntil"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"payments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"failureReason"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]} as unknown as DocumentNode<CancelBookingMutation, CancelBookingMutationVariables>;
export const SearchCitiesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SearchCities"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"city"}}]}}]}}]}}]}}]} as unknown as DocumentNode<SearchCitiesQuery, SearchCitiesQueryVariables>;
export const SearchTripsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SearchTrips"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SearchTripsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"searchTrips"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"departureAt"}},{"kind":"Field","name":{"kind":"Name","value":"timeZone"}},{"kind":"Field","name":{"kind":"Name","value":"arrivalAt"}},{"kind":"Field","name":{"kind":"Name","value":"availableSeats"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"price"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"searchedSegment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"boardingStop"}},{"kind":"Field","name":{"kind":"Name","value":"alightingStop"}},{"kind":"Field","name":{"kind":"Name","value":"boarding"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"departsAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"alighting"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"departsAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"fare"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"company"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"route"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"origin"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"city"}}]}},{"kind":"Field","name":{"kind":"Name","value":"destination"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"city"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"bus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"plateNumber"}},{"kind":"Field","name":{"kind":"Name","value":"model"}},{"kind":"Field","name":{"kind":"Name","value":"amenities"}}]}}]}}]}}]} as unknown as DocumentNode<SearchTripsQuery, SearchTripsQueryVariables>;
export const TripSeatsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TripSeats"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"boardingStop"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"alightingStop"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trip"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"departureAt"}},{"kind":"Field","name":{"kind":"Name","value":"timeZone"}},{"kind":"Field","name":{"kind":"Name","value":"arrivalAt"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"availableSeats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"boardingStop"},"value":{"kind":"Variable","name":{"kind":"Name","value":"boardingStop"}}},{"kind":"Argument","name":{"kind":"Name","value":"alightingStop"},"value":{"kind":"Variable","name":{"kind":"Name","value":"alightingStop"}}}]},{"kind":"Field","name":{"kind":"Name","value":"price"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stops"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"order"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"stationId"}},{"kind":"Field","name":{"kind":"Name","value":"departsAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"fares"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"boardingStop"}},{"kind":"Field","name":{"kind":"Name","value":"alightingStop"}},{"kind":"Field","name":{"kind":"Name","value":"price"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"company"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"route"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"origin"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"destination"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"bus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"model"}},{"kind":"Field","name":{"kind":"Name","value":"plateNumber"}},{"kind":"Field","name":{"kind":"Name","value":"seatLayout"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"decks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deck"}},{"kind":"Field","name":{"kind":"Name","value":"rows"}},{"kind":"Field","name":{"kind":"Name","value":"firstRow"}},{"kind":"Field","name":{"kind":"Name","value":"columns"}},{"kind":"Field","name":{"kind":"Name","value":"aisleAfter"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"seatMap"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"boardingStop"},"value":{"kind":"Variable","name":{"kind":"Name","value":"boardingStop"}}},{"kind":"Argument","name":{"kind":"Name","value":"alightingStop"},"value":{"kind":"Variable","name":{"kind":"Name","value":"alightingStop"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"deck"}},{"kind":"Field","name":{"kind":"Name","value":"row"}},{"kind":"Field","name":{"kind":"Name","value":"column"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}}]}}]}}]} as unknown as DocumentNode<TripSeatsQuery, TripSeatsQueryVariables>;
export const TripSeatsChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"TripSeatsChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tripId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"boardingStop"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"alightingStop"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tripSeatsChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"tripId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tripId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"availableSeats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"boardingStop"},"value":{"kind":"Variable","name":{"kind":"Name","value":"boardingStop"}}},{"kind":"Argument","name":{"kind":"Name","value":"alightingStop"},"value":{"kind":"Variable","name":{"kind":"Name","value":"alightingStop"}}}]},{"kind":"Field","name":{"kind":"Name","value":"seatMap"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"boardingStop"},"value":{"kind":"Variable","name":{"kind":"Name","value":"boardingStop"}}},{"kind":"Argument","name":{"kind":"Name","value":"alightingStop"},"value":{"kind":"Variable","name":{"kind":"Name","value":"alightingStop"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"deck"}},{"kind":"Field","name":{"kind":"Name","value":"row"}},{"kind":"Field","name":{"kind":"Name","value":"column"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}}]}}]}}]} as unknown as DocumentNode<TripSeatsChangedSubscription, TripSeatsChangedSubscriptionVariables>;
export const HoldSeatsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"HoldSeats"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"HoldSeatsInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"idempotencyKey"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"holdSeats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}},{"kind":"Argument","name":{"kind":"Name","value":"idempotencyKey"},"value":{"kind":"Variable","name":{"kind":"Name","value":"idempotencyKey"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}}]}}]}}]} as unknown as DocumentNode<HoldSeatsMutation, HoldSeatsMutationVariables>;