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
   * Asks the payer's mobile-money wallet to approve the booking's price. Idempotent: the same key with
   * the same input returns the same payment; the same key with a different input fails with
   * IDEMPOTENCY_CONFLICT (keys are kept 24 h). Only the booking's owner may pay.
   */
  startPayment: Payment;
};


export type MutationStartPaymentArgs = {
  idempotencyKey: Scalars['String']['input'];
  input: StartPaymentInput;
};

/** One attempt to collect the price of a booking. */
export type Payment = {
  __typename?: 'Payment';
  /** Amount collected (from ticketing's price, never from the client). */
  amount: Money;
  /** The booking being paid. */
  booking: Booking;
  /** When the payment was started. */
  createdAt: Scalars['DateTime']['output'];
  /** Why the payment failed or was cancelled, e.g. APPROVAL_REJECTED; null otherwise. */
  failureReason?: Maybe<Scalars['String']['output']>;
  /** Stable identifier. */
  id: Scalars['ID']['output'];
  /** How it is paid. */
  method: PaymentMethod;
  /** The provider's reference for this payment. */
  providerReference?: Maybe<Scalars['String']['output']>;
  /** Where the refund of this payment stands; null when no refund was asked for. */
  refundState?: Maybe<RefundState>;
  /** When the provider's answer settled the payment; null while PENDING. */
  settledAt?: Maybe<Scalars['DateTime']['output']>;
  /** Current status. */
  status: PaymentStatus;
};

/** How a passenger pays. */
export type PaymentMethod =
  /** Airtel Money (numbers 072/073). */
  | 'AIRTEL_MONEY'
  /** Bank card (not yet supported: startPayment refuses it). */
  | 'CARD'
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
  /** Payments whose refund was given up after repeated failures (refundState FAILED), newest first, at most 100. Platform admins only. */
  failedRefunds: Array<Payment>;
  /** A payment of the signed-in user (any payment for admins of its company and platform admins), or null. */
  payment?: Maybe<Payment>;
};


export type QueryPaymentArgs = {
  id: Scalars['ID']['input'];
};

/** Where the refund of a payment stands. */
export type RefundState =
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
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Money: ResolverTypeWrapper<Money>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Payment: ResolverTypeWrapper<PaymentRow>;
  PaymentMethod: PaymentMethod;
  PaymentStatus: PaymentStatus;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RefundState: RefundState;
  StartPaymentInput: StartPaymentInput;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Booking: BookingRef;
  ID: Scalars['ID']['output'];
  DateTime: Scalars['DateTime']['output'];
  Money: Money;
  Int: Scalars['Int']['output'];
  String: Scalars['String']['output'];
  Mutation: Record<PropertyKey, never>;
  Payment: PaymentRow;
  Query: Record<PropertyKey, never>;
  StartPaymentInput: StartPaymentInput;
  Subscription: Record<PropertyKey, never>;
  Boolean: Scalars['Boolean']['output'];
};

export type BookingResolvers<ContextType = PaymentContext, ParentType extends ResolversParentTypes['Booking'] = ResolversParentTypes['Booking'], FederationReferenceType extends FederationReferenceTypes['Booking'] = FederationReferenceTypes['Booking']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Booking']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  payments?: Resolver<Array<ResolversTypes['Payment']>, ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type MoneyResolvers<ContextType = PaymentContext, ParentType extends ResolversParentTypes['Money'] = ResolversParentTypes['Money']> = {
  amount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = PaymentContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  startPayment?: Resolver<ResolversTypes['Payment'], ParentType, ContextType, RequireFields<MutationStartPaymentArgs, 'idempotencyKey' | 'input'>>;
};

export type PaymentResolvers<ContextType = PaymentContext, ParentType extends ResolversParentTypes['Payment'] = ResolversParentTypes['Payment'], FederationReferenceType extends FederationReferenceTypes['Payment'] = FederationReferenceTypes['Payment']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Payment']> | FederationReferenceType, FederationReferenceType, ContextType>;
  amount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  booking?: Resolver<ResolversTypes['Booking'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  failureReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  method?: Resolver<ResolversTypes['PaymentMethod'], ParentType, ContextType>;
  providerReference?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  refundState?: Resolver<Maybe<ResolversTypes['RefundState']>, ParentType, ContextType>;
  settledAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['PaymentStatus'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = PaymentContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  failedRefunds?: Resolver<Array<ResolversTypes['Payment']>, ParentType, ContextType>;
  payment?: Resolver<Maybe<ResolversTypes['Payment']>, ParentType, ContextType, RequireFields<QueryPaymentArgs, 'id'>>;
};

export type SubscriptionResolvers<ContextType = PaymentContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  paymentStatusChanged?: SubscriptionResolver<ResolversTypes['Payment'], "paymentStatusChanged", ParentType, ContextType, RequireFields<SubscriptionPaymentStatusChangedArgs, 'paymentId'>>;
};

export type Resolvers<ContextType = PaymentContext> = {
  Booking?: BookingResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Money?: MoneyResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Payment?: PaymentResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
};

