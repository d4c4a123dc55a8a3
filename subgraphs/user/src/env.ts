import { parseEnv, subgraphEnv, z } from '@busline/shared';

/** The user subgraph's environment (descriptions feed docs/configuration.md). */
export const schema = z.object({ ...subgraphEnv, PORT: subgraphEnv.PORT.default(8002) });

export type UserConfig = z.infer<typeof schema>;

export function loadConfig(source: Record<string, string | undefined> = process.env): UserConfig {
  return parseEnv('user', schema, source);
}
