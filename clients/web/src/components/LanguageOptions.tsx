import { LANGUAGE_NAMES, LANGUAGES } from '../i18n';

/** The client's languages as a select's options, each name in its own language (and marked so). */
export function LanguageOptions() {
  return (
    <>
      {LANGUAGES.map((code) => (
        <option key={code} value={code} lang={code}>
          {LANGUAGE_NAMES[code]}
        </option>
      ))}
    </>
  );
}
