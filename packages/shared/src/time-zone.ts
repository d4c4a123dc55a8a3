/**
 * Links the tz database has dropped that runtimes may still take, by the zone they name: Postgres does not know them,
 * so a company stored with one (before zones were checked against the database) failed its dashboards there.
 */
const DROPPED_LINKS: Record<string, string> = {
  'us/pacific-new': 'America/Los_Angeles',
  'canada/east-saskatchewan': 'America/Regina',
};

/**
 * A time zone name as every reader takes it alike — Intl in the services, Postgres `AT TIME ZONE` in the user
 * dashboards — or null. Only IANA "Area/Location" names (and UTC) are zones: Intl also takes abbreviations such as
 * "CAT", which Postgres does not know, and "IST", India to Intl and Israel to Postgres. A name in another case is
 * written as the runtime writes it ("africa/kigali" → Africa/Kigali); a link keeps the name given (Asia/Kolkata,
 * which some runtimes resolve to Asia/Calcutta: both are the same zone to both readers), but a link the tz database
 * dropped (DROPPED_LINKS) is written as the zone it names.
 */
export function ianaTimeZone(name: string): string | null {
  const zone = name.trim();
  const dropped = DROPPED_LINKS[zone.toLowerCase()];
  if (dropped) return dropped;
  if (!zone.includes('/') && zone.toUpperCase() !== 'UTC') return null;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
  return resolved.toLowerCase() === zone.toLowerCase() ? resolved : zone;
}
