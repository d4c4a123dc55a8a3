import { describe, expect, it } from 'vitest';
import { zonedDate, zonedLocalToIso } from './format';
import { currencyDigits, toMajor, toMinor } from './money';

describe('amounts in minor units', () => {
  it('knows the digits of each currency the platform sells in', () => {
    expect(['RWF', 'UGX', 'BIF', 'KES', 'TZS', 'USD'].map(currencyDigits)).toEqual([0, 0, 0, 2, 2, 2]);
  });

  it('converts what people type to minor units and back', () => {
    expect(toMinor('3500', 'RWF')).toBe(3500);
    expect(toMinor('1500.50', 'KES')).toBe(150050);
    expect(toMinor('1500,5', 'KES')).toBe(150050);
    expect(toMinor(1000, 'KES')).toBe(100000);
    expect(toMajor(150050, 'KES')).toBe(1500.5);
    expect(toMajor(3500, 'RWF')).toBe(3500);
  });

  it('refuses what is not an amount of the currency', () => {
    expect(toMinor('', 'RWF')).toBeNull();
    expect(toMinor('abc', 'RWF')).toBeNull();
    expect(toMinor('12.5', 'RWF')).toBeNull();
    expect(toMinor('1.005', 'KES')).toBeNull();
  });
});

describe('wall-clock times in a company time zone', () => {
  it('turns a local time of Nairobi (UTC+3) and Kigali (UTC+2) into the right instant', () => {
    expect(zonedLocalToIso('2026-12-24T07:00', 'Africa/Nairobi')).toBe('2026-12-24T04:00:00.000Z');
    expect(zonedLocalToIso('2026-12-24T07:00', 'Africa/Kigali')).toBe('2026-12-24T05:00:00.000Z');
    expect(zonedLocalToIso('2026-12-24T00:00', 'Africa/Nairobi')).toBe('2026-12-23T21:00:00.000Z');
  });

  it('follows a zone across a daylight-saving change', () => {
    // Europe/Paris moves from UTC+1 to UTC+2 on 2026-03-29.
    expect(zonedLocalToIso('2026-03-28T12:00', 'Europe/Paris')).toBe('2026-03-28T11:00:00.000Z');
    expect(zonedLocalToIso('2026-03-30T12:00', 'Europe/Paris')).toBe('2026-03-30T10:00:00.000Z');
  });

  it("gives today's date in the zone", () => {
    const today = zonedDate('Africa/Nairobi');
    expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(today).toBe(new Intl.DateTimeFormat('en-CA', { timeZone: 'Africa/Nairobi' }).format(new Date()));
  });
});
