import { badInput, ianaTimeZone } from '@busline/shared';

/** Time zone of companies created before they had one (Rwanda's). */
export const DEFAULT_TIME_ZONE = 'Africa/Kigali';

/** Throws BAD_USER_INPUT unless `timeZone` is an IANA zone this runtime knows. */
export function assertTimeZone(timeZone: string): void {
  canonicalTimeZone(timeZone);
}

/**
 * The name a zone is stored by (ianaTimeZone: every reader takes it alike); BAD_USER_INPUT for a zone the runtime
 * does not know or an abbreviation ("CAT", "EAT", "IST") instead of an IANA name.
 */
export function canonicalTimeZone(timeZone: string): string {
  const zone = ianaTimeZone(timeZone);
  if (!zone) throw badInput(`Unknown time zone "${timeZone}": use an IANA name such as Africa/Kigali`, 'timeZone');
  return zone;
}

/** Offset of `timeZone` from UTC at `instant`, in milliseconds. */
function offsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

const DAY_MS = 86_400_000;

/**
 * The instant at which the wall clock in `timeZone` reads `date` (YYYY-MM-DD) `time` (HH:MM). A time the clocks
 * repeat (they go back) is its first occurrence; a time they skip (they go forward) is moved past the gap by its
 * length (02:30 becomes 03:30), so that nothing leaves before the time it was published for, whichever side of UTC
 * the zone is.
 */
export function zonedToUtc(date: string, time: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  // A zone changes its offset at most once a day: the offsets a day either side are the two that may apply.
  const before = offsetMs(wall - DAY_MS, timeZone);
  const after = offsetMs(wall + DAY_MS, timeZone);
  const readsWall = [wall - before, wall - after]
    .filter((instant) => offsetMs(instant, timeZone) === wall - instant)
    .sort((a, b) => a - b);
  return new Date(readsWall[0] ?? wall - before);
}

/** The calendar date (YYYY-MM-DD) that `instant` falls on in `timeZone`. */
export function localDate(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    instant,
  );
}

/** `date` (YYYY-MM-DD) plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export const DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A day of the calendar, YYYY-MM-DD: not 2027-04-31 or 2027-02-29, which the pattern lets through. */
export function isCalendarDate(date: string): boolean {
  return DATE_PATTERN.test(date) && addDays(date, 0) === date;
}

export const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
