import { parseEnv, z } from '../config/env';
import type { FailureKind } from './failures';

export interface RetryPolicy {
  /** A transient failure is retried until this long has passed since the event first failed. */
  retryForMs: number;
  /** First back-off; it doubles with every attempt. */
  baseDelayMs: number;
  /** The back-off never grows past this. */
  maxDelayMs: number;
  /** Attempts given to an event whose handler fails for another reason (a bug, state not there yet). */
  maxAttempts: number;
}

/** The event consumers' settings, read by every subgraph (descriptions feed docs/configuration.md). */
export const retryEnv = z.object({
  EVENT_RETRY_FOR_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(604_800_000)
    .default(6 * 3600_000)
    .describe(
      'How long an event whose handler fails for a transient reason (a dependency down) is retried before it is dead-lettered',
    ),
  EVENT_RETRY_MAX_DELAY_MS: z.coerce
    .number()
    .int()
    .min(1)
    .max(3_600_000)
    .default(60_000)
    .describe('Longest back-off between two deliveries of a failing event'),
});

/** The operator's retry settings (`EVENT_RETRY_FOR_MS`, `EVENT_RETRY_MAX_DELAY_MS`) over the bus's own defaults. */
export function retryPolicyFromEnv(
  defaults: Pick<RetryPolicy, 'baseDelayMs' | 'maxAttempts'>,
  env: Record<string, string | undefined> = process.env,
): RetryPolicy {
  const parsed = parseEnv('event bus', retryEnv, env);
  return { ...defaults, retryForMs: parsed.EVENT_RETRY_FOR_MS, maxDelayMs: parsed.EVENT_RETRY_MAX_DELAY_MS };
}

export type RetryDecision = { deadLetter: true } | { deadLetter: false; delayMs: number };

/** What to do after the `attempts`-th failed delivery of an event that first failed at `firstFailedAt`. */
export function decideRetry(
  policy: RetryPolicy,
  kind: FailureKind,
  attempts: number,
  firstFailedAt: number,
  now: number,
): RetryDecision {
  if (kind === 'malformed') return { deadLetter: true };
  if ((kind === 'transient' || kind === 'waiting') && now - firstFailedAt >= policy.retryForMs)
    return { deadLetter: true };
  if (kind === 'failed' && attempts >= policy.maxAttempts) return { deadLetter: true };
  const delayMs = Math.min(policy.baseDelayMs * 2 ** Math.min(attempts - 1, 30), policy.maxDelayMs);
  return { deadLetter: false, delayMs };
}
