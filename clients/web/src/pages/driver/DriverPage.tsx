import { useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import { graphql } from '../../gql';
import { Empty, ErrorNote, Loading, StatusBadge } from '../../components/feedback';
import { useT } from '../../i18n';
import { navigate, useLocation } from '../../lib/router';
import { Manifest } from './Manifest';
import { VerifyPanel } from './VerifyPanel';

const MY_TRIPS = graphql(`
  query MyDriverTrips($from: DateTime, $first: Int) {
    myDriverTrips(from: $from, first: $first) {
      edges {
        node {
          id
          departureAt
          timeZone
          status
          route {
            id
            name
          }
          bus {
            id
            plateNumber
          }
          stops {
            order
            name
            city
          }
        }
      }
    }
  }
`);

/** The driver's day: pick a trip, see who should be on board, and check passes as people board. */
export function DriverPage() {
  const { query } = useLocation();
  const { t, fmt } = useT('driver');
  const tripId = query.get('trip');
  // Trips that left up to 6 h ago are still the driver's business (late boarding, arrivals).
  const from = useMemo(() => new Date(Date.now() - 6 * 3_600_000).toISOString(), []);
  const { data, loading, error } = useQuery(MY_TRIPS, { variables: { from, first: 30 } });
  const trips = data?.myDriverTrips.edges.map((e) => e.node) ?? [];
  const selected = trips.find((trip) => trip.id === tripId);

  return (
    <div className="page">
      <header className="page-header">
        <h1>{t('title')}</h1>
        <p className="muted">{t('intro')}</p>
      </header>
      <div className="two-col driver">
        <aside className="card">
          <h2>{t('myTrips')}</h2>
          {error && <ErrorNote error={error} />}
          {loading && !data && <Loading />}
          {data && trips.length === 0 && <Empty>{t('noTrips')}</Empty>}
          <ul className="trip-picker">
            {trips.map((trip) => (
              <li key={trip.id}>
                <button
                  type="button"
                  className={`picker-row ${trip.id === tripId ? 'active' : ''}`}
                  aria-pressed={trip.id === tripId}
                  onClick={() =>
                    navigate(trip.id === tripId ? '/driver' : `/driver?trip=${trip.id}`, { replace: true })
                  }
                >
                  <strong>
                    {fmt.date(trip.departureAt, trip.timeZone)} · {fmt.time(trip.departureAt, trip.timeZone)}
                  </strong>
                  <span className="small muted">
                    {trip.route.name} · {trip.bus.plateNumber}
                  </span>
                  <StatusBadge status={trip.status} />
                </button>
              </li>
            ))}
          </ul>
        </aside>
        <div className="stack">
          <VerifyPanel
            key={selected?.id ?? 'any'}
            tripId={selected?.id ?? null}
            tripLabel={
              selected
                ? t('tripLabel', {
                    route: selected.route.name,
                    time: fmt.time(selected.departureAt, selected.timeZone),
                  })
                : null
            }
            stops={selected?.stops ?? []}
            timeZone={selected?.timeZone ?? null}
          />
          {selected && <Manifest tripId={selected.id} />}
        </div>
      </div>
    </div>
  );
}
