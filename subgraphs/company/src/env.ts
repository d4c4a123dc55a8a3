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
      "Trips a company's own actions may send to the other services in an hour, each a full trip snapshot to every consumer: new ones (a trip, a timetable) and upcoming ones sent again (a route's stops or fares, a bus layout, its station, a driver's account); once reached, its next such action is RATE_LIMITED until the hour ends (platform admins' actions are not counted)",
    ),
});

export type CompanyConfig = z.infer<typeof schema>;

export function loadConfig(source: Record<string, string | undefined> = process.env): CompanyConfig {
  return parseEnv('company', schema, source);
}
