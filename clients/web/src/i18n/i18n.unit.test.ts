import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  applyProfileLanguage,
  currentLanguage,
  DEFAULT_LANGUAGE,
  detectLanguage,
  i18n,
  LANGUAGES,
  NAMESPACES,
  setLanguage,
  toLanguage,
} from './index';
import { errorText } from './errors';
import { formatters } from './format';

/** The i18n setup outside a browser: language tags, Intl formatting per language and translated errors. */
const at = (language: string) => i18n.getFixedT(language);
const departure = '2026-12-04T05:30:00.000Z'; // 07:30 in Kigali, a Friday

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

/** A browser's storage and languages, as far as the detection reads them. */
function browser(languages: string[], stored?: string) {
  const items = new Map(stored ? [['busline.language', stored]] : []);
  vi.stubGlobal('localStorage', {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  });
  vi.stubGlobal('navigator', { languages, language: languages[0] });
  return items;
}

describe('i18n setup', () => {
  it('loads every language with the namespaces found next to it', () => {
    expect(NAMESPACES).toEqual(expect.arrayContaining(['common', 'errors']));
    for (const language of LANGUAGES)
      for (const namespace of NAMESPACES) expect(i18n.hasResourceBundle(language, namespace)).toBe(true);
    expect(DEFAULT_LANGUAGE).toBe('en');
  });

  it('picks the stored choice, else the first browser language it speaks, else English', () => {
    browser(['de-DE', 'sw-KE', 'fr'], 'rw');
    expect(detectLanguage()).toBe('rw');
    browser(['de-DE', 'sw-KE', 'fr']);
    expect(detectLanguage()).toBe('sw');
    browser(['de-DE', 'ja']);
    expect(detectLanguage()).toBe('en');
    browser(['fr-FR'], 'klingon');
    expect(detectLanguage()).toBe('fr');
  });

  it("lets the signed-in user's profile language win, and remembers every switch in the browser", async () => {
    const stored = browser(['fr-FR'], 'sw');
    await applyProfileLanguage('rw-RW');
    expect(currentLanguage()).toBe('rw');
    expect(stored.get('busline.language')).toBe('rw');
    // A profile language the client does not speak changes nothing.
    await applyProfileLanguage('de');
    expect(currentLanguage()).toBe('rw');
    await setLanguage('fr');
    expect(stored.get('busline.language')).toBe('fr');
    expect(i18n.t('passenger:search.title')).toBe('Où voyagez-vous ?');
    await setLanguage('en');
  });

  it('maps language tags to the languages it speaks', () => {
    expect(toLanguage('fr-CA')).toBe('fr');
    expect(toLanguage('RW')).toBe('rw');
    expect(toLanguage('sw_KE')).toBe('sw');
    expect(toLanguage('de')).toBeUndefined();
    expect(toLanguage(null)).toBeUndefined();
  });
});

describe('formatters', () => {
  it('formats money per locale, without decimals for RWF', () => {
    expect(formatters('en', at('en')).money({ amount: 2000, currency: 'RWF' })).toMatch(/^RWF\s2,000$/);
    expect(formatters('fr', at('fr')).money({ amount: 2000, currency: 'RWF' })).toMatch(/^2\s000\sRWF$/);
    // Amounts are minor units: cents of USD and KES.
    expect(formatters('en', at('en')).money({ amount: 1250, currency: 'USD' })).toMatch(/^USD\s12.50$/);
    expect(formatters('en', at('en')).money({ amount: 150000, currency: 'KES' })).toMatch(/^KES\s1,500.00$/);
  });

  it('shows dates and times in Kigali time by default, or in the zone given', () => {
    const en = formatters('en', at('en'));
    expect(en.time(departure)).toBe('07:30');
    expect(en.time(departure, 'Africa/Nairobi')).toBe('08:30');
    expect(en.date(departure)).toBe('Fri 4 Dec');
    expect(formatters('fr', at('fr')).date(departure)).toBe('ven. 4 déc.');
    expect(formatters('fr', at('fr')).dateTime(departure)).toContain('07:30');
  });

  it("writes Kinyarwanda day and month names itself when Intl lacks rw (as Chromium's ICU does)", () => {
    const real = Intl.DateTimeFormat.supportedLocalesOf;
    vi.spyOn(Intl.DateTimeFormat, 'supportedLocalesOf').mockImplementation((locales, options) =>
      [locales ?? []].flat().some((l) => String(l).startsWith('rw')) ? [] : real(locales, options),
    );
    const rw = formatters('rw', at('rw'));
    expect(rw.date(departure)).toBe('gnu. 4 uku.');
    expect(rw.dateTime(departure)).toBe('gnu. 4 uku., 07:30');
    expect(rw.money({ amount: 2000, currency: 'RWF' })).toMatch(/^RWF\s2,000$/);
  });

  it('says durations and relative times in words of the language', () => {
    expect(formatters('en', at('en')).duration(departure, '2026-12-04T07:35:00.000Z')).toBe('2 h 05 min');
    expect(formatters('en', at('en')).relative(5 * 60_000)).toBe('in 5 minutes');
    expect(formatters('fr', at('fr')).relative(5 * 60_000)).toBe('dans 5 minutes');
    expect(formatters('sw', at('sw')).relative(30_000)).toBe('baada ya sekunde 30');
    expect(formatters('rw', at('rw')).relative(5 * 60_000)).toBe('mu minota 5');
    expect(formatters('rw', at('rw')).relative(-2 * 3_600_000)).toBe('hashize amasaha 2');
  });
});

describe('error messages', () => {
  const seatTaken = { message: 'Seat 3A is no longer available', extensions: { code: 'SEAT_UNAVAILABLE' } };

  it('translates by extensions.code, and by reason first when the code has several causes', () => {
    expect(errorText(seatTaken, at('fr'), 'fr')).toBe('Cette place vient d’être prise. Choisissez-en une autre.');
    const declined = { message: 'Declined', extensions: { code: 'PAYMENT_FAILED', reason: 'NOT_ENOUGH_FUNDS' } };
    expect(errorText(declined, at('sw'), 'sw')).toBe('Salio la akaunti hii ya pesa kwa simu halitoshi.');
    const other = { message: 'Declined', extensions: { code: 'PAYMENT_FAILED', reason: 'SOMETHING_NEW' } };
    expect(errorText(other, at('rw'), 'rw')).toBe('Kwishyura ntibyakunze.');
  });

  it('names the field of a BAD_USER_INPUT when the table knows it', () => {
    const phone = { message: 'phone must be…', extensions: { code: 'BAD_USER_INPUT', field: 'phone' } };
    expect(errorText(phone, at('fr'), 'fr')).toMatch(/^Ce numéro de téléphone n’est pas valide/);
    const other = { message: 'odd', extensions: { code: 'BAD_USER_INPUT', field: 'somethingElse' } };
    expect(errorText(other, at('fr'), 'fr')).toBe(
      'Certaines informations ne sont pas valides. Vérifiez-les et réessayez.',
    );
  });

  it("keeps the server's own words in English, and for codes the table does not know", () => {
    expect(errorText(seatTaken, at('en'), 'en')).toBe('Seat 3A is no longer available');
    expect(errorText({ message: 'Teapot', extensions: { code: 'I_AM_A_TEAPOT' } }, at('fr'), 'fr')).toBe('Teapot');
  });
});
