import { parseEnv, subgraphEnv, z } from '@busline/shared';

const schema = z.object({
  ...subgraphEnv,
  PORT: subgraphEnv.PORT.default(8001),
  /** JSON array of private Ed25519 JWKs with `kid`: the first signs, all are published in the JWKS. */
  AUTH_SIGNING_KEYS: z.string().optional(),
  /** A file holding the same JSON array (e.g. a mounted secret); used when AUTH_SIGNING_KEYS is absent. */
  AUTH_SIGNING_KEYS_FILE: z.string().optional(),
});

export type AuthConfig = z.infer<typeof schema>;

export function loadConfig(source: Record<string, string | undefined> = process.env): AuthConfig {
  return parseEnv('auth', schema, source);
}
