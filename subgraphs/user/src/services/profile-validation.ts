import { badInput, personNameProblem, phoneNumberProblem, withoutTrunkZero } from '@busline/shared';

export interface ProfileInput {
  fullName?: string | null;
  phone?: string | null;
  avatarUrl?: string | null;
  language?: string | null;
}

export interface ProfileChanges {
  fullName?: string;
  phone?: string | null;
  avatarUrl?: string | null;
  language?: string;
}

const PHONE = /^\+[1-9][0-9]{7,14}$/;
const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/**
 * Validates a profile update and normalises it. Omitted fields stay as they are; null clears
 * the optional ones (phone, avatarUrl) and is refused for the required ones.
 */
export function validateProfileInput(input: ProfileInput): ProfileChanges {
  const changes: ProfileChanges = {};
  if (input.fullName !== undefined) {
    const fullName = (input.fullName ?? '').trim().replace(/\s+/g, ' ');
    if (fullName.length === 0 || fullName.length > 120)
      throw badInput('Full name must be 1 to 120 characters', 'fullName');
    const problem = personNameProblem(fullName);
    if (problem) throw badInput(`Full name ${problem}`, 'fullName');
    changes.fullName = fullName;
  }
  if (input.phone !== undefined) {
    const written = input.phone?.replace(/[\s-]/g, '') || null;
    const phone = written && withoutTrunkZero(written);
    if (phone !== null && !PHONE.test(phone))
      throw badInput('Enter the phone number in international format, e.g. +250788123456', 'phone');
    const problem = phone && phoneNumberProblem(phone);
    if (problem) throw badInput(`The phone number ${problem}`, 'phone');
    changes.phone = phone;
  }
  if (input.avatarUrl !== undefined) {
    const avatarUrl = input.avatarUrl?.trim() || null;
    if (avatarUrl !== null) {
      let url: URL | undefined;
      try {
        url = new URL(avatarUrl);
      } catch {
        url = undefined;
      }
      if (!url || url.protocol !== 'https:' || avatarUrl.length > 2048)
        throw badInput('Avatar must be an https URL of at most 2048 characters', 'avatarUrl');
    }
    changes.avatarUrl = avatarUrl;
  }
  if (input.language !== undefined) {
    const language = input.language?.trim() ?? '';
    if (!LANGUAGE.test(language) || language.length > 35)
      throw badInput('Language must be a BCP 47 tag such as rw, en or fr', 'language');
    changes.language = language;
  }
  return changes;
}
