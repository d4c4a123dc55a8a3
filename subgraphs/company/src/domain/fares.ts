/**
 * Fares per pair of stops of a trip: the company's where set, else derived from the trip's price (docs/segments.md).
 */

/** A pair of stops (positions on the route) and the fare of one seat between them. */
export interface PairFare {
  boardingStop: number;
  alightingStop: number;
  amount: number;
  currency: string;
  /** True when no fare was set for the pair and it is derived from the trip's price. */
  derived: boolean;
}

/** Derived fares are rounded to this many minor units (50 RWF), and never below it. */
export const FARE_ROUNDING = 50;

/**
 * Every pair of `stops` (in route order) with its fare: the whole route costs the trip's price; a pair
 * with a fare set (in the trip's currency) costs that; any other pair the trip's price in proportion to
 * the minutes it takes of the whole route, rounded to FARE_ROUNDING and at most the trip's price.
 */
export function pairFares(
  stops: readonly { position: number; minutesFromDeparture: number }[],
  price: { amount: number; currency: string },
  set: readonly { boardingPosition: number; alightingPosition: number; amount: number; currency: string }[],
): PairFare[] {
  const fares: PairFare[] = [];
  if (stops.length < 2) return fares;
  const first = stops[0]!;
  const last = stops[stops.length - 1]!;
  const span = last.minutesFromDeparture - first.minutesFromDeparture;
  for (const [i, from] of stops.entries()) {
    for (const to of stops.slice(i + 1)) {
      const whole = from === first && to === last;
      const chosen = set.find(
        (f) =>
          f.boardingPosition === from.position && f.alightingPosition === to.position && f.currency === price.currency,
      );
      let amount: number;
      if (whole) amount = price.amount;
      else if (chosen) amount = chosen.amount;
      else {
        const share = span > 0 ? (to.minutesFromDeparture - from.minutesFromDeparture) / span : 1;
        amount = Math.min(
          price.amount,
          Math.max(FARE_ROUNDING, Math.round((price.amount * share) / FARE_ROUNDING) * FARE_ROUNDING),
        );
      }
      fares.push({
        boardingStop: from.position,
        alightingStop: to.position,
        amount,
        currency: price.currency,
        derived: !whole && !chosen,
      });
    }
  }
  return fares;
}
