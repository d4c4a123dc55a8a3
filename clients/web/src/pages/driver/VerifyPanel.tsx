import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { graphql } from '../../gql';
import { ErrorNote, StatusBadge } from '../../components/feedback';
import { formatTime } from '../../lib/format';
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

const EXPLANATIONS: Record<string, string> = {
  VALID: 'Welcome aboard.',
  ALREADY_BOARDED: 'This pass was already used.',
  INVALID: 'Not a Busline pass. Do not let this passenger board.',
  EXPIRED: 'This pass is no longer valid.',
  WRONG_TRIP: 'This pass is for another trip.',
  WRONG_STOP: 'This passenger boards at another stop; nothing was recorded.',
  REVOKED: 'This booking was cancelled.',
  NOT_YET_BOARDING: 'Boarding has not opened yet for this trip; nothing was recorded.',
};

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
}: {
  tripId: string | null;
  tripLabel: string | null;
  stops?: Stop[];
}) {
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
    <section className="card" aria-label="Check a pass">
      <h2>Check a pass</h2>
      <p className="muted small">
        {tripLabel ? `Checking against ${tripLabel}.` : 'Checking against any trip of your company.'}
      </p>
      <form onSubmit={submit} className="verify-form">
        {tripId && stops.length > 0 && (
          <label>
            Boarding at
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
          Pass code
          <textarea
            name="token"
            rows={3}
            placeholder="Scan the QR code or paste the pass code"
            value={token}
            onChange={(e) => (setToken(e.target.value), reset())}
          />
        </label>
        <div className="row">
          <QrScanner onToken={(value) => void check(value)} />
          <button className="button primary" type="submit" disabled={loading || !token.trim()}>
            {loading ? 'Checking…' : 'Check pass'}
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
          <StatusBadge status={result.result} label={result.result.replace(/_/g, ' ')} />
          <p>
            {EXPLANATIONS[result.result]}
            {result.boardingOpensAt && <span> Boarding opens at {formatTime(result.boardingOpensAt)}.</span>}
          </p>
          {result.passengerName && (
            <p>
              <strong>{result.passengerName}</strong> · seat <strong>{result.seatNumber}</strong>
              {result.boardedAt && <span className="muted"> · boarded {formatTime(result.boardedAt)}</span>}
            </p>
          )}
          {result.boardingStopName && (
            <p className="muted small" data-testid="verify-segment">
              {result.boardingStopName} → {result.alightingStopName ?? 'end of the line'}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
