import { DateTimeScalar } from '@busline/shared';
import type { Resolvers } from '../generated/resolvers';
import { mutations } from './mutations';
import { queries } from './queries';
import { types } from './types';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query: queries,
  Mutation: mutations,
  ...types,
};
