import { describe, expect, it } from 'vitest';
import { ianaTimeZone } from '../src/time-zone';

describe('ianaTimeZone', () => {
  it('writes a link the tz database dropped (Postgres does not know it) as the zone it names', () => {
    // A company stored with US/Pacific-New before zones were checked failed its dashboards in Postgres: the events
    // that carry its zone to the dashboards now carry America/Los_Angeles.
    expect(ianaTimeZone('US/Pacific-New')).toBe('America/Los_Angeles');
    expect(ianaTimeZone(' canada/east-saskatchewan ')).toBe('America/Regina');
  });

  it('keeps other names as every reader takes them, and refuses abbreviations', () => {
    expect(ianaTimeZone('africa/kigali')).toBe('Africa/Kigali');
    expect(ianaTimeZone('Asia/Kolkata')).toBe('Asia/Kolkata');
    expect(ianaTimeZone('UTC')).toBe('UTC');
    expect(ianaTimeZone('CAT')).toBeNull();
    expect(ianaTimeZone('Africa/Atlantis')).toBeNull();
  });
});
