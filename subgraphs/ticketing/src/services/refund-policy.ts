import type { RefundTier } from '../db/schema';

/** The platform default when a company has not set its own (docs/events.md). */
export const DEFAULT_REFUND_TIERS: RefundTier[] = [
  { minHoursBeforeDeparture: 24, refundPercent: 90 },
  { minHoursBeforeDeparture: 2, refundPercent: 50 },
];

/** Percent refunded when cancelling `hoursBeforeDeparture` ahead: the first (highest) tier met applies, none → 0. */
export function refundPercent(tiers: RefundTier[], hoursBeforeDeparture: number): number {
  const sorted = [...tiers].sort((a, b) => b.minHoursBeforeDeparture - a.minHoursBeforeDeparture);
  return sorted.find((tier) => hoursBeforeDeparture >= tier.minHoursBeforeDeparture)?.refundPercent ?? 0;
}

/** Refund in minor units, rounded down (never refund more than was paid). */
export function refundAmount(paid: number, tiers: RefundTier[], departureAt: Date, now: Date): number {
  const hours = (departureAt.getTime() - now.getTime()) / 3_600_000;
  const percent = Math.min(100, Math.max(0, refundPercent(tiers, hours)));
  return Math.floor((paid * percent) / 100);
}
