/** Decimal places of a currency (ISO 4217 minor units): RWF and UGX have none, KES has two. */
export function minorUnitDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    throw new RangeError(`unknown currency ${currency}`);
  }
}

/** Busline's minor units as the providers' decimal amount: 5000 RWF → "5000", 12345 KES → "123.45". */
export function toProviderAmount(amount: number, currency: string): string {
  if (!Number.isInteger(amount) || amount < 0)
    throw new RangeError(`amount must be a non-negative integer of minor units, got ${amount}`);
  const digits = minorUnitDigits(currency);
  if (digits === 0) return String(amount);
  const text = String(amount).padStart(digits + 1, '0');
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/**
 * Whether a provider's decimal amount and currency (`"20000"`, `"123.45"`) are `amount` minor units of `currency`:
 * what a status read says was collected, against what was asked.
 */
export function isProviderAmount(collected: { amount: string; currency: string }, amount: number, currency: string) {
  if (collected.currency.trim().toUpperCase() !== currency) return false;
  const match = /^\s*(\d{1,15})(?:\.(\d{1,6}))?\s*$/.exec(collected.amount);
  if (!match) return false;
  const digits = minorUnitDigits(currency);
  const fraction = (match[2] ?? '').padEnd(digits, '0');
  // More decimal places than the currency has are zeros, or it is another amount.
  if (fraction.length > digits && /[1-9]/.test(fraction.slice(digits))) return false;
  return BigInt(match[1]! + fraction.slice(0, digits)) === BigInt(amount);
}

/** Country calling codes of the markets Busline serves. */
export const DIAL_CODES: Record<string, string> = { RW: '250', UG: '256', KE: '254' };

/** The national part of an international MSISDN (Airtel wants it without the country code). */
export function nationalNumber(msisdn: string, country: string): string {
  const code = DIAL_CODES[country];
  return code && msisdn.startsWith(code) ? msisdn.slice(code.length) : msisdn;
}
