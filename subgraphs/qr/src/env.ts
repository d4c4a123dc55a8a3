import { parseEnv, subgraphEnv, z } from '@busline/shared';

const schema = z.object({ ...subgraphEnv, PORT: subgraphEnv.PORT.default(8005) });

export type QrConfig = z.infer<typeof schema>;

export function loadConfig(source: Record<string, string | undefined> = process.env): QrConfig {
  return parseEnv('qr', schema, source);
}
