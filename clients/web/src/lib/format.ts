/**
 * Calendar and id helpers. Showing dates, times, money and durations is the i18n formatters' job
 * (`useT().fmt`, src/i18n/format.ts), in the reader's language.
 */

/** Kigali's calendar date `days` from today, as YYYY-MM-DD (Kigali is UTC+2 all year). */
export const kigaliDate = (days = 0) =>
  new Date(Date.now() + days * 86_400_000 + 2 * 3_600_000).toISOString().slice(0, 10);

/** `<input type="datetime-local">` value in Kigali time → ISO instant. */
export const kigaliLocalToIso = (local: string) => new Date(`${local}:00+02:00`).toISOString();

export const newIdempotencyKey = () =>
  typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
