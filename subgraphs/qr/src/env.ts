import { parseEnv, subgraphEnv, z } from '@busline/shared';

const schema = z.object({
  ...subgraphEnv,
  PORT: subgraphEnv.PORT.default(8005),
  /** JSON array of private Ed25519 JWKs (with kid); the first signs, all verify and are published. */
  QR_SIGNING_KEYS: z.string().optional(),
  /** How long a pass stays valid after the trip's arrival. */
  QR_VALIDITY_GRACE_MS: z.coerce.number().int().min(0).default(6 * 3600_000),
});

export type QrConfig = z.infer<typeof schema>;

export function loadConfig(source: Record<string, string | undefined> = process.env): QrConfig {
  return parseEnv('qr', schema, source);
}
