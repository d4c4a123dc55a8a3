import { parseEnv, subgraphEnv, z } from '@busline/shared';

const schema = z.object({ ...subgraphEnv, PORT: subgraphEnv.PORT.default(8004) });

export type TicketingConfig = z.infer<typeof schema>;

export function loadConfig(source: Record<string, string | undefined> = process.env): TicketingConfig {
  return parseEnv('ticketing', schema, source);
}
