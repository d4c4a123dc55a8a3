import { useMutation } from '@apollo/client/react';
import { useRef, useState, type FormEvent } from 'react';
import { LanguageOptions } from '../../components/LanguageOptions';
import { SeatChooser } from '../../components/SeatChooser';
import { StopPicker } from '../../components/StopPicker';
import { ErrorNote, Loading } from '../../components/feedback';
import { useT } from '../../i18n';
import { newIdempotencyKey } from '../../lib/format';
import { Link, navigate } from '../../lib/router';
import { HOLD_SEATS } from '../trip-documents';
import { useTripSeats } from '../useTripSeats';

/** Seats one walk-in passenger may buy at once: the server's per-booking limit decides, this only bounds the map. */
const MAX_SEATS = 10;

/**
 * Selling seats of one trip to a walk-in passenger: the stretch travelled, the seats on the map, the
 * passenger's name, phone and language (their tickets and messages go there), then a hold in their name
 * (holdSeats with `walkIn`). The next step, taking the money, is the checkout page.
 */
export function CounterTripPage({ tripId }: { tripId: string }) {
  const { t, fmt } = useT('counter');
  const { trip, loading, error, from, to, fare, stopAt, stations, choose, selected, setSelected } =
    useTripSeats(tripId);
  const [names, setNames] = useState<string[]>([]);
  const [walkIn, setWalkIn] = useState({ name: '', phone: '', language: 'rw', email: '' });
  const [hold, holding] = useMutation(HOLD_SEATS);
  // One key per sale, kept while the input stays the same: a retry after a timeout answers the booking
  // the first request made instead of finding the seats held by it (and the seller's limit used twice).
  const attempt = useRef<{ key: string; input: string } | null>(null);

  if (error) return <ErrorNote error={error} />;
  if (loading && !trip) return <Loading />;
  if (!trip || !fare) return <ErrorNote error={t('sale.tripMissing')} />;

  const toggle = (label: string) =>
    setSelected((current) =>
      current.includes(label)
        ? current.filter((l) => l !== label)
        : current.length >= MAX_SEATS
          ? current
          : [...current, label],
    );
  // Every seat travels under the walk-in passenger's name unless another one is typed for it.
  const nameFor = (i: number) => names[i] || walkIn.name;
  const set = (field: keyof typeof walkIn) => (value: string) => setWalkIn((w) => ({ ...w, [field]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input = {
      tripId,
      seats: selected,
      passengers: selected.map((_, i) => ({ name: nameFor(i).trim() })),
      boardingStop: from,
      alightingStop: to,
      ...stations,
      walkIn: {
        name: walkIn.name.trim(),
        phone: walkIn.phone.trim(),
        language: walkIn.language,
        ...(walkIn.email.trim() ? { email: walkIn.email.trim() } : {}),
      },
    };
    const fingerprint = JSON.stringify(input);
    if (attempt.current?.input !== fingerprint) attempt.current = { key: newIdempotencyKey(), input: fingerprint };
    const result = await hold({ variables: { input, idempotencyKey: attempt.current.key } }).catch(() => undefined);
    if (result?.data) navigate(`/counter/bookings/${result.data.holdSeats.id}`);
  }

  const departs = stopAt(from)?.departsAt ?? trip.departureAt;
  return (
    <div className="page">
      <Link to="/counter" className="back" onClick={(e) => (e.preventDefault(), window.history.back())}>
        ← {t('sale.backToTrips')}
      </Link>
      <header className="page-header">
        <h1>
          {stopAt(from)?.name ?? trip.route.origin.name} → {stopAt(to)?.name ?? trip.route.destination.name}
        </h1>
        <p className="muted">
          {trip.company.name} · {fmt.dateTime(departs, trip.timeZone)} · {trip.bus.plateNumber} · {trip.bus.model}
        </p>
      </header>
      <SeatChooser
        mapHeading={t('sale.pickSeats')}
        decks={trip.bus.seatLayout.decks}
        seats={trip.seatMap}
        selected={selected}
        onToggle={toggle}
        formLabel={t('sale.holdLabel')}
        formHeading={t('sale.walkIn')}
        onSubmit={submit}
      >
        <StopPicker
          stops={trip.stops}
          from={from}
          to={to}
          onChoose={choose}
          boardAt={t('sale.boardAt')}
          getOffAt={t('sale.getOffAt')}
        />
        <label>
          {t('sale.name')}
          <input
            name="walk-in-name"
            required
            maxLength={120}
            autoComplete="off"
            value={walkIn.name}
            onChange={(e) => set('name')(e.target.value)}
          />
        </label>
        <label>
          {t('sale.phone')}
          <input
            name="walk-in-phone"
            type="tel"
            inputMode="tel"
            required
            placeholder="0788 123 456"
            autoComplete="off"
            value={walkIn.phone}
            onChange={(e) => set('phone')(e.target.value)}
          />
        </label>
        <label>
          {t('sale.language')}
          <select name="walk-in-language" value={walkIn.language} onChange={(e) => set('language')(e.target.value)}>
            <LanguageOptions />
          </select>
        </label>
        <label>
          {t('sale.email')}
          <input
            name="walk-in-email"
            type="email"
            autoComplete="off"
            value={walkIn.email}
            onChange={(e) => set('email')(e.target.value)}
          />
        </label>
        <dl className="facts">
          <dt>{t('sale.seatsFree')}</dt>
          <dd>{trip.availableSeats}</dd>
          <dt>{t('sale.pricePerSeat')}</dt>
          <dd data-testid="counter-fare">{fmt.money(fare)}</dd>
          <dt>{t('sale.selected')}</dt>
          <dd data-testid="selected-seats">{selected.length ? selected.join(', ') : '—'}</dd>
        </dl>
        {selected.length > 1 &&
          selected.map((label, i) => (
            <label key={label}>
              {t('sale.passengerOnSeat', { seat: label })}
              <input
                name={`passenger-${i}`}
                placeholder={walkIn.name}
                value={names[i] ?? ''}
                onChange={(e) => setNames((n) => Object.assign([...n], { [i]: e.target.value }))}
              />
            </label>
          ))}
        <div className="total">
          <span>{t('sale.total')}</span>
          <strong data-testid="counter-total">
            {fmt.money({ amount: fare.amount * selected.length, currency: fare.currency })}
          </strong>
        </div>
        {holding.error && <ErrorNote error={holding.error} />}
        <button className="button primary wide" type="submit" disabled={selected.length === 0 || holding.loading}>
          {holding.loading ? t('sale.holding') : t('sale.hold', { count: selected.length })}
        </button>
        <p className="muted small">{t('sale.holdNote')}</p>
      </SeatChooser>
    </div>
  );
}
