/** The fare of a segment: the company's fare for the pair, else derived from the route's fare (docs/segments.md). */
import type { SegmentFare } from '../db/schema';
import { wholeRoute, type StopRange } from './segments';

/**
 * One seat's fare from `segment.boardingStop` to `segment.alightingStop`: the pair's fare from the
 * trip snapshot; the trip's price for the whole route; otherwise (a snapshot from before fares per
 * pair) the trip's price in proportion to the minutes the segment takes of the whole route.
 */
export function fareFor(
  trip: { priceAmount: number; fares: SegmentFare[] },
  stops: readonly { stopOrder: number; minutesFromDeparture: number }[],
  segment: StopRange,
): number {
  const listed = trip.fares.find(
    (f) => f.boardingStop === segment.boardingStop && f.alightingStop === segment.alightingStop,
  );
  if (listed) return listed.amount;
  const whole = wholeRoute(stops.map((s) => s.stopOrder));
  if (whole.boardingStop === segment.boardingStop && whole.alightingStop === segment.alightingStop)
    return trip.priceAmount;
  const minutes = (order: number) => stops.find((s) => s.stopOrder === order)?.minutesFromDeparture;
  const [from, to, first, last] = [
    minutes(segment.boardingStop),
    minutes(segment.alightingStop),
    minutes(whole.boardingStop),
    minutes(whole.alightingStop),
  ];
  if (from === undefined || to === undefined || first === undefined || last === undefined || last <= first)
    return trip.priceAmount;
  return Math.max(1, Math.min(trip.priceAmount, Math.round((trip.priceAmount * (to - from)) / (last - first))));
}
