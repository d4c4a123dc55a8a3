import { badInput, hasControlCharacterInText, isEmailAddress, nameProblem } from '@busline/shared';

/** Field checks shared by the company services; each throws BAD_USER_INPUT with a clear message. */
export function requiredText(value: string | null | undefined, field: string, max = 200): string {
  const trimmed = (value ?? '').trim();
  if (!trimmed) throw badInput(`${field} must not be empty`, field);
  if (trimmed.length > max) throw badInput(`${field} must be at most ${max} characters`, field);
  if (hasControlCharacterInText(trimmed)) throw badInput(`${field} must not contain control characters`, field);
  return trimmed;
}

/** A name texts and e-mails carry (a company, station, route, bus model, driver): one line, no link. */
export function nameText(value: string | null | undefined, field: string, max = 100): string {
  const name = requiredText(value, field, max);
  const problem = nameProblem(name);
  if (problem) throw badInput(`${field} ${problem}`, field);
  return name;
}

export function optionalEmail(value: string | null | undefined, field = 'contactEmail'): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  const email = value.trim().toLowerCase();
  if (!isEmailAddress(email)) throw badInput(`${field} is not a valid email address`, field);
  return email;
}

export function phone(value: string | null | undefined, field: string): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  const compact = value.replace(/[\s-]/g, '');
  if (!/^\+?\d{7,15}$/.test(compact)) throw badInput(`${field} must be a phone number such as +250788123456`, field);
  return compact;
}

export function positiveInt(value: number, field: string): number {
  if (!Number.isInteger(value) || value <= 0) throw badInput(`${field} must be a whole number greater than 0`, field);
  return value;
}

export interface MoneyInput {
  amount: number;
  currency?: string | null;
}

/**
 * The highest fare of a seat, in minor units (400,000 KES, 40 million RWF): a booking of 50 seats of it (the most
 * MAX_SEATS_PER_BOOKING allows) still fits Money.amount (32 bits), which a trip priced at 2,147,483,647 overflowed
 * at its second seat.
 */
export const MAX_PRICE = 40_000_000;

/** A price as given: the amount checked; the currency upper-cased, or null when the input names none. */
export function price(input: MoneyInput): { amount: number; currency: string | null } {
  if (!Number.isInteger(input.amount) || input.amount <= 0) throw badInput('price must be greater than 0', 'price');
  if (input.amount > MAX_PRICE) throw badInput(`price must be at most ${MAX_PRICE} minor units`, 'price');
  const given = input.currency?.trim();
  if (!given) return { amount: input.amount, currency: null };
  const currency = given.toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) throw badInput('price currency must be an ISO 4217 code such as RWF', 'price');
  return { amount: input.amount, currency };
}
