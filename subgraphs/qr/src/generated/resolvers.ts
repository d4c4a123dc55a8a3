import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { TicketRef, TicketQrSource } from '../resolvers/mappers';
import type { BoardingResult as BoardingOutcome } from '../services/verify-ticket';
import type { QrContext } from '../context';
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

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Verifies a scanned boarding pass and records boarding on its first VALID scan. For drivers and
   * company admins of the operating company, and platform admins; others get FORBIDDEN. With `tripId`,
   * a pass for another trip is WRONG_TRIP; for a driver, so is a pass of a trip they are not the assigned
   * driver of (the company's admins assign drivers to trips). A pass that boards at another stop than
   * `stop` is WRONG_STOP.
   */
  verifyTicket: BoardingResult;
};


export type MutationVerifyTicketArgs = {
  stop?: InputMaybe<Scalars['Int']['input']>;
  token: Scalars['String']['input'];
  tripId?: InputMaybe<Scalars['ID']['input']>;
};

/** One seat for one passenger; the qr subgraph contributes its boarding pass. */
export type Ticket = {
  __typename?: 'Ticket';
  /** Stable identifier (owned by the ticketing subgraph). */
  id: Scalars['ID']['output'];
  /**
   * The signed boarding pass; visible to the booking's owner once the booking is confirmed (for a counter sale,
   * the seller until a passenger claims it, then that passenger). A counter sale's pass also stays visible, to
   * reprint it, to its company's COMPANY_ADMINs and to the COUNTER_AGENT who sold it. Null for anyone else, or
   * once revoked. For a ticket ticketing has just confirmed, waits briefly for the pass to be issued.
   */
  qr?: Maybe<TicketQr>;
  /** Ticket status, owned by ticketing; the pass of a just-confirmed ticket may still be on its way. */
  status: TicketStatus;
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
  Ticket: Ticket;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Ticket:
    ( { __typename: 'Ticket' }
    & GraphQLRecursivePick<FederationTypes['Ticket'], {"id":true}>
    & ( Record<PropertyKey, never>
        | GraphQLRecursivePick<FederationTypes['Ticket'], {"status":true}> ) );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  BoardingResult: ResolverTypeWrapper<BoardingOutcome>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  BoardingResultCode: BoardingResultCode;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Ticket: ResolverTypeWrapper<TicketRef>;
  TicketQR: ResolverTypeWrapper<TicketQrSource>;
  TicketStatus: TicketStatus;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  BoardingResult: BoardingOutcome;
  Int: Scalars['Int']['output'];
  String: Scalars['String']['output'];
  ID: Scalars['ID']['output'];
  DateTime: Scalars['DateTime']['output'];
  Mutation: Record<PropertyKey, never>;
  Ticket: TicketRef;
  TicketQR: TicketQrSource;
  Boolean: Scalars['Boolean']['output'];
};

export type BoardingResultResolvers<ContextType = QrContext, ParentType extends ResolversParentTypes['BoardingResult'] = ResolversParentTypes['BoardingResult']> = {
  alightingStop?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  alightingStopName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  boardedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  boardingOpensAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  boardingStop?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  boardingStopName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  passengerName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  result?: Resolver<ResolversTypes['BoardingResultCode'], ParentType, ContextType>;
  seatNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  ticket?: Resolver<Maybe<ResolversTypes['Ticket']>, ParentType, ContextType>;
  tripId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type MutationResolvers<ContextType = QrContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  verifyTicket?: Resolver<ResolversTypes['BoardingResult'], ParentType, ContextType, RequireFields<MutationVerifyTicketArgs, 'token'>>;
};

export type TicketResolvers<ContextType = QrContext, ParentType extends ResolversParentTypes['Ticket'] = ResolversParentTypes['Ticket'], FederationReferenceType extends FederationReferenceTypes['Ticket'] = FederationReferenceTypes['Ticket']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Ticket']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  qr?: Resolver<Maybe<ResolversTypes['TicketQR']>, ParentType, ContextType>;
};

export type TicketQrResolvers<ContextType = QrContext, ParentType extends ResolversParentTypes['TicketQR'] = ResolversParentTypes['TicketQR']> = {
  alightingStop?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  alightingStopName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  boardingStop?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  boardingStopName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  pngDataUrl?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  svg?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  token?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  validUntil?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type Resolvers<ContextType = QrContext> = {
  BoardingResult?: BoardingResultResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Mutation?: MutationResolvers<ContextType>;
  Ticket?: TicketResolvers<ContextType>;
  TicketQR?: TicketQrResolvers<ContextType>;
};

