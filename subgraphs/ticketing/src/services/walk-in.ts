import { badInput, isEmailAddress, personNameProblem, phoneNumberProblem, withoutTrunkZero } from '@busline/shared';

/** Languages a walk-in passenger's messages can be written in (notification's templates). */
export const WALK_IN_LANGUAGES = ['rw', 'sw', 'fr', 'en'] as const;
export type WalkInLanguage = (typeof WALK_IN_LANGUAGES)[number];

/** The walk-in passenger of a counter sale, validated and normalised. */
export interface WalkInPassenger {
  name: string;
  /** International form: + and digits, e.g. +250788123456. */
  phone: string;
  language: WalkInLanguage;
  email: string | null;
}

/**
 * Mobile numbers of the markets Busline serves (country code and national part without its trunk 0), as payment
 * checks a wallet's: Rwanda 072/073 (Airtel), 078/079 (MTN); Uganda; Kenya.
 */
const MARKETS = [
  { code: '250', national: /^7[2389]\d{7}$/ },
  { code: '256', national: /^7\d{8}$/ },
  { code: '254', national: /^[71]\d{8}$/ },
] as const;

/** Any other country: + and 8 to 15 digits (E.164). */
const INTERNATIONAL = /^\+[1-9]\d{7,14}$/;

/**
 * A phone number in the international form profiles keep (+ and digits), or null. Spaces, dashes, dots and
 * brackets are ignored; 00 stands for +; a number of a served market must be one of its mobile numbers, and a
 * trunk 0 written after its country code is dropped (+250 0788… is +250788…; after any three-digit African code
 * too: withoutTrunkZero). A Rwandan national number (07XXXXXXXX), or 2507XXXXXXXX without its +, is Rwandan, since
 * counter staff type numbers the way passengers say them. Other countries' numbers are typed with their country
 * code.
 */
export function normalizePhone(input: string): string | null {
  const compact = input.replace(/[\s\-().]/g, '');
  if (/^0\d+$/.test(compact) && !compact.startsWith('00')) return inMarket('250', compact.slice(1));
  if (/^250\d+$/.test(compact)) return inMarket('250', compact.slice(3));
  const international = compact.startsWith('00') ? `+${compact.slice(2)}` : compact;
  if (!/^\+[1-9]\d*$/.test(international)) return null;
  const market = MARKETS.find((m) => international.startsWith(`+${m.code}`));
  if (market) return inMarket(market.code, international.slice(market.code.length + 1));
  // Another African country's number typed with its trunk 0 after the code: kept without it, as auth and user keep it.
  const number = withoutTrunkZero(international);
  return INTERNATIONAL.test(number) ? number : null;
}

/** `+<code><national>` when `national` (a trunk 0 dropped) is a mobile number of that market, else null. */
function inMarket(code: string, national: string): string | null {
  const number = national.replace(/^0/, '');
  const market = MARKETS.find((m) => m.code === code)!;
  return market.national.test(number) ? `+${code}${number}` : null;
}

/** The phone of a claim request, or BAD_USER_INPUT on `field`. */
export function requirePhone(input: string, field = 'phone'): string {
  const phone = normalizePhone(input);
  if (!phone) throw badInput('Enter a mobile number, e.g. +250788123456 or 0788123456', field);
  const problem = phoneNumberProblem(phone);
  if (problem) throw badInput(`The phone number ${problem}`, field);
  return phone;
}

/** Validates and normalises HoldSeatsInput.walkIn (BAD_USER_INPUT naming the field). */
export function validateWalkIn(input: {
  name: string;
  phone: string;
  language?: string | null;
  email?: string | null;
}): WalkInPassenger {
  const name = input.name.trim().replace(/\s+/g, ' ');
  if (name.length === 0 || name.length > 120)
    throw badInput('The walk-in name must be 1 to 120 characters', 'walkIn.name');
  const problem = personNameProblem(name);
  if (problem) throw badInput(`The walk-in name ${problem}`, 'walkIn.name');
  const phone = requirePhone(input.phone, 'walkIn.phone');
  const language = (input.language?.trim().toLowerCase() || 'rw') as WalkInLanguage;
  if (!WALK_IN_LANGUAGES.includes(language))
    throw badInput(`The language must be one of ${WALK_IN_LANGUAGES.join(', ')}`, 'walkIn.language');
  // Lower-cased, as accounts' are: one mailbox is one address (its per-address message limit counts it once).
  const email = input.email?.trim().toLowerCase() || null;
  if (email !== null && (email.length > 254 || !isEmailAddress(email)))
    throw badInput('Enter a valid e-mail address or leave it out', 'walkIn.email');
  return { name, phone, language, email };
}
