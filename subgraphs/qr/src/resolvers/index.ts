import { DateTimeScalar } from '@busline/shared';
import type { Resolvers } from '../generated/resolvers';
import { mutations } from './mutations';
import { types } from './types';

/** The qr subgraph's resolvers: role checks, then a call to `ctx.services`. */
export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Mutation: mutations,
  ...types,
};
