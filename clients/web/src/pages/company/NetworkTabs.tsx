import { useQuery } from '@apollo/client/react';
import { Fragment, useState, type ReactNode } from 'react';
import { Empty, ErrorNote, Loading, StatusBadge } from '../../components/feedback';
import { LoadMore } from '../../components/LoadMore';
import { useT } from '../../i18n';
import { COMPANY_BUSES, COMPANY_DRIVERS, COMPANY_ROUTES, COMPANY_SETTINGS, STATIONS } from './company-documents';
import { CreateBusForm } from './CreateBusForm';
import { CreateDriverForm } from './CreateDriverForm';
import { CreateRouteForm } from './CreateRouteForm';
import { CreateStationForm } from './CreateStationForm';
import { FareTable } from './FareTable';

/** A list card with the form that adds to it on the right (below it on a phone). */
function ListWithForm({
  label,
  error,
  loading,
  empty,
  list,
  more,
  form,
}: {
  label: string;
  error?: unknown;
  loading: boolean;
  empty: string | null;
  list: ReactNode;
  more: ReactNode;
  form: ReactNode;
}) {
  return (
    <div className="two-col wide-left">
      <section className="card" aria-label={label}>
        <h2>{label}</h2>
        {error ? <ErrorNote error={error} /> : null}
        {loading && <Loading />}
        {empty ? <Empty>{empty}</Empty> : list}
        {more}
      </section>
      {form}
    </div>
  );
}

export function BusesTab({ companyId }: { companyId: string }) {
  const { t } = useT('company');
  const { data, loading, error, fetchMore } = useQuery(COMPANY_BUSES, { variables: { companyId, first: 50 } });
  return (
    <ListWithForm
      label={t('buses.title')}
      error={error}
      loading={loading && !data}
      empty={data?.buses.edges.length === 0 ? t('buses.empty') : null}
      more={data && <LoadMore connection={data.buses} field="buses" fetchMore={fetchMore} />}
      form={<CreateBusForm companyId={companyId} />}
      list={
        data && (
          <table className="table">
            <thead>
              <tr>
                <th>{t('buses.plate')}</th>
                <th>{t('buses.model')}</th>
                <th className="num">{t('buses.seats')}</th>
                <th>{t('buses.amenities')}</th>
              </tr>
            </thead>
            <tbody>
              {data.buses.edges.map(({ node }) => (
                <tr key={node.id}>
                  <td className="mono">{node.plateNumber}</td>
                  <td>{node.model}</td>
                  <td className="num">{node.seatCount}</td>
                  <td className="muted">{node.amenities.join(', ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      }
    />
  );
}

export function RoutesTab({ companyId }: { companyId: string }) {
  const { t, fmt } = useT('company');
  const { data, loading, error, fetchMore } = useQuery(COMPANY_ROUTES, { variables: { companyId, first: 20 } });
  const settings = useQuery(COMPANY_SETTINGS, { variables: { id: companyId } });
  const currency = settings.data?.company?.currency ?? 'RWF';
  const [faresOf, setFaresOf] = useState<string | null>(null);
  return (
    <ListWithForm
      label={t('routes.title')}
      error={error}
      loading={loading && !data}
      empty={data?.routes.edges.length === 0 ? t('routes.empty') : null}
      more={data && <LoadMore connection={data.routes} field="routes" fetchMore={fetchMore} />}
      form={<CreateRouteForm companyId={companyId} />}
      list={
        data && (
          <table className="table">
            <thead>
              <tr>
                <th>{t('routes.route')}</th>
                <th>{t('routes.stops')}</th>
                <th className="num">{t('routes.distance')}</th>
                <th className="num">{t('routes.duration')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {data.routes.edges.map(({ node }) => (
                <Fragment key={node.id}>
                  <tr>
                    <td>{node.name}</td>
                    <td className="muted">
                      {[...node.stops]
                        .sort((a, b) => a.order - b.order)
                        .map((s) => s.station.city)
                        .join(' → ')}
                    </td>
                    <td className="num">{t('routes.km', { distance: fmt.number(node.distanceKm) })}</td>
                    <td className="num">
                      {t('common:duration', {
                        hours: Math.floor(node.durationMinutes / 60),
                        minutes: String(node.durationMinutes % 60).padStart(2, '0'),
                      })}
                    </td>
                    <td>
                      {node.stops.length > 2 && (
                        <button
                          type="button"
                          className="button small"
                          aria-expanded={faresOf === node.id}
                          onClick={() => setFaresOf(faresOf === node.id ? null : node.id)}
                        >
                          {t('routes.fares')}
                        </button>
                      )}
                    </td>
                  </tr>
                  {faresOf === node.id && (
                    <tr>
                      <td colSpan={5}>
                        <FareTable route={node} companyCurrency={currency} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        )
      }
    />
  );
}

export function DriversTab({ companyId }: { companyId: string }) {
  const { t } = useT('company');
  const { data, loading, error, fetchMore } = useQuery(COMPANY_DRIVERS, { variables: { companyId, first: 50 } });
  return (
    <ListWithForm
      label={t('drivers.title')}
      error={error}
      loading={loading && !data}
      empty={data?.drivers.edges.length === 0 ? t('drivers.empty') : null}
      more={data && <LoadMore connection={data.drivers} field="drivers" fetchMore={fetchMore} />}
      form={<CreateDriverForm companyId={companyId} />}
      list={
        data && (
          <table className="table">
            <thead>
              <tr>
                <th>{t('drivers.name')}</th>
                <th>{t('drivers.phone')}</th>
                <th>{t('drivers.licence')}</th>
                <th>{t('drivers.account')}</th>
              </tr>
            </thead>
            <tbody>
              {data.drivers.edges.map(({ node }) => (
                <tr key={node.id}>
                  <td>{node.name}</td>
                  <td className="mono">{node.phone}</td>
                  <td className="mono">{node.licenceNumber}</td>
                  <td>
                    {node.userId ? (
                      <StatusBadge status="CONFIRMED" label={t('drivers.linked')} />
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      }
    />
  );
}

export function StationsTab() {
  const { t } = useT('company');
  const { data, loading, error, fetchMore } = useQuery(STATIONS, { variables: { first: 50 } });
  return (
    <ListWithForm
      label={t('stations.title')}
      error={error}
      loading={loading && !data}
      empty={data?.stations.edges.length === 0 ? t('stations.empty') : null}
      more={data && <LoadMore connection={data.stations} field="stations" fetchMore={fetchMore} />}
      form={<CreateStationForm />}
      list={
        data && (
          <table className="table">
            <thead>
              <tr>
                <th>{t('stations.code')}</th>
                <th>{t('stations.station')}</th>
                <th>{t('stations.city')}</th>
                <th className="num">{t('stations.location')}</th>
              </tr>
            </thead>
            <tbody>
              {data.stations.edges.map(({ node }) => (
                <tr key={node.id}>
                  <td className="mono">{node.code}</td>
                  <td>{node.name}</td>
                  <td>{node.city}</td>
                  <td className="num muted">
                    {node.latitude.toFixed(4)}, {node.longitude.toFixed(4)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      }
    />
  );
}
