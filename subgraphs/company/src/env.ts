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
      "Upcoming trips a company's own edits (a route's stops or fares, a bus layout, its station, a driver's account) may send again in an hour, each a full trip snapshot to every consumer: once reached, its next such edit is RATE_LIMITED until the hour ends (platform admins' edits are not counted)",
    ),
});

export type CompanyConfig = z.infer<typeof schema>;

export function loadConfig(source: Record<string, string | undefined> = process.env): CompanyConfig {
  return parseEnv('company', schema, source);
}
