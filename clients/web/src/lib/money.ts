/**
 * Amounts travel in minor units of their currency (ISO 4217: RWF and UGX have none, KES and USD cents);
 * people read and type major units. These convert between the two, by the currency's digits as Intl
 * knows them (what the server's notification texts use too).
 */

/** Digits after the decimal point of `currency` (0 for RWF, 2 for KES). */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** Minor units → the amount a person reads (150000 KES cents → 1500). */
export const toMajor = (amount: number, currency: string) => amount / 10 ** currencyDigits(currency);

/** What a person typed (e.g. "1500.50") → minor units, or null when it is not an amount of that currency. */
export function toMinor(typed: string | number, currency: string): number | null {
  const value = typeof typed === 'number' ? typed : Number(typed.trim().replace(',', '.'));
  if (!Number.isFinite(value) || (typeof typed === 'string' && typed.trim() === '')) return null;
  const minor = Math.round(value * 10 ** currencyDigits(currency));
  return Math.abs(minor - value * 10 ** currencyDigits(currency)) < 1e-6 ? minor : null;
}
