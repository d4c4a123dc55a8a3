// Local dates of trips in their companies' time zones, and the city keys search matches on.

/** Time zone of trips whose snapshots carry none (companies before they had one are in Rwanda). */
export const DEFAULT_TIME_ZONE = 'Africa/Kigali';

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** Whether this runtime knows `timeZone` as an IANA zone. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone });
    return true;
  } catch {
    return false;
  }
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
