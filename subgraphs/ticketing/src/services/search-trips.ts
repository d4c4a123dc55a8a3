import { AppError, ErrorCode, hasControlCharacter, parseIsoDateTime } from '@busline/shared';
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

/**
 * A day its month has, of the years 2000 to 9998: the search reads the day in the trips' zones, a day either side of
 * it in UTC, which Postgres must be able to hold (year 0 and year 10000 it cannot).
 */
function validDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const year = Number(date.slice(0, 4));
  return year >= 2000 && year <= 9998 && parseIsoDateTime(`${date}T00:00:00Z`) !== undefined;
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
    throw new AppError(
      ErrorCode.BAD_USER_INPUT,
      'Date must be a calendar date as YYYY-MM-DD, of the years 2000 to 9998',
      { field: 'date' },
    );
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
