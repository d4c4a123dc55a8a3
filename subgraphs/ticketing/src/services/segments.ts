/** Segments of a trip: which stretch of its stops a ticket takes its seat on (docs/segments.md). */
import { AppError, ErrorCode } from '@busline/shared';

/** A ticket's stretch: boards at stop order `boardingStop`, leaves at `alightingStop` (later). */
export interface StopRange {
  boardingStop: number;
  alightingStop: number;
}

/**
 * The whole route of a trip with these stop orders: first to last stop. A trip known without
 * stops (never from the company subgraph, which always sends origin and destination) is 0 to 1,
 * as the migration made its older tickets.
 */
export function wholeRoute(stopOrders: readonly number[]): StopRange {
  if (stopOrders.length === 0) return { boardingStop: 0, alightingStop: 1 };
  const first = Math.min(...stopOrders);
  const last = Math.max(...stopOrders);
  return { boardingStop: first, alightingStop: Math.max(last, first + 1) };
}

/**
 * The segment a hold asks for: both stops of the trip, boarding before alighting; an end left out is
 * the route's first or last stop (clients that send neither hold the whole route, as before segments).
 */
export function resolveSegment(
  stopOrders: readonly number[],
  boardingStop?: number | null,
  alightingStop?: number | null,
): StopRange {
  const whole = wholeRoute(stopOrders);
  const known = new Set(stopOrders);
  const check = (order: number | null | undefined, field: string) => {
    if (order === null || order === undefined) return;
    if (!Number.isInteger(order) || !known.has(order)) {
      throw new AppError(ErrorCode.BAD_USER_INPUT, `Stop ${order} is not a stop of this trip`, { field });
    }
  };
  check(boardingStop, 'boardingStop');
  check(alightingStop, 'alightingStop');
  const segment = {
    boardingStop: boardingStop ?? whole.boardingStop,
    alightingStop: alightingStop ?? whole.alightingStop,
  };
  if (segment.boardingStop >= segment.alightingStop) {
    throw new AppError(ErrorCode.BAD_USER_INPUT, 'The alighting stop must come after the boarding stop', {
      field: 'alightingStop',
    });
  }
  return segment;
}

/** Whether two segments share a stretch of road (touching at a stop does not). */
export const overlaps = (a: StopRange, b: StopRange) =>
  a.boardingStop < b.alightingStop && b.boardingStop < a.alightingStop;
