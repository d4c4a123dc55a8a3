import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { MessageRow, MessageEventRow } from '../db/schema';
import type { PreferencesSource } from '../resolvers/mappers';
import type { NotificationContext } from '../context';
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

export type Mutation = {
  __typename?: 'Mutation';
  /** Sets the signed-in user's notification channels and language; later messages follow them. */
  updateNotificationPreferences: NotificationPreferences;
};


export type MutationUpdateNotificationPreferencesArgs = {
  input: NotificationPreferencesInput;
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

export type Query = {
  __typename?: 'Query';
  /** The signed-in user's notification preferences. */
  myNotificationPreferences: NotificationPreferences;
  /**
   * Messages written for passengers, newest first, with their delivery state and history. Platform
   * admins only; others get FORBIDDEN.
   */
  notificationMessages: NotificationMessageConnection;
};


export type QueryNotificationMessagesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<NotificationMessageFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};



export type ResolverTypeWrapper<T> = Promise<T> | T;


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





/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  MessageKind: MessageKind;
  MessageStateChange: ResolverTypeWrapper<MessageEventRow>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  MessageStatus: MessageStatus;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  NotificationChannel: NotificationChannel;
  NotificationLanguage: NotificationLanguage;
  NotificationMessage: ResolverTypeWrapper<MessageRow>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  NotificationMessageConnection: ResolverTypeWrapper<Omit<NotificationMessageConnection, 'edges'> & { edges: Array<ResolversTypes['NotificationMessageEdge']> }>;
  NotificationMessageEdge: ResolverTypeWrapper<Omit<NotificationMessageEdge, 'node'> & { node: ResolversTypes['NotificationMessage'] }>;
  NotificationMessageFilter: NotificationMessageFilter;
  NotificationPreferences: ResolverTypeWrapper<PreferencesSource>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  NotificationPreferencesInput: NotificationPreferencesInput;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  DateTime: Scalars['DateTime']['output'];
  MessageStateChange: MessageEventRow;
  Int: Scalars['Int']['output'];
  String: Scalars['String']['output'];
  Mutation: Record<PropertyKey, never>;
  NotificationMessage: MessageRow;
  ID: Scalars['ID']['output'];
  NotificationMessageConnection: Omit<NotificationMessageConnection, 'edges'> & { edges: Array<ResolversParentTypes['NotificationMessageEdge']> };
  NotificationMessageEdge: Omit<NotificationMessageEdge, 'node'> & { node: ResolversParentTypes['NotificationMessage'] };
  NotificationMessageFilter: NotificationMessageFilter;
  NotificationPreferences: PreferencesSource;
  Boolean: Scalars['Boolean']['output'];
  NotificationPreferencesInput: NotificationPreferencesInput;
  PageInfo: PageInfo;
  Query: Record<PropertyKey, never>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type MessageStateChangeResolvers<ContextType = NotificationContext, ParentType extends ResolversParentTypes['MessageStateChange'] = ResolversParentTypes['MessageStateChange']> = {
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  attempt?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  detail?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['MessageStatus'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = NotificationContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  updateNotificationPreferences?: Resolver<ResolversTypes['NotificationPreferences'], ParentType, ContextType, RequireFields<MutationUpdateNotificationPreferencesArgs, 'input'>>;
};

export type NotificationMessageResolvers<ContextType = NotificationContext, ParentType extends ResolversParentTypes['NotificationMessage'] = ResolversParentTypes['NotificationMessage']> = {
  address?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  attempts?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  body?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  bookingId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  channel?: Resolver<ResolversTypes['NotificationChannel'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  history?: Resolver<Array<ResolversTypes['MessageStateChange']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['MessageKind'], ParentType, ContextType>;
  language?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  lastError?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  providerMessageId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  recipientId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  sentAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['MessageStatus'], ParentType, ContextType>;
  subject?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  tripId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
};

export type NotificationMessageConnectionResolvers<ContextType = NotificationContext, ParentType extends ResolversParentTypes['NotificationMessageConnection'] = ResolversParentTypes['NotificationMessageConnection']> = {
  edges?: Resolver<Array<ResolversTypes['NotificationMessageEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type NotificationMessageEdgeResolvers<ContextType = NotificationContext, ParentType extends ResolversParentTypes['NotificationMessageEdge'] = ResolversParentTypes['NotificationMessageEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['NotificationMessage'], ParentType, ContextType>;
};

export type NotificationPreferencesResolvers<ContextType = NotificationContext, ParentType extends ResolversParentTypes['NotificationPreferences'] = ResolversParentTypes['NotificationPreferences']> = {
  channels?: Resolver<Array<ResolversTypes['NotificationChannel']>, ParentType, ContextType>;
  channelsChosen?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  email?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  language?: Resolver<ResolversTypes['NotificationLanguage'], ParentType, ContextType>;
  languageChosen?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  phone?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = NotificationContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type QueryResolvers<ContextType = NotificationContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  myNotificationPreferences?: Resolver<ResolversTypes['NotificationPreferences'], ParentType, ContextType>;
  notificationMessages?: Resolver<ResolversTypes['NotificationMessageConnection'], ParentType, ContextType, Partial<QueryNotificationMessagesArgs>>;
};

export type Resolvers<ContextType = NotificationContext> = {
  DateTime?: GraphQLScalarType;
  MessageStateChange?: MessageStateChangeResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  NotificationMessage?: NotificationMessageResolvers<ContextType>;
  NotificationMessageConnection?: NotificationMessageConnectionResolvers<ContextType>;
  NotificationMessageEdge?: NotificationMessageEdgeResolvers<ContextType>;
  NotificationPreferences?: NotificationPreferencesResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
};

