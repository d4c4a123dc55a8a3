import { AppError, ErrorCode, hasControlCharacter, isStorableTime, parseIsoDateTime } from '@busline/shared';
import type { SearchHit, TripRepository } from '../repositories/trip-repository';
import { normaliseCity } from './local-dates';

export interface SearchTripsInput {
  originCity: string;
  destinationCity: string;
  date: string;
  passengers: number;
}

/** Most trips one search returns (a day's departures between two cities are far fewer). */
export const SEARCH_LIMIT = 100;

const DAY_MS = 86_400_000;

/**
 * A day its month has, the day before and after it of the years 1 to 9999 too: the search reads the day in the trips'
 * zones, a day either side of it in UTC (year 0 does not exist for Postgres, and a year past 9999 is written
 * `+010000-…`, which it refuses).
 */
function validDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const day = parseIsoDateTime(`${date}T00:00:00Z`)?.getTime();
  return day !== undefined && isStorableTime(day - DAY_MS) && isStorableTime(day + 2 * DAY_MS - 1);
}

/**
 * Validates a search and runs it as one indexed query; returns trip ids with the searched segment and the seats free on
 * it (with `seatMaps`, each trip's seat map over it too).
 */
export async function searchTrips(
  repo: TripRepository,
  input: SearchTripsInput,
  maxPassengers: number,
  options: { seatMaps?: boolean; now?: Date } = {},
): Promise<SearchHit[]> {
  for (const field of ['originCity', 'destinationCity'] as const) {
    if (hasControlCharacter(input[field]))
      throw new AppError(ErrorCode.BAD_USER_INPUT, 'A city name must not contain control characters', { field });
  }
  const origin = normaliseCity(input.originCity);
  const destination = normaliseCity(input.destinationCity);
  if (!origin) throw new AppError(ErrorCode.BAD_USER_INPUT, 'Choose where you leave from', { field: 'originCity' });
  if (!destination)
    throw new AppError(ErrorCode.BAD_USER_INPUT, 'Choose where you are going', { field: 'destinationCity' });
  if (origin === destination)
    throw new AppError(ErrorCode.BAD_USER_INPUT, 'Origin and destination must be different cities', {
      field: 'destinationCity',
    });
  if (!validDate(input.date))
    throw new AppError(ErrorCode.BAD_USER_INPUT, 'Date must be a calendar date as YYYY-MM-DD', { field: 'date' });
  if (!Number.isInteger(input.passengers) || input.passengers < 1 || input.passengers > maxPassengers) {
    throw new AppError(ErrorCode.BAD_USER_INPUT, `Passengers must be between 1 and ${maxPassengers}`, {
      field: 'passengers',
    });
  }
  return repo.search({
    originCityKey: origin,
    destinationCityKey: destination,
    localDate: input.date,
    passengers: input.passengers,
    now: options.now ?? new Date(),
    limit: SEARCH_LIMIT,
    seatMaps: options.seatMaps ?? false,
  });
}
