import { useMutation } from '@apollo/client/react';
import { useRef, useState, type FormEvent } from 'react';
import { SeatChooser } from '../../components/SeatChooser';
import { StopPicker } from '../../components/StopPicker';
import { ErrorNote, Loading } from '../../components/feedback';
import { useT } from '../../i18n';
import { newIdempotencyKey } from '../../lib/format';
import { Link, navigate, useLocation } from '../../lib/router';
import { useSession } from '../../lib/session';
import { HOLD_SEATS } from '../trip-documents';
import { useTripSeats } from '../useTripSeats';

export function TripPage({ tripId }: { tripId: string }) {
  const { query, path } = useLocation();
  const { session } = useSession();
  const { t, fmt } = useT('passenger');
  const wanted = Math.max(1, Number(query.get('pax') ?? 1));
  const {
    trip,
    loading,
    error,
    boardingStop,
    alightingStop,
    from,
    to,
    fare,
    stopAt,
    stations,
    choose,
    selected,
    setSelected,
  } = useTripSeats(tripId, { pax: String(wanted) });
  const [names, setNames] = useState<string[]>([]);
  const [hold, holding] = useMutation(HOLD_SEATS);
  // One key per hold attempt, kept while the input stays the same: a retry after a timeout gets the
  // booking the first request may have made instead of finding the seats held by it.
  const attempt = useRef<{ key: string; input: string } | null>(null);

  if (error) return <ErrorNote error={error} />;
  if (loading && !trip) return <Loading label={t('trip.loading')} />;
  if (!trip || !fare) return <ErrorNote error={t('trip.missing')} />;

  const toggle = (label: string) =>
    setSelected((current) =>
      current.includes(label)
        ? current.filter((l) => l !== label)
        : current.length >= wanted
          ? [...current.slice(1), label]
          : [...current, label],
    );
  const nameFor = (i: number) => names[i] ?? (i === 0 ? (session?.user.fullName ?? '') : '');

  async function submit(event: FormEvent) {
    event.preventDefault();
    const passengers = selected.map((_, i) => ({ name: nameFor(i).trim() }));
    const input = {
      tripId,
      seats: selected,
      passengers,
      ...(boardingStop !== null ? { boardingStop } : {}),
      ...(alightingStop !== null ? { alightingStop } : {}),
      ...stations,
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
      <SeatChooser
        mapHeading={t('trip.choose', { count: wanted })}
        decks={trip.bus.seatLayout.decks}
        seats={trip.seatMap}
        selected={selected}
        onToggle={toggle}
        formLabel={t('trip.holdLabel')}
        formHeading={t('trip.yourTrip')}
        onSubmit={submit}
      >
        <StopPicker
          stops={trip.stops}
          from={from}
          to={to}
          onChoose={choose}
          boardAt={t('trip.boardAt')}
          getOffAt={t('trip.getOffAt')}
        />
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
      </SeatChooser>
    </div>
  );
}
