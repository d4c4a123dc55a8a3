/**
 * Calendar and id helpers. Showing dates, times, money and durations is the i18n formatters' job
 * (`useT().fmt`, src/i18n/format.ts), in the reader's language.
 */

/** How far `timeZone`'s clock is ahead of UTC at the instant `at` (ms since the epoch), in milliseconds. */
function zoneOffsetMs(at: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(new Date(at))
      .map((part) => [part.type, Number(part.value)]),
  );
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return wall - Math.floor(at / 1000) * 1000;
}

/** The calendar date `days` from today in `timeZone` (IANA, e.g. Africa/Nairobi), as YYYY-MM-DD. */
export const zonedDate = (timeZone: string, days = 0) => {
  const at = Date.now() + days * 86_400_000;
  return new Date(at + zoneOffsetMs(at, timeZone)).toISOString().slice(0, 10);
};

/**
 * A wall-clock time in `timeZone` (`YYYY-MM-DDTHH:mm`, as `<input type="datetime-local">` gives it, or a
 * date with `T00:00`) → ISO instant. The offset is taken at that time (checked twice, so a zone whose
 * offset changes near it still lands on the right instant).
 */
export function zonedLocalToIso(local: string, timeZone: string): string {
  const asUtc = Date.parse(`${local.length === 16 ? `${local}:00` : local}Z`);
  let at = asUtc - zoneOffsetMs(asUtc, timeZone);
  const again = asUtc - zoneOffsetMs(at, timeZone);
  if (again !== at) at = again;
  return new Date(at).toISOString();
}

/** Kigali's calendar date `days` from today: the default search date (most trips leave from Rwanda). */
export const kigaliDate = (days = 0) => zonedDate('Africa/Kigali', days);

export const newIdempotencyKey = () =>
  typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
