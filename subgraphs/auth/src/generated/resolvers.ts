import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { UserRow } from '../db/schema';
import type { AuthPayload as SignedIn } from '../services/issue-session';
import type { AuthContext } from '../context';
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

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Changes the signed-in user's password and ends every other sign-in of theirs (their refresh tokens and the
   * access tokens issued to them, on every subgraph); this one goes on. A wrong currentPassword answers
   * BAD_USER_INPUT (field currentPassword) and counts as a failed sign-in of the account: repeated from this sign-in,
   * RATE_LIMITED (others' failed sign-ins, at the owner's address or anywhere, never refuse it). UNAVAILABLE when some
   * access tokens of the ended sign-ins could not be ended yet (they stop within 15 minutes).
   */
  changePassword: Scalars['Boolean']['output'];
  /** Signs in. Wrong credentials answer UNAUTHENTICATED; repeated failures answer RATE_LIMITED for a while. */
  login: AuthPayload;
  /**
   * Signs out the session the refresh token belongs to: its refresh tokens and the access tokens issued to it
   * stop working on every subgraph, its open subscriptions end; the user's other sessions go on. True, also for
   * unknown tokens; UNAVAILABLE when the access tokens could not be ended yet (asking again finishes it).
   */
  logout: Scalars['Boolean']['output'];
  /**
   * Exchanges a refresh token for a new session. Each refresh token works once; reusing one ends its whole sign-in,
   * but for the client's own retry: the same token with the same idempotencyKey within 30 seconds, before the new
   * token was used, is answered with the same new token (the answer to the first was lost).
   */
  refreshToken: AuthPayload;
  /** Creates a passenger account and signs it in. */
  register: AuthPayload;
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
};


export type MutationChangePasswordArgs = {
  currentPassword: Scalars['String']['input'];
  newPassword: Scalars['String']['input'];
  refreshToken: Scalars['String']['input'];
};


export type MutationLoginArgs = {
  deviceToken?: InputMaybe<Scalars['String']['input']>;
  email: Scalars['String']['input'];
  password: Scalars['String']['input'];
};


export type MutationLogoutArgs = {
  refreshToken: Scalars['String']['input'];
};


export type MutationRefreshTokenArgs = {
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  refreshToken: Scalars['String']['input'];
};


export type MutationRegisterArgs = {
  input: RegisterInput;
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

export type Query = {
  __typename?: 'Query';
  /** The signed-in user, or null without credentials. */
  me?: Maybe<User>;
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
  /** The user's role. */
  role: Role;
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
  AuthPayload: ResolverTypeWrapper<SignedIn>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RegisterInput: RegisterInput;
  Role: Role;
  User: ResolverTypeWrapper<UserRow>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AuthPayload: SignedIn;
  String: Scalars['String']['output'];
  Int: Scalars['Int']['output'];
  DateTime: Scalars['DateTime']['output'];
  Mutation: Record<PropertyKey, never>;
  Boolean: Scalars['Boolean']['output'];
  Query: Record<PropertyKey, never>;
  RegisterInput: RegisterInput;
  User: UserRow;
  ID: Scalars['ID']['output'];
};

export type AuthPayloadResolvers<ContextType = AuthContext, ParentType extends ResolversParentTypes['AuthPayload'] = ResolversParentTypes['AuthPayload']> = {
  accessToken?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  deviceToken?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  expiresIn?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  refreshToken?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  user?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type MutationResolvers<ContextType = AuthContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  changePassword?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationChangePasswordArgs, 'currentPassword' | 'newPassword' | 'refreshToken'>>;
  login?: Resolver<ResolversTypes['AuthPayload'], ParentType, ContextType, RequireFields<MutationLoginArgs, 'email' | 'password'>>;
  logout?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationLogoutArgs, 'refreshToken'>>;
  refreshToken?: Resolver<ResolversTypes['AuthPayload'], ParentType, ContextType, RequireFields<MutationRefreshTokenArgs, 'refreshToken'>>;
  register?: Resolver<ResolversTypes['AuthPayload'], ParentType, ContextType, RequireFields<MutationRegisterArgs, 'input'>>;
  requestPasswordReset?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationRequestPasswordResetArgs, 'email'>>;
  resetPassword?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationResetPasswordArgs, 'code' | 'email' | 'newPassword'>>;
};

export type QueryResolvers<ContextType = AuthContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  me?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
};

export type UserResolvers<ContextType = AuthContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  companyId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  email?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
};

export type Resolvers<ContextType = AuthContext> = {
  AuthPayload?: AuthPayloadResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Mutation?: MutationResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
};

