import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { BookingRef } from '../resolvers/mappers';
import type { PaymentRow } from '../db/schema';
import type { PaymentContext } from '../context';
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

/** A passenger's booking; the payment subgraph contributes its payments. */
export type Booking = {
  __typename?: 'Booking';
  /** Stable identifier (owned by the ticketing subgraph). */
  id: Scalars['ID']['output'];
  /** Payments made for this booking, newest first; its owner and admins see them (empty for anyone else). */
  payments: Array<Payment>;
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
  /**
   * Closes the signed-in agent's OPEN cash shift and answers it with its final totals. Fails with
   * BAD_USER_INPUT reason NO_OPEN_SHIFT when none is open. COUNTER_AGENT, COMPANY_ADMIN and platform admins.
   * With agentId, closes that agent's OPEN shift instead (an agent who left, or forgot): a COMPANY_ADMIN of the
   * shift's company or a platform admin only (FORBIDDEN for anyone else); NO_OPEN_SHIFT when the agent has no
   * OPEN shift of the admin's company.
   */
  closeCashShift: CashShift;
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
   * Texts the passenger a new code for the DUE cash refund of a CASH payment (the last one is void from then on);
   * the code goes to the passenger (by SMS to the phone given at the counter, or on their account's channels), never
   * to the caller. The payer, or staff who may hand the refund out. At most one a minute (RATE_LIMITED with
   * retryAfterSeconds) and 5 per refund (then BAD_USER_INPUT reason CODES_EXHAUSTED: an admin hands it out);
   * NO_REFUND_DUE when none is owed. Answers the payment.
   */
  sendCashRefundCode: Payment;
  /**
   * Asks the payer's mobile-money wallet to approve the booking's price. Idempotent: the same key with
   * the same input returns the same payment; the same key with a different input fails with
   * IDEMPOTENCY_CONFLICT (keys are kept 24 h). Only the booking's owner may pay.
   */
  startPayment: Payment;
};


export type MutationCloseCashShiftArgs = {
  agentId?: InputMaybe<Scalars['ID']['input']>;
};


export type MutationHandOutCashRefundArgs = {
  code?: InputMaybe<Scalars['String']['input']>;
  idempotencyKey: Scalars['String']['input'];
  paymentId: Scalars['ID']['input'];
};


export type MutationRecordCashPaymentArgs = {
  idempotencyKey: Scalars['String']['input'];
  input: RecordCashPaymentInput;
};


export type MutationSendCashRefundCodeArgs = {
  paymentId: Scalars['ID']['input'];
};


export type MutationStartPaymentArgs = {
  idempotencyKey: Scalars['String']['input'];
  input: StartPaymentInput;
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

export type Query = {
  __typename?: 'Query';
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
  /** Payments whose refund was given up after repeated failures (refundState FAILED), newest first, at most 100. Platform admins only. */
  failedRefunds: Array<Payment>;
  /** The signed-in agent's OPEN cash shift with its totals so far, or null when none is open. COUNTER_AGENT, COMPANY_ADMIN and platform admins. */
  myCashShift?: Maybe<CashShift>;
  /** A payment of the signed-in user (any payment for admins of its company and platform admins), or null. */
  payment?: Maybe<Payment>;
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


export type QueryPaymentArgs = {
  id: Scalars['ID']['input'];
};

/** What recordCashPayment needs; the price always comes from the booking. */
export type RecordCashPaymentInput = {
  /** Cash received from the passenger, in minor units of the booking's currency; at least the booking's price. */
  amountReceived: Scalars['Int']['input'];
  /** The booking paid in cash (payable: not expired, cancelled or already paid). */
  bookingId: Scalars['ID']['input'];
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

/** What startPayment needs; the amount always comes from the booking. */
export type StartPaymentInput = {
  /** The booking to pay (HELD and not expired). */
  bookingId: Scalars['ID']['input'];
  /** How to pay. */
  method: PaymentMethod;
  /** Rwandan mobile number to charge, e.g. 0788123456 or 250788123456. */
  phone: Scalars['String']['input'];
};

export type Subscription = {
  __typename?: 'Subscription';
  /** Every status change of one payment of the signed-in user. */
  paymentStatusChanged: Payment;
};


export type SubscriptionPaymentStatusChangedArgs = {
  paymentId: Scalars['ID']['input'];
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
  Payment: Payment;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Booking:
    ( { __typename: 'Booking' }
    & GraphQLRecursivePick<FederationTypes['Booking'], {"id":true}> );
  Payment:
    ( { __typename: 'Payment' }
    & GraphQLRecursivePick<FederationTypes['Payment'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Booking: ResolverTypeWrapper<BookingRef>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  CashRefundDue: ResolverTypeWrapper<Omit<CashRefundDue, 'booking' | 'payment'> & { booking: ResolversTypes['Booking'], payment: ResolversTypes['Payment'] }>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  CashRefundDueConnection: ResolverTypeWrapper<Omit<CashRefundDueConnection, 'edges'> & { edges: Array<ResolversTypes['CashRefundDueEdge']> }>;
  CashRefundDueEdge: ResolverTypeWrapper<Omit<CashRefundDueEdge, 'node'> & { node: ResolversTypes['CashRefundDue'] }>;
  CashShift: ResolverTypeWrapper<CashShift>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  CashShiftConnection: ResolverTypeWrapper<CashShiftConnection>;
  CashShiftEdge: ResolverTypeWrapper<CashShiftEdge>;
  CashShiftStatus: CashShiftStatus;
  CashTotal: ResolverTypeWrapper<CashTotal>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Money: ResolverTypeWrapper<Money>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Payment: ResolverTypeWrapper<PaymentRow>;
  PaymentMethod: PaymentMethod;
  PaymentStatus: PaymentStatus;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RecordCashPaymentInput: RecordCashPaymentInput;
  RefundState: RefundState;
  StartPaymentInput: StartPaymentInput;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Booking: BookingRef;
  ID: Scalars['ID']['output'];
  CashRefundDue: Omit<CashRefundDue, 'booking' | 'payment'> & { booking: ResolversParentTypes['Booking'], payment: ResolversParentTypes['Payment'] };
  String: Scalars['String']['output'];
  CashRefundDueConnection: Omit<CashRefundDueConnection, 'edges'> & { edges: Array<ResolversParentTypes['CashRefundDueEdge']> };
  CashRefundDueEdge: Omit<CashRefundDueEdge, 'node'> & { node: ResolversParentTypes['CashRefundDue'] };
  CashShift: CashShift;
  Int: Scalars['Int']['output'];
  CashShiftConnection: CashShiftConnection;
  CashShiftEdge: CashShiftEdge;
  CashTotal: CashTotal;
  DateTime: Scalars['DateTime']['output'];
  Money: Money;
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Boolean: Scalars['Boolean']['output'];
  Payment: PaymentRow;
  Query: Record<PropertyKey, never>;
  RecordCashPaymentInput: RecordCashPaymentInput;
  StartPaymentInput: StartPaymentInput;
  Subscription: Record<PropertyKey, never>;
};

export type BookingResolvers<ContextType = PaymentContext, ParentType extends ResolversParentTypes['Booking'] = ResolversParentTypes['Booking'], FederationReferenceType extends FederationReferenceTypes['Booking'] = FederationReferenceTypes['Booking']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Booking']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  payments?: Resolver<Array<ResolversTypes['Payment']>, ParentType, ContextType>;
};

export type CashRefundDueResolvers<ContextType = PaymentContext, ParentType extends ResolversParentTypes['CashRefundDue'] = ResolversParentTypes['CashRefundDue']> = {
  amount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  booking?: Resolver<ResolversTypes['Booking'], ParentType, ContextType>;
  dueSince?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  payment?: Resolver<ResolversTypes['Payment'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type CashRefundDueConnectionResolvers<ContextType = PaymentContext, ParentType extends ResolversParentTypes['CashRefundDueConnection'] = ResolversParentTypes['CashRefundDueConnection']> = {
  edges?: Resolver<Array<ResolversTypes['CashRefundDueEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type CashRefundDueEdgeResolvers<ContextType = PaymentContext, ParentType extends ResolversParentTypes['CashRefundDueEdge'] = ResolversParentTypes['CashRefundDueEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['CashRefundDue'], ParentType, ContextType>;
};

export type CashShiftResolvers<ContextType = PaymentContext, ParentType extends ResolversParentTypes['CashShift'] = ResolversParentTypes['CashShift']> = {
  agentId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  closedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  closedBy?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  companyId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  openedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  paymentCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  refundCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['CashShiftStatus'], ParentType, ContextType>;
  totals?: Resolver<Array<ResolversTypes['CashTotal']>, ParentType, ContextType>;
};

export type CashShiftConnectionResolvers<ContextType = PaymentContext, ParentType extends ResolversParentTypes['CashShiftConnection'] = ResolversParentTypes['CashShiftConnection']> = {
  edges?: Resolver<Array<ResolversTypes['CashShiftEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type CashShiftEdgeResolvers<ContextType = PaymentContext, ParentType extends ResolversParentTypes['CashShiftEdge'] = ResolversParentTypes['CashShiftEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['CashShift'], ParentType, ContextType>;
};

export type CashTotalResolvers<ContextType = PaymentContext, ParentType extends ResolversParentTypes['CashTotal'] = ResolversParentTypes['CashTotal']> = {
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  net?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  refunded?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  taken?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type MoneyResolvers<ContextType = PaymentContext, ParentType extends ResolversParentTypes['Money'] = ResolversParentTypes['Money']> = {
  amount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = PaymentContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  closeCashShift?: Resolver<ResolversTypes['CashShift'], ParentType, ContextType, Partial<MutationCloseCashShiftArgs>>;
  handOutCashRefund?: Resolver<ResolversTypes['Payment'], ParentType, ContextType, RequireFields<MutationHandOutCashRefundArgs, 'idempotencyKey' | 'paymentId'>>;
  recordCashPayment?: Resolver<ResolversTypes['Payment'], ParentType, ContextType, RequireFields<MutationRecordCashPaymentArgs, 'idempotencyKey' | 'input'>>;
  sendCashRefundCode?: Resolver<ResolversTypes['Payment'], ParentType, ContextType, RequireFields<MutationSendCashRefundCodeArgs, 'paymentId'>>;
  startPayment?: Resolver<ResolversTypes['Payment'], ParentType, ContextType, RequireFields<MutationStartPaymentArgs, 'idempotencyKey' | 'input'>>;
};

export type PageInfoResolvers<ContextType = PaymentContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type PaymentResolvers<ContextType = PaymentContext, ParentType extends ResolversParentTypes['Payment'] = ResolversParentTypes['Payment'], FederationReferenceType extends FederationReferenceTypes['Payment'] = FederationReferenceTypes['Payment']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Payment']> | FederationReferenceType, FederationReferenceType, ContextType>;
  agentId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  amount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  booking?: Resolver<ResolversTypes['Booking'], ParentType, ContextType>;
  cashChange?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  cashReceived?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  failureReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  method?: Resolver<ResolversTypes['PaymentMethod'], ParentType, ContextType>;
  providerReference?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  refundAmount?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  refundState?: Resolver<Maybe<ResolversTypes['RefundState']>, ParentType, ContextType>;
  settledAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  shiftId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['PaymentStatus'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = PaymentContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  cashRefundsDue?: Resolver<ResolversTypes['CashRefundDueConnection'], ParentType, ContextType, RequireFields<QueryCashRefundsDueArgs, 'companyId' | 'first'>>;
  cashShifts?: Resolver<ResolversTypes['CashShiftConnection'], ParentType, ContextType, RequireFields<QueryCashShiftsArgs, 'companyId' | 'first'>>;
  failedRefunds?: Resolver<Array<ResolversTypes['Payment']>, ParentType, ContextType>;
  myCashShift?: Resolver<Maybe<ResolversTypes['CashShift']>, ParentType, ContextType>;
  payment?: Resolver<Maybe<ResolversTypes['Payment']>, ParentType, ContextType, RequireFields<QueryPaymentArgs, 'id'>>;
};

export type SubscriptionResolvers<ContextType = PaymentContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  paymentStatusChanged?: SubscriptionResolver<ResolversTypes['Payment'], "paymentStatusChanged", ParentType, ContextType, RequireFields<SubscriptionPaymentStatusChangedArgs, 'paymentId'>>;
};

export type Resolvers<ContextType = PaymentContext> = {
  Booking?: BookingResolvers<ContextType>;
  CashRefundDue?: CashRefundDueResolvers<ContextType>;
  CashRefundDueConnection?: CashRefundDueConnectionResolvers<ContextType>;
  CashRefundDueEdge?: CashRefundDueEdgeResolvers<ContextType>;
  CashShift?: CashShiftResolvers<ContextType>;
  CashShiftConnection?: CashShiftConnectionResolvers<ContextType>;
  CashShiftEdge?: CashShiftEdgeResolvers<ContextType>;
  CashTotal?: CashTotalResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Money?: MoneyResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Payment?: PaymentResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
};

