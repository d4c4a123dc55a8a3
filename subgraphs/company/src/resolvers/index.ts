import { DateTimeScalar } from '@busline/shared';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { CompanyContext } from '../context';
import { mutations } from './mutations';
import { queries } from './queries';
import { types } from './types';

export const resolvers = {
  DateTime: DateTimeScalar,
  Query: queries,
  Mutation: mutations,
  ...types,
} as unknown as GraphQLResolverMap<CompanyContext>;
