import { badInput, isEmailAddress, personNameProblem, phoneNumberProblem, withoutTrunkZero } from '@busline/shared';

const PHONE = /^\+?[1-9][0-9]{7,14}$/;
export const MIN_PASSWORD_LENGTH = 10;
const MAX_PASSWORD_LENGTH = 256;

/** Emails are compared case-insensitively: stored and looked up lower-cased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The longest email address an account can have (RFC 5321's path limit, less its angle brackets). */
export const MAX_EMAIL_LENGTH = 254;

export interface RegistrationInput {
  email: string;
  password: string;
  fullName: string;
  phone?: string | null;
}

/** A password an account may have (`field` names it in the error): 10 to 256 characters, not its email. */
export function checkPassword(password: string, email: string, field: string): void {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw badInput(`Password must be at least ${MIN_PASSWORD_LENGTH} characters`, field);
  if (password.length > MAX_PASSWORD_LENGTH)
    throw badInput(`Password must be at most ${MAX_PASSWORD_LENGTH} characters`, field);
  if (normalizeEmail(password) === email) throw badInput('Password must not be your email address', field);
}

/** Validates a registration and returns it normalised; throws BAD_USER_INPUT naming the field. */
export function validateRegistration(input: RegistrationInput): {
  email: string;
  password: string;
  fullName: string;
  phone: string | null;
} {
  const email = normalizeEmail(input.email);
  if (email.length > MAX_EMAIL_LENGTH || !isEmailAddress(email)) throw badInput('Enter a valid email address', 'email');
  const { password } = input;
  checkPassword(password, email, 'password');
  const fullName = input.fullName.trim().replace(/\s+/g, ' ');
  if (fullName.length === 0 || fullName.length > 120)
    throw badInput('Full name must be 1 to 120 characters', 'fullName');
  const problem = personNameProblem(fullName);
  if (problem) throw badInput(`Full name ${problem}`, 'fullName');
  const rawPhone = input.phone?.replace(/[\s-]/g, '') ?? '';
  const phone = rawPhone ? withoutTrunkZero(rawPhone.startsWith('+') ? rawPhone : `+${rawPhone}`) : null;
  if (phone && !PHONE.test(phone))
    throw badInput('Enter the phone number in international format, e.g. +250788123456', 'phone');
  const phoneProblem = phone && phoneNumberProblem(phone);
  if (phoneProblem) throw badInput(`The phone number ${phoneProblem}`, 'phone');
  return { email, password, fullName, phone };
}
