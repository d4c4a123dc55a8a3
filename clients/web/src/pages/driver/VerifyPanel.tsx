import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { graphql } from '../../gql';
import { ErrorNote, StatusBadge } from '../../components/feedback';
import { useT } from '../../i18n';
import { TRIP_MANIFEST } from './Manifest';
import { QrScanner } from './QrScanner';

const VERIFY = graphql(`
  mutation VerifyTicket($token: String!, $tripId: ID, $stop: Int) {
    verifyTicket(token: $token, tripId: $tripId, stop: $stop) {
      result
      boardedAt
      seatNumber
      passengerName
      tripId
      boardingOpensAt
      boardingStopName
      alightingStopName
    }
  }
`);

/** A stop of the trip being boarded. */
interface Stop {
  order: number;
  name: string;
  city: string;
}

export function VerifyPanel({
  tripId,
  tripLabel,
  stops = [],
  timeZone = null,
}: {
  tripId: string | null;
  tripLabel: string | null;
  stops?: Stop[];
  /** The trip's IANA zone for the times shown (Kigali's when checking against any trip). */
  timeZone?: string | null;
}) {
  const { t, fmt } = useT('driver');
  const [token, setToken] = useState('');
  // Where the bus is: passes boarding at another stop are refused (the first stop until the driver says otherwise).
  const [stop, setStop] = useState(0);
  const [verify, { data, loading, error, reset }] = useMutation(VERIFY, {
    refetchQueries: tripId ? [{ query: TRIP_MANIFEST, variables: { tripId } }] : [],
  });

  async function check(value: string) {
    if (!value.trim()) return;
    await verify({ variables: { token: value.trim(), tripId, stop: tripId ? stop : null } }).catch(() => undefined);
    setToken('');
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void check(token);
  };
  const result = data?.verifyTicket;

  return (
    <section className="card" aria-label={t('verify.title')}>
      <h2>{t('verify.title')}</h2>
      <p className="muted small">{tripLabel ? t('verify.against', { trip: tripLabel }) : t('verify.againstAny')}</p>
      <form onSubmit={submit} className="verify-form">
        {tripId && stops.length > 0 && (
          <label>
            {t('verify.boardingAt')}
            <select name="stop" value={stop} onChange={(e) => (setStop(Number(e.target.value)), reset())}>
              {stops
                .filter((s) => s.order < stops[stops.length - 1]!.order)
                .map((s) => (
                  <option key={s.order} value={s.order}>
                    {s.name} ({s.city})
                  </option>
                ))}
            </select>
          </label>
        )}
        <label>
          {t('verify.code')}
          <textarea
            name="token"
            rows={3}
            placeholder={t('verify.placeholder')}
            value={token}
            onChange={(e) => (setToken(e.target.value), reset())}
          />
        </label>
        <div className="row">
          <QrScanner onToken={(value) => void check(value)} />
          <button className="button primary" type="submit" disabled={loading || !token.trim()}>
            {loading ? t('verify.checking') : t('verify.check')}
          </button>
        </div>
      </form>
      {error && <ErrorNote error={error} />}
      {result && (
        <div
          className={`verdict ${result.result === 'VALID' ? 'ok' : 'bad'}`}
          role="status"
          data-testid="verify-result"
          data-result={result.result}
        >
          <StatusBadge status={result.result} />
          <p>
            {t(`verify.result.${result.result}`, { defaultValue: '' })}
            {result.boardingOpensAt && (
              <span> {t('verify.opensAt', { time: fmt.time(result.boardingOpensAt, timeZone) })}</span>
            )}
          </p>
          {result.passengerName && (
            <p>
              <strong>{result.passengerName}</strong> · {t('verify.seat')} <strong>{result.seatNumber}</strong>
              {result.boardedAt && (
                <span className="muted">
                  {' '}
                  · {t('verify.boardedAt', { time: fmt.time(result.boardedAt, timeZone) })}
                </span>
              )}
            </p>
          )}
          {result.boardingStopName && (
            <p className="muted small" data-testid="verify-segment">
              {result.boardingStopName} → {result.alightingStopName ?? t('verify.endOfLine')}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
