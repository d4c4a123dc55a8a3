import { useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { CitySelect, TripCard } from '../../components/TripCard';
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
          <CitySelect label={t('search.from')} name="origin" value={from} cities={cityNames} onChange={setFrom} />
          <button
            type="button"
            className="swap"
            aria-label={t('search.swap')}
            onClick={() => (setFrom(to), setTo(from))}
          >
            ⇄
          </button>
          <CitySelect label={t('search.to')} name="destination" value={to} cities={cityNames} onChange={setTo} />
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
          const stops = segment ? `&from=${segment.boardingStop}&to=${segment.alightingStop}` : '';
          return (
            <TripCard
              key={trip.id}
              trip={trip}
              testId="trip-result"
              fareTestId="trip-fare"
              meta={
                <>
                  <strong>{trip.company.name}</strong>
                  <span className="muted small">
                    {trip.route.name} · {trip.bus.model}
                  </span>
                  {trip.bus.amenities.length > 0 && (
                    <span className="muted small">{trip.bus.amenities.join(' · ')}</span>
                  )}
                </>
              }
              seatsLeft={t('search.seatsLeft', { count: trip.availableSeats })}
              action={
                <Link className="button primary" to={`/trips/${trip.id}?pax=${passengers}${stops}`}>
                  {t('search.chooseSeats')}
                </Link>
              }
            />
          );
        })}
      </ul>
    </section>
  );
}
