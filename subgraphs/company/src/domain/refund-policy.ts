import { badInput } from '@busline/shared';

/** One refund tier: cancelling at least `minHoursBeforeDeparture` before departure refunds `refundPercent`. */
export interface RefundTier {
  minHoursBeforeDeparture: number;
  refundPercent: number;
}

/** docs/events.md: ≥ 24 h before departure 90 %, ≥ 2 h 50 %, later nothing. */
export const DEFAULT_REFUND_TIERS: RefundTier[] = [
  { minHoursBeforeDeparture: 24, refundPercent: 90 },
  { minHoursBeforeDeparture: 2, refundPercent: 50 },
];

/**
 * Validates tiers and returns them sorted by threshold descending, the order consumers
 * rely on ("the first tier whose threshold is met applies").
 */
export function normalizeRefundTiers(tiers: RefundTier[]): RefundTier[] {
  const seen = new Set<number>();
  for (const tier of tiers) {
    if (!Number.isInteger(tier.minHoursBeforeDeparture) || tier.minHoursBeforeDeparture < 0) {
      throw badInput('Refund tier hours must be a whole number of hours, 0 or more', 'refundPolicy');
    }
    if (!Number.isInteger(tier.refundPercent) || tier.refundPercent < 0 || tier.refundPercent > 100) {
      throw badInput('Refund percent must be a whole number between 0 and 100', 'refundPolicy');
    }
    if (seen.has(tier.minHoursBeforeDeparture)) {
      throw badInput('Two refund tiers have the same number of hours', 'refundPolicy');
    }
    seen.add(tier.minHoursBeforeDeparture);
  }
  const sorted = [...tiers].sort((a, b) => b.minHoursBeforeDeparture - a.minHoursBeforeDeparture);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.refundPercent > sorted[i - 1]!.refundPercent) {
      throw badInput('Cancelling later must never refund more: percent must not grow as hours shrink', 'refundPolicy');
    }
  }
  return sorted.map((t) => ({ minHoursBeforeDeparture: t.minHoursBeforeDeparture, refundPercent: t.refundPercent }));
}

/** The `refundPolicy` object of event payloads. */
export const refundPolicyPayload = (tiers: RefundTier[]) => ({ tiers });
