import { badInput, isEmailAddress, personNameProblem } from '@busline/shared';

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

const INTERNATIONAL = /^\+[1-9]\d{7,14}$/;

/**
 * A phone number in the international form profiles keep (+ and 8 to 15 digits), or null. Spaces,
 * dashes, dots and brackets are ignored; 00 stands for +; a Rwandan national mobile number
 * (07XXXXXXXX) becomes +2507XXXXXXXX, as does 2507XXXXXXXX without its +, since counter staff
 * type numbers the way passengers say them.
 */
export function normalizePhone(input: string): string | null {
  const compact = input.replace(/[\s\-().]/g, '');
  const national = /^0(7\d{8})$/.exec(compact);
  if (national) return `+250${national[1]}`;
  if (/^2507\d{8}$/.test(compact)) return `+${compact}`;
  const international = compact.startsWith('00') ? `+${compact.slice(2)}` : compact;
  return INTERNATIONAL.test(international) ? international : null;
}

/** The phone of a claim request, or BAD_USER_INPUT on `field`. */
export function requirePhone(input: string, field = 'phone'): string {
  const phone = normalizePhone(input);
  if (!phone) throw badInput('Enter a mobile number, e.g. +250788123456 or 0788123456', field);
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
