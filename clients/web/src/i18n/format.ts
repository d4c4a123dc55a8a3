import type { TFunction } from 'i18next';
import { toMajor } from '../lib/money';
import type { Language } from './index';

/**
 * Dates, times, money and countdowns in the reader's language (Intl). Times are shown in the trip's IANA
 * zone, Kigali's by default, whatever the browser's zone: that is where the buses run.
 *
 * Kinyarwanda: Node's full ICU knows `rw`, but Chromium ships a reduced ICU without it, and Intl would then
 * fall back silently to the browser's own locale (English words). So when `rw` is not supported, dates use
 * the `en-GB` layout (day before month, 24-hour clock) with the weekday and month names replaced by the
 * Kinyarwanda ones from locales/rw/common.json (`calendar.*`, CLDR's own names), and numbers use `en-RW`
 * ("RWF 2,000"). Relative countdowns are always written from our own Kinyarwanda texts (`relative.*`): even
 * full ICU has only "+5 min" for rw.
 */
export const DEFAULT_TIME_ZONE = 'Africa/Kigali';

/** The Intl locales of each language: for dates and for numbers. */
const LOCALES: Record<Language, { date: string; number: string }> = {
  en: { date: 'en-GB', number: 'en-RW' },
  fr: { date: 'fr-RW', number: 'fr-RW' },
  sw: { date: 'sw', number: 'sw' },
  rw: { date: 'rw-RW', number: 'rw-RW' },
};

const supported = (locale: string) => {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0;
  } catch {
    return false;
  }
};

export type Money = { amount: number; currency: string };

export interface Formatters {
  /** The Intl locale used for numbers, for callers that format their own (e.g. counts). */
  locale: string;
  money(money: Money): string;
  number(value: number): string;
  /** Weekday, day and month, e.g. "Thu 4 Dec", "jeu. 4 déc.", "Kan. 4 Uku.". */
  date(iso: string, timeZone?: string | null): string;
  /** Hours and minutes, 24-hour clock. */
  time(iso: string, timeZone?: string | null): string;
  dateTime(iso: string, timeZone?: string | null): string;
  /** A trip's length, e.g. "2 h 05 min". */
  duration(fromIso: string, toIso: string): string;
  /** "in 5 minutes", "dans 5 minutes", "mu minota 5": the largest whole unit of the time left (or past). */
  relative(milliseconds: number): string;
}

const DATE: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short' };
const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };

export function formatters(language: Language, t: TFunction): Formatters {
  const locales = LOCALES[language];
  const ownNames = language === 'rw' && !supported(locales.date);
  const dateLocale = ownNames ? 'en-GB' : locales.date;
  const numberLocale = supported(locales.number) ? locales.number : LOCALES.en.number;
  const zone = (timeZone?: string | null) => timeZone || DEFAULT_TIME_ZONE;

  const names = (key: string): string[] => {
    const value = t(`common:${key}`, { returnObjects: true }) as unknown;
    return Array.isArray(value) ? (value as string[]) : [];
  };

  /** Intl's parts, with weekday and month names swapped for our own when Intl lacks the language. */
  function formatDate(iso: string, options: Intl.DateTimeFormatOptions, timeZone?: string | null): string {
    const date = new Date(iso);
    const format = new Intl.DateTimeFormat(dateLocale, { ...options, timeZone: zone(timeZone) });
    if (!ownNames) return format.format(date);
    const numeric = new Intl.DateTimeFormat('en-US', { weekday: 'short', month: 'numeric', timeZone: zone(timeZone) });
    const parts = numeric.formatToParts(date);
    const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(
      parts.find((p) => p.type === 'weekday')?.value ?? '',
    );
    const month = Number(parts.find((p) => p.type === 'month')?.value ?? '1') - 1;
    const weekdays = names(options.weekday === 'long' ? 'calendar.weekdays' : 'calendar.weekdaysShort');
    const months = names(options.month === 'long' ? 'calendar.months' : 'calendar.monthsShort');
    return format
      .formatToParts(date)
      .map((part) => {
        if (part.type === 'weekday') return weekdays[weekday] ?? part.value;
        if (part.type === 'month' && options.month !== 'numeric' && options.month !== '2-digit')
          return months[month] ?? part.value;
        return part.value;
      })
      .join('');
  }

  const relative = (milliseconds: number): string => {
    const seconds = Math.round(milliseconds / 1000);
    const size = Math.abs(seconds);
    const [value, unit]: [number, Intl.RelativeTimeFormatUnit] =
      size < 60
        ? [seconds, 'second']
        : size < 3600
          ? [Math.round(seconds / 60), 'minute']
          : size < 86_400
            ? [Math.round(seconds / 3600), 'hour']
            : [Math.round(seconds / 86_400), 'day'];
    if (language === 'rw')
      return t(`common:relative.${value < 0 ? 'past' : 'future'}.${unit}`, { count: Math.abs(value) });
    return new Intl.RelativeTimeFormat(locales.date, { numeric: 'always' }).format(value, unit);
  };

  return {
    locale: numberLocale,
    money: ({ amount, currency }) =>
      // Amounts are minor units (docs/events.md): RWF has none, KES cents.
      new Intl.NumberFormat(numberLocale, { style: 'currency', currency, currencyDisplay: 'code' }).format(
        toMajor(amount, currency),
      ),
    number: (value) => new Intl.NumberFormat(numberLocale).format(value),
    date: (iso, timeZone) => formatDate(iso, DATE, timeZone),
    time: (iso, timeZone) => formatDate(iso, TIME, timeZone),
    dateTime: (iso, timeZone) => formatDate(iso, { ...DATE, ...TIME }, timeZone),
    duration: (fromIso, toIso) => {
      const minutes = Math.round((new Date(toIso).getTime() - new Date(fromIso).getTime()) / 60_000);
      return t('common:duration', { hours: Math.floor(minutes / 60), minutes: String(minutes % 60).padStart(2, '0') });
    },
    relative,
  };
}
