import { parseEnv, subgraphEnv, z } from '@busline/shared';

const schema = z.object({ ...subgraphEnv, PORT: subgraphEnv.PORT.default(8001) });

export type AuthConfig = z.infer<typeof schema>;

export function loadConfig(source: Record<string, string | undefined> = process.env): AuthConfig {
  return parseEnv('auth', schema, source);
}
