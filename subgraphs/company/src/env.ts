import { parseEnv, subgraphEnv, z } from '@busline/shared';

/** The company subgraph's environment (descriptions feed docs/configuration.md). */
export const schema = z.object({
  ...subgraphEnv,
  PORT: subgraphEnv.PORT.default(8003),
  TRIP_RESENDS_PER_COMPANY_HOUR: z.coerce
    .number()
    .int()
    .min(100)
    .default(5000)
    .describe(
      "Most upcoming trips one company's edits (a route's stops or fares, a bus layout, a station) may send again in an hour: each is a full trip snapshot to every consumer (RATE_LIMITED past it)",
    ),
});

export type CompanyConfig = z.infer<typeof schema>;

export function loadConfig(source: Record<string, string | undefined> = process.env): CompanyConfig {
  return parseEnv('company', schema, source);
}
