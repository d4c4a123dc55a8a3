import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { pathOnThisSite } from './router';

const ORIGIN = 'https://busline.example';
beforeAll(() => vi.stubGlobal('window', { location: { origin: ORIGIN } }));
afterAll(() => vi.unstubAllGlobals());

describe('next= after sign-in', () => {
  it('keeps a page of this site, with its query and fragment', () => {
    expect(pathOnThisSite('/bookings/42?tab=pass#qr')).toBe('/bookings/42?tab=pass#qr');
    expect(pathOnThisSite('/trips/../bookings')).toBe('/bookings');
  });

  it.each([
    'https://evil.example/',
    '//evil.example/',
    '/\\evil.example/',
    '/\t/evil.example/',
    // Paths that only resolve to another site: history refuses them (a page error), a link would follow them.
    '/..//evil.example/',
    '/.//evil.example/',
    '/%2e%2e//evil.example/',
    '/x/..//evil.example/',
    'bookings',
  ])('refuses %j', (next) => {
    expect(pathOnThisSite(next)).toBeUndefined();
  });
});
