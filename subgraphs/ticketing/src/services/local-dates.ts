// Local dates of trips in their companies' time zones, and the city keys search matches on.
import { ianaTimeZone } from '@busline/shared';

/** Time zone of trips whose snapshots carry none (companies before they had one are in Rwanda). */
export const DEFAULT_TIME_ZONE = 'Africa/Kigali';

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * Whether `timeZone` is an IANA zone this runtime knows (ianaTimeZone: an abbreviation such as "EAT" is none, as for
 * the dashboards, which read zones in Postgres).
 */
export function isTimeZone(timeZone: string): boolean {
  return ianaTimeZone(timeZone) !== null;
}

/** Calendar date (YYYY-MM-DD) of an instant in `timeZone` (one formatter per zone, reused). */
export function localDateIn(instant: Date, timeZone: string): string {
  let format = dateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(timeZone, format);
  }
  return format.format(instant);
}

/** Calendar date (YYYY-MM-DD) of an instant in Africa/Kigali, where most trips run. */
export function localDateInKigali(instant: Date): string {
  return localDateIn(instant, DEFAULT_TIME_ZONE);
}

export const normaliseCity = (city: string) => city.trim().toLowerCase();
