// What the payment subgraph's retention worker deletes (packages/shared/src/db/retention.ts; docs/operations.md).
import type { RetentionRule } from '@busline/shared';
import { IDEMPOTENCY_TTL_MS } from '../repositories/idempotency-repository';
import { idempotencyKeys, webhookDeliveries } from './schema';

/**
 * Provider callbacks are only hints (webhooks/hint.ts): a delivery repeated after its record is gone makes one more
 * status check of a settled payment, which changes nothing. Kept 30 days, well past any provider's retries.
 */
export const WEBHOOK_DELIVERIES_RETENTION_MS = 30 * 24 * 3600_000;

export const retentionRules: RetentionRule[] = [
  // An expired key is taken over by the next payment with it anyway (idempotency-repository.ts).
  { table: idempotencyKeys, column: idempotencyKeys.createdAt, keepMs: IDEMPOTENCY_TTL_MS },
  { table: webhookDeliveries, column: webhookDeliveries.receivedAt, keepMs: WEBHOOK_DELIVERIES_RETENTION_MS },
];
