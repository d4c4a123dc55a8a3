import { CombinedGraphQLErrors } from '@apollo/client/errors';
import type { ReactNode } from 'react';

/** The server's messages (they are written for people), or a generic one for network trouble. */
export function ErrorNote({ error }: { error: unknown }) {
  let messages: string[];
  if (CombinedGraphQLErrors.is(error)) messages = error.errors.map((e) => e.message);
  else if (error instanceof Error)
    messages = [
      /fetch|network/i.test(error.message)
        ? 'Cannot reach Busline right now. Check your connection and try again.'
        : error.message,
    ];
  else messages = [String(error)];
  return (
    <div className="note error" role="alert">
      {messages.map((m) => (
        <div key={m}>{m}</div>
      ))}
    </div>
  );
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="loading" role="status">
      <span className="spinner" aria-hidden /> {label}
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
};

/** A coloured status pill; the raw enum value is kept in data-status for tests and scripts. */
export function StatusBadge({ status, label }: { status: string; label?: string }) {
  return (
    <span className={`badge ${TONES[status] ?? 'info'}`} data-status={status}>
      {label ?? status.replace(/_/g, ' ').toLowerCase()}
    </span>
  );
}
