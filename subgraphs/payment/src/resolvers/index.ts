import { DateTimeScalar } from '@busline/shared';
import type { Resolvers } from '../generated/resolvers';
import { mutations } from './mutations';
import { queries } from './queries';
import { subscriptions } from './subscriptions';
import { types } from './types';

/** The payment subgraph's resolvers: argument and role checks, then a call to `ctx.services`. */
export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query: queries,
  Mutation: mutations,
  Subscription: subscriptions,
  ...types,
};
