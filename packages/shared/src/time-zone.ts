/**
 * A time zone name as every reader takes it alike — Intl in the services, Postgres `AT TIME ZONE` in the user
 * dashboards — or null. Only IANA "Area/Location" names (and UTC) are zones: Intl also takes abbreviations such as
 * "CAT", which Postgres does not know, and "IST", India to Intl and Israel to Postgres. A name in another case is
 * written as the runtime writes it ("africa/kigali" → Africa/Kigali); a link keeps the name given (Asia/Kolkata,
 * which some runtimes resolve to Asia/Calcutta: both are the same zone to both readers).
 */
export function ianaTimeZone(name: string): string | null {
  const zone = name.trim();
  if (!zone.includes('/') && zone.toUpperCase() !== 'UTC') return null;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
  return resolved.toLowerCase() === zone.toLowerCase() ? resolved : zone;
}
