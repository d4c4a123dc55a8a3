import { IntlMessageFormat } from 'intl-messageformat';
import { looksLikeLink } from '@busline/shared';
import type { MessageKind } from '../db/schema';
import { CATALOG, LANGUAGES, type Language } from './catalog';
import { toGsm7 } from './gsm7';

/** What a message says, before it is put into words. Times are instants; money is in minor units. */
export interface MessageFacts {
  name?: string | null;
  company: string;
  origin: string;
  destination: string;
  departureAt: Date;
  previousDepartureAt?: Date | null;
  seats: string[];
  ref: string;
  link: string;
  money?: { amount: number; currency: string } | null;
  expiresAt?: Date | null;
  /** REFUND_DUE: the code that collects the refund at the counter. */
  code?: string | null;
}

export interface RenderedMessage {
  language: Language;
  sms: string;
  subject: string;
  emailText: string;
}

/** The supported language for a BCP 47 tag (`fr-RW` → fr, `kin` and `rw-RW` → rw); English otherwise. */
export function languageOf(tag: string | null | undefined): Language {
  const base = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  if (base === 'kin') return 'rw';
  if (base === 'swa') return 'sw';
  if (base === 'fra' || base === 'fre') return 'fr';
  return (LANGUAGES as readonly string[]).includes(base) ? (base as Language) : 'en';
}

/** Minor units → major units of `currency` (RWF has no minor unit, KES two). */
function majorUnits(amount: number, currency: string): number {
  const digits =
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return amount / 10 ** digits;
}

export function formatMoney(language: Language, money: { amount: number; currency: string }): string {
  return new Intl.NumberFormat(language, { style: 'currency', currency: money.currency }).format(
    majorUnits(money.amount, money.currency),
  );
}

export function formatDateTime(language: Language, at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(at);
}

export function formatTime(language: Language, at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat(language, { timeStyle: 'short', timeZone }).format(at);
}

/** Characters drawn as one (a letter and its marks, an emoji of several code points): a name is cut between them. */
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * A name as a message carries it: one line (line breaks, tabs, zero-width and direction-changing characters become
 * one space, so it cannot write a paragraph of its own; the zero-width joiner and non-joiner stay, as names need them:
 * emoji joined by U+200D, Persian spellings), and at most `max` characters (a long one costs SMS parts), cut between
 * characters as drawn, never inside one (half an emoji shows as U+FFFD).
 */
export function oneLine(text: string, max = 60): string {
  const flat = text.replace(/(?![\u200c\u200d])[\p{Cc}\p{Cf}\u2028\u2029\s]+/gu, ' ').trim();
  if (flat.length <= max) return flat;
  let cut = '';
  for (const { segment } of graphemes.segment(flat)) {
    if (cut.length + segment.length > max - 1) break;
    cut += segment;
  }
  return `${cut.trimEnd()}…`;
}

/** The passenger's name for a greeting; none when it reads as a link (whoever registers an address names it). */
function greetingName(name: string | null | undefined): string {
  const whole = oneLine(name ?? '', Infinity);
  return looksLikeLink(whole) ? '' : oneLine(whole, 40);
}

const compiled = new Map<string, IntlMessageFormat>();
function format(language: Language, source: string, values: Record<string, string | number>): string {
  const key = `${language}\u0000${source}`;
  let message = compiled.get(key);
  if (!message) compiled.set(key, (message = new IntlMessageFormat(source, language)));
  return String(message.format(values));
}

/** Writes one message of `kind` in `language`, dates in `timeZone` and money per the language's conventions. */
export function renderMessage(
  kind: MessageKind,
  languageTag: string | null | undefined,
  facts: MessageFacts,
  timeZone: string,
): RenderedMessage {
  const language = languageOf(languageTag);
  const template = CATALOG[language][kind];
  const name = greetingName(facts.name);
  const values = {
    name,
    hasName: name ? 'yes' : 'no',
    company: oneLine(facts.company),
    origin: oneLine(facts.origin),
    destination: oneLine(facts.destination),
    departure: formatDateTime(language, facts.departureAt, timeZone),
    previous: facts.previousDepartureAt ? formatDateTime(language, facts.previousDepartureAt, timeZone) : '',
    seats: facts.seats.join(', '),
    count: facts.seats.length,
    ref: facts.ref,
    link: facts.link,
    amount: facts.money ? formatMoney(language, facts.money) : '',
    expires: facts.expiresAt ? formatTime(language, facts.expiresAt, timeZone) : '',
    code: facts.code ?? '',
  };
  const text = format(language, template.sms, values);
  return {
    language,
    // The e-mail keeps the text as written; the SMS is in the GSM alphabet (one part for 160 characters, not 70).
    sms: toGsm7(text),
    subject: format(language, template.subject, values),
    emailText: `${format(language, template.greeting, values)}\n\n${text}\n\n— Busline`,
  };
}

/**
 * Writes a message that carries a code in `language`: a claim code (CLAIM_CODE, by SMS) or a password reset code
 * (PASSWORD_RESET, by e-mail): the code, and how many minutes it stays valid from `now` (a duration, so no time zone is
 * involved).
 */
export function renderCode(
  kind: 'CLAIM_CODE' | 'PASSWORD_RESET',
  languageTag: string | null | undefined,
  facts: { code: string; expiresAt: Date },
  now = new Date(),
): RenderedMessage {
  const language = languageOf(languageTag);
  const template = CATALOG[language][kind];
  const values = {
    code: facts.code,
    minutes: Math.max(1, Math.ceil((facts.expiresAt.getTime() - now.getTime()) / 60_000)),
  };
  const text = format(language, template.sms, values);
  return {
    language,
    sms: toGsm7(text),
    subject: format(language, template.subject, values),
    emailText: `${format(language, template.greeting, values)}\n\n${text}\n\n— Busline`,
  };
}

/** The short booking reference printed on tickets and messages: the booking id's first eight characters. */
export const bookingReference = (bookingId: string) => bookingId.slice(0, 8).toUpperCase();
