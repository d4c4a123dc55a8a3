import { parseEnv, subgraphEnv, z } from '@busline/shared';

const schema = z.object({ ...subgraphEnv, PORT: subgraphEnv.PORT.default(8006) });

export type PaymentConfig = z.infer<typeof schema>;

export function loadConfig(source: Record<string, string | undefined> = process.env): PaymentConfig {
  return parseEnv('payment', schema, source);
}
