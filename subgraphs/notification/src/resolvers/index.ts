import { DateTimeScalar } from '@busline/shared';
import type { Resolvers } from '../generated/resolvers';
import { mutations } from './mutations';
import { queries } from './queries';
import { types } from './types';

/** The notification subgraph's resolvers: role checks, then a call to `ctx.services`. */
export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query: queries,
  Mutation: mutations,
  ...types,
};
