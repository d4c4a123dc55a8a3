import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { SeatMap } from '../../components/SeatMap';
import { ErrorNote, Loading } from '../../components/feedback';
import { useT } from '../../i18n';
import { newIdempotencyKey } from '../../lib/format';
import { Link, navigate, useLocation } from '../../lib/router';
import { useSession } from '../../lib/session';
import { HOLD_SEATS, TRIP_SEATS, TRIP_SEATS_CHANGED } from '../trip-documents';

export function TripPage({ tripId }: { tripId: string }) {
  const { query, path } = useLocation();
  const { session } = useSession();
  const { t, fmt } = useT('passenger');
  const wanted = Math.max(1, Number(query.get('pax') ?? 1));
  // The stretch travelled (stop orders): from the search, or chosen here; the whole route until then.
  const stop = (name: string) =>
    query.has(name) && Number.isInteger(Number(query.get(name))) ? Number(query.get(name)) : null;
  const [boardingStop, setBoardingStop] = useState<number | null>(stop('from'));
  const [alightingStop, setAlightingStop] = useState<number | null>(stop('to'));
  const segment = { boardingStop, alightingStop };
  const { data, previousData, loading, error } = useQuery(TRIP_SEATS, { variables: { id: tripId, ...segment } });
  // Other passengers' holds and sales arrive live; the normalised cache updates the map in place.
  useSubscription(TRIP_SEATS_CHANGED, { variables: { tripId, ...segment } });
  const [selected, setSelected] = useState<string[]>([]);
  const [names, setNames] = useState<string[]>([]);
  const [hold, holding] = useMutation(HOLD_SEATS);
  // One key per hold attempt, kept while the input stays the same: a retry after a timeout gets the
  // booking the first request may have made instead of finding the seats held by it.
  const attempt = useRef<{ key: string; input: string } | null>(null);

  // While another stretch loads, keep showing the last one rather than a spinner.
  const trip = data?.trip ?? previousData?.trip;
  // A seat someone else just took drops out of the selection.
  useEffect(() => {
    if (!trip) return;
    const free = new Set(trip.seatMap.filter((s) => s.state === 'AVAILABLE').map((s) => s.label));
    setSelected((current) =>
      current.every((label) => free.has(label)) ? current : current.filter((label) => free.has(label)),
    );
  }, [trip]);

  if (error) return <ErrorNote error={error} />;
  if (loading && !trip) return <Loading label={t('trip.loading')} />;
  if (!trip) return <ErrorNote error={t('trip.missing')} />;

  const toggle = (label: string) =>
    setSelected((current) =>
      current.includes(label)
        ? current.filter((l) => l !== label)
        : current.length >= wanted
          ? [...current.slice(1), label]
          : [...current, label],
    );
  const nameFor = (i: number) => names[i] ?? (i === 0 ? (session?.user.fullName ?? '') : '');
  const stops = trip.stops;
  const first = stops[0]?.order ?? 0;
  const last = stops[stops.length - 1]?.order ?? 0;
  const from = boardingStop ?? first;
  const to = alightingStop ?? last;
  const fare = trip.fares.find((f) => f.boardingStop === from && f.alightingStop === to)?.price ?? trip.price;
  const stopAt = (order: number) => stops.find((s) => s.order === order);
  const choose = (which: 'from' | 'to', order: number) => {
    const [nextFrom, nextTo] = which === 'from' ? [order, Math.max(to, order + 1)] : [Math.min(from, order - 1), order];
    setBoardingStop(nextFrom);
    setAlightingStop(nextTo);
    setSelected([]);
    navigate(`${path}?${new URLSearchParams({ pax: String(wanted), from: String(nextFrom), to: String(nextTo) })}`, {
      replace: true,
    });
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const passengers = selected.map((_, i) => ({ name: nameFor(i).trim() }));
    const input = {
      tripId,
      seats: selected,
      passengers,
      ...(boardingStop !== null ? { boardingStop } : {}),
      ...(alightingStop !== null ? { alightingStop } : {}),
    };
    const fingerprint = JSON.stringify(input);
    if (attempt.current?.input !== fingerprint) attempt.current = { key: newIdempotencyKey(), input: fingerprint };
    const result = await hold({ variables: { input, idempotencyKey: attempt.current.key } }).catch(() => undefined);
    if (result?.data) navigate(`/bookings/${result.data.holdSeats.id}`);
  }

  return (
    <div className="page">
      <Link to="/" className="back" onClick={(e) => (e.preventDefault(), window.history.back())}>
        ← {t('trip.back')}
      </Link>
      <header className="page-header">
        <h1>
          {stopAt(from)?.name ?? trip.route.origin.name} → {stopAt(to)?.name ?? trip.route.destination.name}
        </h1>
        <p className="muted">
          {trip.company.name} · {fmt.dateTime(stopAt(from)?.departsAt ?? trip.departureAt, trip.timeZone)} ·{' '}
          {fmt.duration(stopAt(from)?.departsAt ?? trip.departureAt, stopAt(to)?.departsAt ?? trip.arrivalAt)} ·{' '}
          {trip.bus.model}
        </p>
      </header>
      <div className="two-col">
        <div className="card">
          <h2>{t('trip.choose', { count: wanted })}</h2>
          <SeatMap decks={trip.bus.seatLayout.decks} seats={trip.seatMap} selected={selected} onToggle={toggle} />
        </div>
        <form className="card summary" onSubmit={submit} aria-label={t('trip.holdLabel')}>
          <h2>{t('trip.yourTrip')}</h2>
          {stops.length > 2 && (
            <div className="row">
              <label>
                {t('trip.boardAt')}
                <select name="boarding-stop" value={from} onChange={(e) => choose('from', Number(e.target.value))}>
                  {stops.slice(0, -1).map((s) => (
                    <option key={s.order} value={s.order}>
                      {s.name}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('trip.getOffAt')}
                <select name="alighting-stop" value={to} onChange={(e) => choose('to', Number(e.target.value))}>
                  {stops.slice(1).map((s) => (
                    <option key={s.order} value={s.order}>
                      {s.name}
                    </option>
                  ))}
                </select>
              </label>
            </div>
          )}
          <dl className="facts">
            <dt>{t('trip.seatsLeft')}</dt>
            <dd>{trip.availableSeats}</dd>
            <dt>{t('trip.pricePerSeat')}</dt>
            <dd data-testid="segment-fare">{fmt.money(fare)}</dd>
            <dt>{t('trip.selected')}</dt>
            <dd data-testid="selected-seats">{selected.length ? selected.join(', ') : '—'}</dd>
          </dl>
          {selected.map((label, i) => (
            <label key={label}>
              {t('trip.passengerOnSeat', { seat: label })}
              <input
                name={`passenger-${i}`}
                required
                value={nameFor(i)}
                onChange={(e) => setNames((n) => Object.assign([...n], { [i]: e.target.value }))}
              />
            </label>
          ))}
          <div className="total">
            <span>{t('trip.total')}</span>
            <strong>{fmt.money({ amount: fare.amount * selected.length, currency: fare.currency })}</strong>
          </div>
          {holding.error && <ErrorNote error={holding.error} />}
          {session ? (
            <button
              className="button primary wide"
              type="submit"
              disabled={selected.length !== wanted || holding.loading}
            >
              {holding.loading
                ? t('trip.holding')
                : selected.length === wanted
                  ? t('trip.hold')
                  : t('trip.pickMore', { count: wanted - selected.length })}
            </button>
          ) : (
            <Link className="button primary wide" to={`/signin?next=${encodeURIComponent(`${path}?pax=${wanted}`)}`}>
              {t('trip.signInToHold')}
            </Link>
          )}
          <p className="muted small">{t('trip.holdNote')}</p>
        </form>
      </div>
    </div>
  );
}
