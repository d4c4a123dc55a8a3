import { parseEnv, subgraphEnv, z } from '@busline/shared';

/** Auth's environment (descriptions feed docs/configuration.md). */
export const schema = z.object({
  ...subgraphEnv,
  PORT: subgraphEnv.PORT.default(8001),
  AUTH_SIGNING_KEYS: z
    .string()
    .optional()
    .describe(
      'JSON array of private Ed25519 JWKs with `kid`: the first signs access tokens, all are published in the JWKS. Required in production (`npm run keys`)',
    ),
  AUTH_SIGNING_KEYS_FILE: z
    .string()
    .optional()
    .describe('A file holding the same JSON array (e.g. a mounted secret); read when AUTH_SIGNING_KEYS is absent'),
});

export type AuthConfig = z.infer<typeof schema>;

export function loadConfig(source: Record<string, string | undefined> = process.env): AuthConfig {
  return parseEnv('auth', schema, source);
}
