import i18next, { type Resource, type TFunction } from 'i18next';
import { useMemo } from 'react';
import { initReactI18next, useTranslation } from 'react-i18next';
import { formatters, type Formatters } from './format';

/**
 * The client's languages and their texts (i18next + react-i18next).
 *
 * Texts live in `locales/<language>/<namespace>.json`, one namespace per area of the app (common, errors,
 * signin, passenger, driver, company, admin, …). They are bundled eagerly through `import.meta.glob`, so a
 * namespace file added next to the others is picked up without touching this file; `en` is the reference
 * every other language must match key for key (src/i18n/locales.unit.test.ts).
 *
 * Which language: the signed-in user's `Profile.language` (applied at sign-in, see applyProfileLanguage),
 * else the choice stored in this browser, else the browser's `navigator.languages`, else English.
 */
export const LANGUAGES = ['rw', 'sw', 'fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'en';

/** Each language's name in itself, for the switcher. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  rw: 'Ikinyarwanda',
  sw: 'Kiswahili',
  fr: 'Français',
  en: 'English',
};

const STORAGE_KEY = 'busline.language';

const files = import.meta.glob<Record<string, unknown>>('./locales/*/*.json', { eager: true, import: 'default' });

/** `{ en: { common: {...}, errors: {...} }, fr: {...} }` from the files found at build time. */
export const resources: Resource = {};
for (const [path, messages] of Object.entries(files)) {
  const [, language, namespace] = /\.\/locales\/([^/]+)\/([^/]+)\.json$/.exec(path) ?? [];
  if (!language || !namespace) continue;
  (resources[language] ??= {})[namespace] = messages;
}
export const NAMESPACES = Object.keys(resources[DEFAULT_LANGUAGE] ?? {});

/** `fr-CA` → `fr`; anything we do not speak → undefined. */
export function toLanguage(tag: string | null | undefined): Language | undefined {
  const base = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return LANGUAGES.find((language) => language === base);
}

function storage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined; // Storage disabled (privacy settings): the choice lasts for the page only.
  }
}

/** The stored choice, else the first browser language we speak, else English. */
export function detectLanguage(): Language {
  const stored = toLanguage(storage()?.getItem(STORAGE_KEY));
  if (stored) return stored;
  const browser = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
  for (const tag of browser) {
    const language = toLanguage(tag);
    if (language) return language;
  }
  return DEFAULT_LANGUAGE;
}

function reflect(language: string) {
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}

void i18next.use(initReactI18next).init({
  resources,
  lng: detectLanguage(),
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  ns: NAMESPACES,
  defaultNS: 'common',
  // Resources are bundled: initialise synchronously so the first render is already translated.
  initAsync: false,
  // React escapes what it renders.
  interpolation: { escapeValue: false },
  returnNull: false,
  // No sponsor notice in the console.
  showSupportNotice: false,
});
reflect(i18next.language);
i18next.on('languageChanged', reflect);

export const i18n = i18next;

/** The language in use (one of LANGUAGES). */
export const currentLanguage = (): Language => toLanguage(i18next.language) ?? DEFAULT_LANGUAGE;

/** Switches the whole app and remembers the choice in this browser. */
export async function setLanguage(language: Language): Promise<void> {
  storage()?.setItem(STORAGE_KEY, language);
  if (i18next.language !== language) await i18next.changeLanguage(language);
}

/** At sign-in: the profile's language wins when it is one we speak (its default is `en`). */
export async function applyProfileLanguage(tag: string | null | undefined): Promise<void> {
  const language = toLanguage(tag);
  if (language) await setLanguage(language);
}

/**
 * Texts of one namespace (`t('key')`, or `t('common:key')` for another one) plus the formatters of the
 * current language: `fmt.money`, `fmt.date`, `fmt.time`, `fmt.dateTime`, `fmt.duration`, `fmt.relative`.
 */
export function useT(namespace: string | string[] = 'common'): {
  t: TFunction;
  language: Language;
  fmt: Formatters;
} {
  const { t, i18n: instance } = useTranslation(namespace);
  const language = toLanguage(instance.language) ?? DEFAULT_LANGUAGE;
  const fmt = useMemo(() => formatters(language, t), [language, t]);
  return { t, language, fmt };
}

export { errorText, errorTexts } from './errors';
