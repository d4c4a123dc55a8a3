import { useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Empty, ErrorNote, Loading } from '../../components/feedback';
import { useT } from '../../i18n';
import { kigaliDate } from '../../lib/format';
import { Link, navigate, useLocation } from '../../lib/router';
import { CITIES, SEARCH_TRIPS } from '../trip-documents';

export function SearchPage() {
  const { query } = useLocation();
  const searched = query.has('from') && query.has('to');
  const [from, setFrom] = useState(query.get('from') ?? 'Kigali');
  const [to, setTo] = useState(query.get('to') ?? 'Musanze');
  const [date, setDate] = useState(query.get('date') ?? kigaliDate(1));
  const [passengers, setPassengers] = useState(Number(query.get('pax') ?? 1));
  const { t } = useT('passenger');
  const cities = useQuery(CITIES);
  const cityNames = [...new Set(cities.data?.stations.edges.map((e) => e.node.city) ?? [from, to])].sort();

  function submit(event: FormEvent) {
    event.preventDefault();
    navigate(`/?${new URLSearchParams({ from, to, date, pax: String(passengers) })}`);
  }

  return (
    <div className="page">
      <section className="hero">
        <h1>{t('search.title')}</h1>
        <p>{t('search.intro')}</p>
        <form className="search-form card" onSubmit={submit} aria-label={t('search.formLabel')}>
          <label>
            {t('search.from')}
            <select name="origin" value={from} onChange={(e) => setFrom(e.target.value)}>
              {cityNames.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="swap"
            aria-label={t('search.swap')}
            onClick={() => (setFrom(to), setTo(from))}
          >
            ⇄
          </button>
          <label>
            {t('search.to')}
            <select name="destination" value={to} onChange={(e) => setTo(e.target.value)}>
              {cityNames.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </label>
          <label>
            {t('search.date')}
            <input
              name="date"
              type="date"
              min={kigaliDate(0)}
              required
              value={date}
              onChange={(e) => setDate(e.target.value)}
            />
          </label>
          <label>
            {t('search.passengers')}
            <input
              name="passengers"
              type="number"
              min={1}
              max={10}
              required
              value={passengers}
              onChange={(e) => setPassengers(Number(e.target.value))}
            />
          </label>
          <button className="button primary" type="submit">
            {t('search.submit')}
          </button>
        </form>
      </section>
      {searched && (
        <Results
          from={query.get('from')!}
          to={query.get('to')!}
          date={query.get('date') ?? kigaliDate(1)}
          passengers={Number(query.get('pax') ?? 1)}
        />
      )}
    </div>
  );
}

function Results({ from, to, date, passengers }: { from: string; to: string; date: string; passengers: number }) {
  const { t, fmt } = useT('passenger');
  const { data, loading, error } = useQuery(SEARCH_TRIPS, {
    variables: { input: { originCity: from, destinationCity: to, date, passengers } },
  });
  if (error) return <ErrorNote error={error} />;
  if (loading && !data) return <Loading label={t('search.finding')} />;
  const trips = data?.searchTrips ?? [];
  return (
    <section aria-label={t('search.results')} className="results">
      <h2>
        {from} → {to}{' '}
        <span className="muted">
          · {fmt.date(`${date}T12:00:00+02:00`)} · {t('search.passengerCount', { count: passengers })}
        </span>
      </h2>
      {trips.length === 0 && <Empty>{t('search.none', { count: passengers })}</Empty>}
      <ul className="trip-list">
        {trips.map((trip) => {
          // The passenger's own stretch: from the searched origin's stop to the destination's, at its fare.
          const segment = trip.searchedSegment;
          const leaves = segment?.boarding?.departsAt ?? trip.departureAt;
          const arrives = segment?.alighting?.departsAt ?? trip.arrivalAt;
          const stops = segment ? `&from=${segment.boardingStop}&to=${segment.alightingStop}` : '';
          return (
            <li key={trip.id} className="card trip-card" data-testid="trip-result">
              <div className="trip-times">
                <div>
                  <strong className="time">{fmt.time(leaves, trip.timeZone)}</strong>
                  <span className="muted small">{segment?.boarding?.name ?? trip.route.origin.name}</span>
                </div>
                <div className="duration muted small">
                  <span className="line" />
                  {fmt.duration(leaves, arrives)}
                </div>
                <div>
                  <strong className="time">{fmt.time(arrives, trip.timeZone)}</strong>
                  <span className="muted small">{segment?.alighting?.name ?? trip.route.destination.name}</span>
                </div>
              </div>
              <div className="trip-meta">
                <strong>{trip.company.name}</strong>
                <span className="muted small">
                  {trip.route.name} · {trip.bus.model}
                </span>
                {trip.bus.amenities.length > 0 && <span className="muted small">{trip.bus.amenities.join(' · ')}</span>}
              </div>
              <div className="trip-buy">
                <strong className="price" data-testid="trip-fare">
                  {fmt.money(segment?.fare ?? trip.price)}
                </strong>
                <span className={`small ${trip.availableSeats < 6 ? 'warn-text' : 'muted'}`}>
                  {t('search.seatsLeft', { count: trip.availableSeats })}
                </span>
                <Link className="button primary" to={`/trips/${trip.id}?pax=${passengers}${stops}`}>
                  {t('search.chooseSeats')}
                </Link>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
