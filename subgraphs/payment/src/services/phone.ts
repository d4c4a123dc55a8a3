/**
 * Normalises a Rwandan mobile number (MSISDN) to 2507XXXXXXXX, the form MoMo expects.
 * Accepts 07XXXXXXXX, 2507XXXXXXXX and +250 7XX XXX XXX (spaces and dashes ignored);
 * mobile ranges are 072/073 (Airtel) and 078/079 (MTN). Returns null for anything else.
 */
export function normalizeRwandanMsisdn(input: string): string | null {
  const compact = input.replace(/[\s\-().]/g, '');
  const match = /^(?:\+?250|0)(7[2389]\d{7})$/.exec(compact);
  return match ? `250${match[1]}` : null;
}

/** Mobile numbers of the markets Busline serves, in international form: country code and national part. */
const MARKETS = [
  { country: 'RW', code: '250', national: /^7[2389]\d{7}$/ },
  { country: 'UG', code: '256', national: /^7\d{8}$/ },
  { country: 'KE', code: '254', national: /^(?:7|1)\d{8}$/ },
] as const;

/** The currency a wallet of each market holds: a payment is collected in its booking's currency. */
export const MARKET_CURRENCY: Record<string, string> = { RW: 'RWF', UG: 'UGX', KE: 'KES' };

/**
 * A mobile number as `{ msisdn, country }` (msisdn in international form without '+'). Local forms
 * (07…) are Rwandan; Ugandan and Kenyan numbers are given with their country code (+256…, +254…).
 */
export function normalizeMsisdn(input: string): { msisdn: string; country: string } | null {
  const rwandan = normalizeRwandanMsisdn(input);
  if (rwandan) return { msisdn: rwandan, country: 'RW' };
  const compact = input.replace(/[\s\-().]/g, '').replace(/^\+/, '');
  for (const market of MARKETS) {
    if (compact.startsWith(market.code) && market.national.test(compact.slice(market.code.length)))
      return { msisdn: compact, country: market.country };
  }
  return null;
}

/** The countries whose numbering tells MTN's numbers (operatorOf): where an MTN MoMo payment is made. */
export const MTN_MOMO_COUNTRIES = ['RW', 'UG'] as const;

/** The operator of a number, where numbering tells (Rwanda: 078/079 MTN, 072/073 Airtel; Uganda likewise). */
export function operatorOf(msisdn: string): 'MTN_MOMO' | 'AIRTEL_MONEY' | undefined {
  if (/^2507[89]/.test(msisdn) || /^2567[678]/.test(msisdn)) return 'MTN_MOMO';
  if (/^2507[23]/.test(msisdn) || /^2567[045]/.test(msisdn)) return 'AIRTEL_MONEY';
  return undefined;
}
