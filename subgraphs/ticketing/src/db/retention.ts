// What the ticketing subgraph's retention worker deletes (packages/shared/src/db/retention.ts; docs/operations.md).
import type { RetentionRule } from '@busline/shared';
import { bookingClaims, earlyCancellations } from './schema';

/**
 * Claim requests are deleted 30 days after they were made: their rate limits look back an hour, a code lives
 * minutes, and a claimed booking records its claim itself (`claimedAt`, booking.claimed).
 */
export const CLAIM_REQUESTS_RETENTION_MS = 30 * 24 * 3600_000;

/**
 * A trip.cancelled kept for its trip's trip.scheduled is deleted 30 days after it came: a snapshot not published by
 * then never will be (a company's outbox publishes its events at once, and again for 7 days should Redis lose them).
 */
export const EARLY_CANCELLATIONS_RETENTION_MS = 30 * 24 * 3600_000;

export const retentionRules: RetentionRule[] = [
  { table: bookingClaims, column: bookingClaims.createdAt, keepMs: CLAIM_REQUESTS_RETENTION_MS },
  { table: earlyCancellations, column: earlyCancellations.receivedAt, keepMs: EARLY_CANCELLATIONS_RETENTION_MS },
];
