import { useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { CitySelect, TripCard } from '../../components/TripCard';
import { Empty, ErrorNote, Loading } from '../../components/feedback';
import { useT } from '../../i18n';
import { kigaliDate } from '../../lib/format';
import { Link, navigate, useLocation } from '../../lib/router';
import { useSession } from '../../lib/session';
import { CITIES, SEARCH_TRIPS } from '../trip-documents';

/**
 * The counter's start page: today's (or another day's) trips of the agent's own company between two cities.
 * searchTrips lists every company's trips; an agent sells only their company's seats (holdSeats refuses
 * the others with FORBIDDEN), so the list keeps those. The search lives in the URL, so "back" from a sale
 * comes back to the same list.
 */
export function CounterPage() {
  const { query } = useLocation();
  const { t } = useT('counter');
  const [from, setFrom] = useState(query.get('from') ?? 'Kigali');
  const [to, setTo] = useState(query.get('to') ?? 'Musanze');
  const [date, setDate] = useState(query.get('date') ?? kigaliDate(0));
  const cities = useQuery(CITIES);
  const cityNames = [...new Set(cities.data?.stations.edges.map((e) => e.node.city) ?? [from, to])].sort();
  const searched = query.has('from') && query.has('to');

  function submit(event: FormEvent) {
    event.preventDefault();
    navigate(`/counter?${new URLSearchParams({ from, to, date })}`);
  }

  return (
    <div className="page">
      <header className="page-header row">
        <div>
          <h1>{t('sale.title')}</h1>
          <p className="muted">{t('sale.intro')}</p>
        </div>
        <Link className="button" to="/counter/shift">
          {t('shift.open')}
        </Link>
      </header>
      <form className="search-form card" onSubmit={submit} aria-label={t('sale.searchLabel')}>
        <CitySelect label={t('sale.from')} name="origin" value={from} cities={cityNames} onChange={setFrom} />
        <CitySelect label={t('sale.to')} name="destination" value={to} cities={cityNames} onChange={setTo} />
        <label>
          {t('sale.date')}
          <input name="date" type="date" required value={date} onChange={(e) => setDate(e.target.value)} />
        </label>
        <button className="button primary" type="submit">
          {t('sale.search')}
        </button>
      </form>
      {searched && <CompanyTrips from={query.get('from')!} to={query.get('to')!} date={query.get('date') ?? date} />}
    </div>
  );
}

function CompanyTrips({ from, to, date }: { from: string; to: string; date: string }) {
  const { t, fmt } = useT('counter');
  const { session } = useSession();
  const { data, loading, error } = useQuery(SEARCH_TRIPS, {
    variables: { input: { originCity: from, destinationCity: to, date, passengers: 1 } },
    fetchPolicy: 'cache-and-network',
  });
  if (error) return <ErrorNote error={error} />;
  if (loading && !data) return <Loading label={t('sale.finding')} />;
  const companyId = session?.user.companyId;
  const trips = (data?.searchTrips ?? []).filter((trip) => !companyId || trip.company.id === companyId);
  return (
    <section aria-label={t('sale.results')} className="results">
      <h2>
        {from} → {to}
      </h2>
      {trips.length === 0 && <Empty>{t('sale.none')}</Empty>}
      <ul className="trip-list">
        {trips.map((trip) => {
          const segment = trip.searchedSegment;
          const leaves = segment?.boarding?.departsAt ?? trip.departureAt;
          const stops = segment
            ? `?${new URLSearchParams({ from: String(segment.boardingStop), to: String(segment.alightingStop) })}`
            : '';
          return (
            <TripCard
              key={trip.id}
              trip={trip}
              testId="counter-trip"
              meta={
                <>
                  <strong>{trip.route.name}</strong>
                  <span className="muted small">
                    {fmt.date(leaves, trip.timeZone)} · {trip.bus.plateNumber} · {trip.bus.model}
                  </span>
                </>
              }
              seatsLeft={t('sale.seatsLeft', { count: trip.availableSeats })}
              action={
                <Link className="button primary" to={`/counter/trips/${trip.id}${stops}`}>
                  {t('sale.sell')}
                </Link>
              }
            />
          );
        })}
      </ul>
    </section>
  );
}
