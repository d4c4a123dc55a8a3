import { parseEnv, subgraphEnv, z } from '@busline/shared';

/** The company subgraph's environment (descriptions feed docs/configuration.md). */
export const schema = z.object({ ...subgraphEnv, PORT: subgraphEnv.PORT.default(8003) });

export type CompanyConfig = z.infer<typeof schema>;

export function loadConfig(source: Record<string, string | undefined> = process.env): CompanyConfig {
  return parseEnv('company', schema, source);
}
