import { parseEnv, subgraphEnv, z } from '@busline/shared';

/** The qr subgraph's environment (descriptions feed docs/configuration.md). */
export const schema = z.object({
  ...subgraphEnv,
  PORT: subgraphEnv.PORT.default(8005),
  QR_SIGNING_KEYS: z
    .string()
    .optional()
    .describe(
      'JSON array of private Ed25519 JWKs (with kid): the first signs boarding passes; each verifies the passes it signed (kept after a rotation for those) and all are published at /.well-known/qr-keys.json; a key whose x is not the public half of its d is refused at start. Required in production (`npm run keys`)',
    ),
  BOARDING_OPENS_MINUTES: z.coerce
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60)
    .default(30)
    .describe(
      "Boarding opens this many minutes before the trip's departure; an earlier scan answers NOT_YET_BOARDING and records nothing. Keep it at most ticketing's CANCELLATION_CLOSES_MINUTES, so that no booking can be cancelled once its passengers may board",
    ),
  QR_VALIDITY_GRACE_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(604_800_000)
    .default(6 * 3600_000)
    .describe("How long a pass stays valid after the trip's arrival"),
});

export type QrConfig = z.infer<typeof schema>;

export function loadConfig(source: Record<string, string | undefined> = process.env): QrConfig {
  return parseEnv('qr', schema, source);
}
