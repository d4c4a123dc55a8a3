import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@busline/shared/testing';
import { startTestPlatform, zonedDate, type TestPlatform } from './harness';

/** The seeded Kenyan company through the router: searched by Nairobi dates, priced in shillings. */
let busline: TestPlatform;
beforeAll(async () => {
  busline = await startTestPlatform({ seed: true });
});
afterAll(() => busline?.stop());

const SEARCH = `query($i: SearchTripsInput!) { searchTrips(input: $i) {
  id timeZone departureAt company { slug timeZone currency } searchedSegment { fare { amount currency } }
} }`;

interface Hit {
  id: string;
  timeZone: string;
  departureAt: string;
  company: { slug: string; timeZone: string; currency: string };
  searchedSegment: { fare: { amount: number; currency: string } };
}

describe('companies in other time zones and currencies', () => {
  it("finds Nairobi → Nakuru on the Nairobi date at Nairobi times, priced in the company's KES", async () => {
    const date = zonedDate('Africa/Nairobi', 1);
    const hits = await eventually(async () => {
      const result = await busline.request<{ searchTrips: Hit[] }>(SEARCH, {
        i: { originCity: 'Nairobi', destinationCity: 'Nakuru', date, passengers: 1 },
      });
      expect(result.errors).toBeUndefined();
      return result.data!.searchTrips.length > 0 ? result.data!.searchTrips : undefined;
    }, 30_000);
    const local = (iso: string) =>
      new Intl.DateTimeFormat('en-GB', { timeZone: 'Africa/Nairobi', hour: '2-digit', minute: '2-digit' }).format(
        new Date(iso),
      );
    expect(hits.map((hit) => local(hit.departureAt))).toEqual(['07:00', '14:00']);
    for (const hit of hits) {
      expect(hit.timeZone).toBe('Africa/Nairobi');
      expect(hit.company).toEqual({ slug: 'savannah', timeZone: 'Africa/Nairobi', currency: 'KES' });
      expect(hit.searchedSegment.fare).toEqual({ amount: 100_000, currency: 'KES' });
    }
    const naivasha = await busline.request<{ searchTrips: Hit[] }>(SEARCH, {
      i: { originCity: 'Naivasha', destinationCity: 'Nakuru', date, passengers: 1 },
    });
    expect(naivasha.data!.searchTrips.map((hit) => hit.searchedSegment.fare)).toEqual([
      { amount: 50_000, currency: 'KES' },
      { amount: 50_000, currency: 'KES' },
    ]);
  });
});
