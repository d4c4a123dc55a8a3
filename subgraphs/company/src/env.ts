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
      "Trips a company's own actions may send to the other services in an hour, each a full trip snapshot to every consumer: new ones (a trip, a timetable) and upcoming ones sent again (a trip's own edit, a route's stops or fares, a bus layout, its station, a driver's account); once reached, its next such action is RATE_LIMITED until the hour ends (platform admins' actions are not counted)",
    ),
  COMPANY_QUOTA: z.coerce
    .number()
    .int()
    .min(1)
    .default(2000)
    .describe(
      'Buses, routes and drivers a company may have at most, each, for its admins to add more (BAD_USER_INPUT, reason QUOTA_REACHED, past it); platform admins are not limited',
    ),
  COMPANY_STATION_QUOTA: z.coerce
    .number()
    .int()
    .min(0)
    .default(200)
    .describe(
      "Stations a company's admins may create at most: stations are shared by every company (platform admins are not limited)",
    ),
});

export type CompanyConfig = z.infer<typeof schema>;

export function loadConfig(source: Record<string, string | undefined> = process.env): CompanyConfig {
  return parseEnv('company', schema, source);
}
