import { useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import { Empty, ErrorNote, Loading, StatusBadge } from '../../components/feedback';
import { LoadMore } from '../../components/LoadMore';
import { useT } from '../../i18n';
import { Link, navigate, useLocation } from '../../lib/router';
import { COMPANY_TRIPS } from './company-documents';
import { CreateTripForm } from './CreateTripForm';
import { BusesTab, DriversTab, RoutesTab, StationsTab } from './NetworkTabs';
import { useCompany } from './useCompany';

const TABS = ['trips', 'buses', 'routes', 'drivers', 'stations'] as const;
type Tab = (typeof TABS)[number];

/**
 * A company's network at a glance, each list next to the form that adds to it: upcoming trips
 * (scheduling), fleet, routes, drivers, and the platform's stations.
 */
export function NetworkPage() {
  const { path, query } = useLocation();
  const tab: Tab = (TABS as readonly string[]).includes(query.get('tab') ?? '') ? (query.get('tab') as Tab) : 'trips';
  const { companyId, picker, loading } = useCompany();
  const { t } = useT('company');
  const go = (next: Tab) => {
    const params = new URLSearchParams(query);
    params.set('tab', next);
    navigate(`${path}?${params}`, { replace: true });
  };

  return (
    <div className="page">
      <header className="page-header row">
        <div>
          <h1>{t('network.title')}</h1>
          <p className="muted">{t('network.intro')}</p>
        </div>
        <div className="row">
          {picker}
          <Link className="button" to={`/company/dashboard${companyId ? `?company=${companyId}` : ''}`}>
            {t('common:nav.dashboard')}
          </Link>
        </div>
      </header>
      <nav className="tabs" role="tablist">
        {TABS.map((name) => (
          <button
            key={name}
            role="tab"
            type="button"
            aria-selected={tab === name}
            className={tab === name ? 'active' : ''}
            onClick={() => go(name)}
          >
            {t(`network.tabs.${name}`)}
          </button>
        ))}
      </nav>
      {!companyId ? (
        loading ? (
          <Loading />
        ) : (
          <Empty>{t('network.noCompany')}</Empty>
        )
      ) : (
        <>
          {tab === 'trips' && <TripsTab companyId={companyId} />}
          {tab === 'buses' && <BusesTab companyId={companyId} />}
          {tab === 'routes' && <RoutesTab companyId={companyId} />}
          {tab === 'drivers' && <DriversTab companyId={companyId} />}
          {tab === 'stations' && <StationsTab />}
        </>
      )}
    </div>
  );
}

function TripsTab({ companyId }: { companyId: string }) {
  const { t, fmt } = useT('company');
  const from = useMemo(() => new Date(Date.now() - 3_600_000).toISOString(), []);
  const { data, loading, error, fetchMore, refetch } = useQuery(COMPANY_TRIPS, {
    variables: { companyId, from, first: 25 },
  });
  return (
    <div className="two-col wide-left">
      <section className="card" aria-label={t('trips.title')}>
        <h2>{t('trips.title')}</h2>
        {error && <ErrorNote error={error} />}
        {loading && !data && <Loading />}
        {data && data.trips.edges.length === 0 && <Empty>{t('trips.empty')}</Empty>}
        {data && data.trips.edges.length > 0 && (
          <table className="table">
            <thead>
              <tr>
                <th>{t('trips.departure')}</th>
                <th>{t('trips.route')}</th>
                <th>{t('trips.bus')}</th>
                <th>{t('trips.driver')}</th>
                <th className="num">{t('trips.seatsLeft')}</th>
                <th className="num">{t('trips.price')}</th>
                <th>{t('trips.status')}</th>
              </tr>
            </thead>
            <tbody>
              {data.trips.edges.map(({ node }) => (
                <tr key={node.id}>
                  <td>{fmt.dateTime(node.departureAt, node.timeZone)}</td>
                  <td>{node.route.name}</td>
                  <td className="mono">{node.bus.plateNumber}</td>
                  <td>{node.driver?.name ?? <span className="muted">—</span>}</td>
                  <td className="num">
                    {node.availableSeats}/{node.bus.seatCount}
                  </td>
                  <td className="num">{fmt.money(node.price)}</td>
                  <td>
                    <StatusBadge status={node.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {data && <LoadMore connection={data.trips} field="trips" fetchMore={fetchMore} />}
      </section>
      <CreateTripForm companyId={companyId} onCreated={() => void refetch()} />
    </div>
  );
}
