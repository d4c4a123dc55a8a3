import { DateTimeScalar, isUuid, pageRequest, toConnection } from '@busline/shared';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { CompanyContext } from '../context';

export const resolvers: GraphQLResolverMap<CompanyContext> = {
  DateTime: DateTimeScalar,
  Query: {
    companies: async (_: unknown, args: { first?: number | null; after?: string | null }, ctx: CompanyContext) => {
      const page = pageRequest(args);
      return toConnection(await ctx.companies.list(page), page, (c) => [c.name, c.id]);
    },
    company: (_: unknown, args: { id: string }, ctx: CompanyContext) =>
      isUuid(args.id) ? ctx.companyById.load(args.id) : null,
  },
  Company: {
    __resolveReference: (ref: { id: string }, ctx: CompanyContext) => (isUuid(ref.id) ? ctx.companyById.load(ref.id) : null),
  },
};
