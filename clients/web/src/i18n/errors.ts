import { CombinedGraphQLErrors } from '@apollo/client/errors';
import type { TFunction } from 'i18next';

/**
 * What the reader is told about a failed request, in their language.
 *
 * The server's messages are English; its `extensions.code` (and `reason`, where the code has several
 * causes) are the stable contract. So a GraphQL error is looked up in locales/<language>/errors.json as
 * `reason.<REASON>`, then `code.<CODE>`. English readers get the server's own message instead: it is
 * already written for people and often names the exact problem. A `BAD_USER_INPUT` naming its `field` is
 * looked up as `field.<field>` before the code. An error the table does not know keeps the server's
 * message; network trouble is `network`, anything else `unknown`.
 */
export interface ErrorLike {
  message: string;
  extensions?: Record<string, unknown> | null;
}

export function errorText(error: ErrorLike, t: TFunction, language: string): string {
  const code = typeof error.extensions?.code === 'string' ? error.extensions.code : undefined;
  const reason = typeof error.extensions?.reason === 'string' ? error.extensions.reason : undefined;
  const field =
    code === 'BAD_USER_INPUT' && typeof error.extensions?.field === 'string' ? error.extensions.field : undefined;
  if (language === 'en' && error.message) return error.message;
  const options = { ...error.extensions, defaultValue: '' };
  const keys = [reason && `errors:reason.${reason}`, field && `errors:field.${field}`, code && `errors:code.${code}`];
  for (const key of keys.filter((k): k is string => Boolean(k))) {
    const text = t(key, options);
    if (text) return text;
  }
  return error.message || t('errors:unknown');
}

/** One line per error of a failed Apollo operation (or of anything thrown). */
export function errorTexts(error: unknown, t: TFunction, language: string): string[] {
  if (CombinedGraphQLErrors.is(error)) return error.errors.map((e) => errorText(e, t, language));
  if (error instanceof Error)
    return [/fetch|network/i.test(error.message) ? t('errors:network') : errorText(error, t, language)];
  return [String(error)];
}
