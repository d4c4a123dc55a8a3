import { describe, expect, it } from 'vitest';
import { AppError } from '@busline/shared';
import { normalizeRefundTiers } from '../src/domain/refund-policy';
import { normalizeLayout, seatsOf } from '../src/domain/seat-layout';
import { addDays, localDate, zonedToUtc } from '../src/domain/zoned-time';

const badInput = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof AppError && error.code === 'BAD_USER_INPUT';
  }
  return false;
};

describe('seat layouts', () => {
  it('labels seats row then column and leaves out skipped positions', () => {
    const decks = normalizeLayout([
      { deck: 1, rows: 2, columns: ['a', 'b', 'c'], aisleAfter: ['a'], skippedSeats: ['2c'] },
    ]);
    expect(seatsOf(decks).map((s) => s.label)).toEqual(['1A', '1B', '1C', '2A', '2B']);
    expect(decks[0]).toMatchObject({ columns: ['A', 'B', 'C'], aisleAfter: ['A'], skippedSeats: ['2C'] });
  });

  it('refuses a skipped seat that is not on the deck', () => {
    expect(badInput(() => normalizeLayout([{ deck: 1, rows: 2, columns: ['A'], skippedSeats: ['9A'] }]))).toBe(true);
  });

  it('refuses more than two decks and more than 150 seats: every trip carries its seat map to every replica', () => {
    const deck = (n: number, rows: number) => ({ deck: n, rows, columns: ['A', 'B', 'C', 'D'] });
    expect(badInput(() => normalizeLayout([deck(1, 10), deck(2, 10), deck(3, 10)]))).toBe(true);
    // 2 decks × 19 rows × 4 = 152 seats; 2 × 18 × 4 = 144 is a large double-decker.
    expect(badInput(() => normalizeLayout([deck(1, 19), deck(2, 19)]))).toBe(true);
    expect(seatsOf(normalizeLayout([deck(1, 18), deck(2, 18)]))).toHaveLength(144);
    expect(badInput(() => normalizeLayout([{ deck: 1, rows: 40, columns: [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'] }]))).toBe(
      true,
    );
  });

  it('numbers rows up to 999 only and keeps each aisle once', () => {
    expect(badInput(() => normalizeLayout([{ deck: 1, rows: 2, firstRow: 2_147_483_640, columns: ['A'] }]))).toBe(true);
    expect(badInput(() => normalizeLayout([{ deck: 1, rows: 2, firstRow: 999, columns: ['A'] }]))).toBe(true);
    expect(seatsOf(normalizeLayout([{ deck: 1, rows: 2, firstRow: 998, columns: ['A'] }])).at(-1)?.label).toBe('999A');
    const [deck] = normalizeLayout([
      { deck: 1, rows: 1, columns: ['A', 'B', 'C'], aisleAfter: Array(20_000).fill('b') },
    ]);
    expect(deck!.aisleAfter).toEqual(['B']);
  });

  it('refuses two decks with the same number', () => {
    expect(
      badInput(() =>
        normalizeLayout([
          { deck: 1, rows: 1, columns: ['A'] },
          { deck: 1, rows: 1, columns: ['B'] },
        ]),
      ),
    ).toBe(true);
  });
});

describe('refund tiers', () => {
  it('sorts tiers by hours, descending', () => {
    const tiers = normalizeRefundTiers([
      { minHoursBeforeDeparture: 2, refundPercent: 50 },
      { minHoursBeforeDeparture: 48, refundPercent: 100 },
    ]);
    expect(tiers.map((t) => t.minHoursBeforeDeparture)).toEqual([48, 2]);
  });

  it('refuses a percent above 100', () => {
    expect(badInput(() => normalizeRefundTiers([{ minHoursBeforeDeparture: 1, refundPercent: 120 }]))).toBe(true);
  });
});

describe('zoned time', () => {
  it('reads 07:00 in Kigali as 05:00 UTC', () => {
    expect(zonedToUtc('2026-12-01', '07:00', 'Africa/Kigali').toISOString()).toBe('2026-12-01T05:00:00.000Z');
  });

  it('follows daylight saving time', () => {
    expect(zonedToUtc('2026-01-15', '07:00', 'Europe/Berlin').toISOString()).toBe('2026-01-15T06:00:00.000Z');
    expect(zonedToUtc('2026-07-15', '07:00', 'Europe/Berlin').toISOString()).toBe('2026-07-15T05:00:00.000Z');
  });

  it('moves a time the clocks skip past the gap, east and west of UTC alike', () => {
    // 02:30 does not exist on these nights: the bus leaves at 03:30 local, never an hour early at 01:30.
    expect(zonedToUtc('2027-03-14', '02:30', 'America/New_York').toISOString()).toBe('2027-03-14T07:30:00.000Z');
    expect(zonedToUtc('2027-03-28', '02:30', 'Europe/Berlin').toISOString()).toBe('2027-03-28T01:30:00.000Z');
    expect(zonedToUtc('2027-03-14', '02:30', 'America/Los_Angeles').toISOString()).toBe('2027-03-14T10:30:00.000Z');
  });

  it('reads a time the clocks repeat as its first occurrence, east and west of UTC alike', () => {
    // 01:30 EDT (05:30 UTC), not 01:30 EST an hour later.
    expect(zonedToUtc('2026-11-01', '01:30', 'America/New_York').toISOString()).toBe('2026-11-01T05:30:00.000Z');
    // 02:30 CEST (00:30 UTC), not 02:30 CET.
    expect(zonedToUtc('2026-10-25', '02:30', 'Europe/Berlin').toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('gives the local calendar date and adds days across month ends', () => {
    expect(localDate(new Date('2026-12-31T23:30:00Z'), 'Africa/Kigali')).toBe('2027-01-01');
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
  });
});
