import type { ReactNode } from 'react';
import { errorTexts, useT } from '../i18n';

/**
 * What went wrong, in the reader's language: translated from each error's `extensions.code` and `reason`
 * (src/i18n/errors.ts; English readers get the server's own words), or a generic line for network trouble.
 */
export function ErrorNote({ error }: { error: unknown }) {
  const { t, language } = useT('errors');
  const messages = errorTexts(error, t, language);
  return (
    <div className="note error" role="alert">
      {messages.map((m) => (
        <div key={m}>{m}</div>
      ))}
    </div>
  );
}

export function Loading({ label }: { label?: string }) {
  const { t } = useT();
  return (
    <div className="loading" role="status">
      <span className="spinner" aria-hidden /> {label ?? t('loading')}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}

const TONES: Record<string, string> = {
  AVAILABLE: 'ok',
  CONFIRMED: 'ok',
  SUCCEEDED: 'ok',
  VALID: 'ok',
  BOARDED: 'ok',
  SCHEDULED: 'info',
  ARRIVED: 'ok',
  HELD: 'warn',
  PENDING_PAYMENT: 'warn',
  PENDING: 'warn',
  BOARDING: 'warn',
  DEPARTED: 'info',
  ALREADY_BOARDED: 'warn',
  SENT: 'ok',
  RETRYING: 'warn',
  CANCELLED: 'bad',
  EXPIRED: 'bad',
  FAILED: 'bad',
  REFUNDED: 'muted',
  INVALID: 'bad',
  WRONG_TRIP: 'bad',
  REVOKED: 'bad',
  SOLD: 'muted',
  CLOSED: 'muted',
};

/** A coloured status pill in the reader's language; the raw enum value stays in data-status for tests and scripts. */
export function StatusBadge({ status, label }: { status: string; label?: string }) {
  const { t } = useT();
  return (
    <span className={`badge ${TONES[status] ?? 'info'}`} data-status={status}>
      {label ?? t(`status.${status}`, { defaultValue: status.replace(/_/g, ' ').toLowerCase() })}
    </span>
  );
}
