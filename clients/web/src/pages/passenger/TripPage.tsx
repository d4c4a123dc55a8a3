import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { graphql } from '../../gql';
import { SeatMap } from '../../components/SeatMap';
import { ErrorNote, Loading } from '../../components/feedback';
import { formatDateTime, formatDuration, formatMoney, newIdempotencyKey } from '../../lib/format';
import { Link, navigate, useLocation } from '../../lib/router';
import { useSession } from '../../lib/session';

const TRIP = graphql(`
  query TripSeats($id: ID!) {
    trip(id: $id) {
      id
      departureAt
      arrivalAt
      status
      availableSeats
      price {
        amount
        currency
      }
      company {
        id
        name
      }
      route {
        id
        name
        origin {
          id
          name
        }
        destination {
          id
          name
        }
      }
      bus {
        id
        model
        seatLayout {
          decks {
            deck
            rows
            firstRow
            columns
            aisleAfter
          }
        }
      }
      seatMap {
        label
        deck
        row
        column
        state
      }
    }
  }
`);

const SEATS_CHANGED = graphql(`
  subscription TripSeatsChanged($tripId: ID!) {
    tripSeatsChanged(tripId: $tripId) {
      id
      availableSeats
      seatMap {
        label
        deck
        row
        column
        state
      }
    }
  }
`);

const HOLD = graphql(`
  mutation HoldSeats($input: HoldSeatsInput!, $idempotencyKey: String) {
    holdSeats(input: $input, idempotencyKey: $idempotencyKey) {
      id
      status
      expiresAt
    }
  }
`);

export function TripPage({ tripId }: { tripId: string }) {
  const { query, path } = useLocation();
  const { session } = useSession();
  const wanted = Math.max(1, Number(query.get('pax') ?? 1));
  const { data, loading, error } = useQuery(TRIP, { variables: { id: tripId } });
  // Other passengers' holds and sales arrive live; the normalised cache updates the map in place.
  useSubscription(SEATS_CHANGED, { variables: { tripId } });
  const [selected, setSelected] = useState<string[]>([]);
  const [names, setNames] = useState<string[]>([]);
  const [hold, holding] = useMutation(HOLD);
  // One key per hold attempt, kept while the input stays the same: a retry after a timeout gets the
  // booking the first request may have made instead of finding the seats held by it.
  const attempt = useRef<{ key: string; input: string } | null>(null);

  const trip = data?.trip;
  // A seat someone else just took drops out of the selection.
  useEffect(() => {
    if (!trip) return;
    const free = new Set(trip.seatMap.filter((s) => s.state === 'AVAILABLE').map((s) => s.label));
    setSelected((current) => (current.every((label) => free.has(label)) ? current : current.filter((label) => free.has(label))));
  }, [trip]);

  if (error) return <ErrorNote error={error} />;
  if (loading && !trip) return <Loading label="Loading seats…" />;
  if (!trip) return <ErrorNote error="This trip does not exist." />;

  const toggle = (label: string) =>
    setSelected((current) => (current.includes(label) ? current.filter((l) => l !== label) : current.length >= wanted ? [...current.slice(1), label] : [...current, label]));
  const nameFor = (i: number) => names[i] ?? (i === 0 ? session?.user.fullName ?? '' : '');

  async function submit(event: FormEvent) {
    event.preventDefault();
    const passengers = selected.map((_, i) => ({ name: nameFor(i).trim() }));
    const input = { tripId, seats: selected, passengers };
    const fingerprint = JSON.stringify(input);
    if (attempt.current?.input !== fingerprint) attempt.current = { key: newIdempotencyKey(), input: fingerprint };
    const result = await hold({ variables: { input, idempotencyKey: attempt.current.key } }).catch(() => undefined);
    if (result?.data) navigate(`/bookings/${result.data.holdSeats.id}`);
  }

  return (
    <div className="page">
      <Link to="/" className="back" onClick={(e) => (e.preventDefault(), window.history.back())}>
        ← Back to results
      </Link>
      <header className="page-header">
        <h1>
          {trip.route.origin.name} → {trip.route.destination.name}
        </h1>
        <p className="muted">
          {trip.company.name} · {formatDateTime(trip.departureAt)} · {formatDuration(trip.departureAt, trip.arrivalAt)} · {trip.bus.model}
        </p>
      </header>
      <div className="two-col">
        <div className="card">
          <h2>Choose {wanted > 1 ? `${wanted} seats` : 'your seat'}</h2>
          <SeatMap decks={trip.bus.seatLayout.decks} seats={trip.seatMap} selected={selected} onToggle={toggle} />
        </div>
        <form className="card summary" onSubmit={submit} aria-label="Hold seats">
          <h2>Your trip</h2>
          <dl className="facts">
            <dt>Seats left</dt>
            <dd>{trip.availableSeats}</dd>
            <dt>Price per seat</dt>
            <dd>{formatMoney(trip.price)}</dd>
            <dt>Selected</dt>
            <dd data-testid="selected-seats">{selected.length ? selected.join(', ') : '—'}</dd>
          </dl>
          {selected.map((label, i) => (
            <label key={label}>
              Passenger on seat {label}
              <input name={`passenger-${i}`} required value={nameFor(i)} onChange={(e) => setNames((n) => Object.assign([...n], { [i]: e.target.value }))} />
            </label>
          ))}
          <div className="total">
            <span>Total</span>
            <strong>{formatMoney({ amount: trip.price.amount * selected.length, currency: trip.price.currency })}</strong>
          </div>
          {holding.error && <ErrorNote error={holding.error} />}
          {session ? (
            <button className="button primary wide" type="submit" disabled={selected.length !== wanted || holding.loading}>
              {holding.loading ? 'Holding…' : selected.length === wanted ? 'Hold seats for 10 minutes' : `Pick ${wanted - selected.length} more seat${wanted - selected.length > 1 ? 's' : ''}`}
            </button>
          ) : (
            <Link className="button primary wide" to={`/signin?next=${encodeURIComponent(`${path}?pax=${wanted}`)}`}>
              Sign in to hold seats
            </Link>
          )}
          <p className="muted small">Seats are held while you pay. Unpaid holds are released automatically.</p>
        </form>
      </div>
    </div>
  );
}
