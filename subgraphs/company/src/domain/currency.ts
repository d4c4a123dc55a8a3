import { AppError, badInput, ErrorCode } from '@busline/shared';

/**
 * Currencies a company may sell in (ISO 4217): the East African ones Busline serves and USD. Every
 * price and fare of a company is in its one currency, so amounts of one company are never mixed.
 */
export const CURRENCIES = ['RWF', 'KES', 'UGX', 'TZS', 'BIF', 'USD'] as const;
export type Currency = (typeof CURRENCIES)[number];

/** Companies created before they had a currency sell in Rwandan francs. */
export const DEFAULT_CURRENCY: Currency = 'RWF';

/** The currency code, upper-cased; BAD_USER_INPUT unless it is one of CURRENCIES. */
export function currencyCode(value: string, field = 'currency'): Currency {
  const code = value.trim().toUpperCase();
  if (!(CURRENCIES as readonly string[]).includes(code))
    throw badInput(`${field} must be one of ${CURRENCIES.join(', ')}`, field);
  return code as Currency;
}

/**
 * The currency of a price given for a company selling in `companyCurrency`: that currency when the
 * input names none; BAD_USER_INPUT (`reason: CURRENCY_MISMATCH`) when it names another.
 */
export function inCompanyCurrency(given: string | null, companyCurrency: string, field = 'price'): string {
  if (given === null || given === companyCurrency) return companyCurrency;
  throw new AppError(
    ErrorCode.BAD_USER_INPUT,
    `${field} must be in the company's currency, ${companyCurrency} (not ${given})`,
    { field, reason: 'CURRENCY_MISMATCH' },
  );
}
