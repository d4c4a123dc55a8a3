import { useQuery } from '@apollo/client/react';
import { Fragment, useState, type ReactNode } from 'react';
import { Empty, ErrorNote, Loading, StatusBadge } from '../../components/feedback';
import { LoadMore } from '../../components/LoadMore';
import { COMPANY_BUSES, COMPANY_DRIVERS, COMPANY_ROUTES, STATIONS } from './company-documents';
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
  const { data, loading, error, fetchMore } = useQuery(COMPANY_BUSES, { variables: { companyId, first: 50 } });
  return (
    <ListWithForm
      label="Buses"
      error={error}
      loading={loading && !data}
      empty={data?.buses.edges.length === 0 ? 'No buses yet. Add the first one.' : null}
      more={data && <LoadMore connection={data.buses} field="buses" fetchMore={fetchMore} />}
      form={<CreateBusForm companyId={companyId} />}
      list={
        data && (
          <table className="table">
            <thead>
              <tr>
                <th>Plate</th>
                <th>Model</th>
                <th className="num">Seats</th>
                <th>Amenities</th>
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
  const { data, loading, error, fetchMore } = useQuery(COMPANY_ROUTES, { variables: { companyId, first: 50 } });
  const [faresOf, setFaresOf] = useState<string | null>(null);
  return (
    <ListWithForm
      label="Routes"
      error={error}
      loading={loading && !data}
      empty={data?.routes.edges.length === 0 ? 'No routes yet. Add the first one.' : null}
      more={data && <LoadMore connection={data.routes} field="routes" fetchMore={fetchMore} />}
      form={<CreateRouteForm companyId={companyId} />}
      list={
        data && (
          <table className="table">
            <thead>
              <tr>
                <th>Route</th>
                <th>Stops</th>
                <th className="num">Distance</th>
                <th className="num">Duration</th>
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
                    <td className="num">{node.distanceKm} km</td>
                    <td className="num">
                      {Math.floor(node.durationMinutes / 60)} h {String(node.durationMinutes % 60).padStart(2, '0')}
                    </td>
                    <td>
                      {node.stops.length > 2 && (
                        <button
                          type="button"
                          className="button small"
                          aria-expanded={faresOf === node.id}
                          onClick={() => setFaresOf(faresOf === node.id ? null : node.id)}
                        >
                          Fares
                        </button>
                      )}
                    </td>
                  </tr>
                  {faresOf === node.id && (
                    <tr>
                      <td colSpan={5}>
                        <FareTable route={node} />
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
  const { data, loading, error, fetchMore } = useQuery(COMPANY_DRIVERS, { variables: { companyId, first: 50 } });
  return (
    <ListWithForm
      label="Drivers"
      error={error}
      loading={loading && !data}
      empty={data?.drivers.edges.length === 0 ? 'No drivers yet. Add the first one.' : null}
      more={data && <LoadMore connection={data.drivers} field="drivers" fetchMore={fetchMore} />}
      form={<CreateDriverForm companyId={companyId} />}
      list={
        data && (
          <table className="table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Phone</th>
                <th>Licence</th>
                <th>App account</th>
              </tr>
            </thead>
            <tbody>
              {data.drivers.edges.map(({ node }) => (
                <tr key={node.id}>
                  <td>{node.name}</td>
                  <td className="mono">{node.phone}</td>
                  <td className="mono">{node.licenceNumber}</td>
                  <td>
                    {node.userId ? <StatusBadge status="CONFIRMED" label="linked" /> : <span className="muted">—</span>}
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
  const { data, loading, error, fetchMore } = useQuery(STATIONS, { variables: { first: 50 } });
  return (
    <ListWithForm
      label="Stations"
      error={error}
      loading={loading && !data}
      empty={data?.stations.edges.length === 0 ? 'No stations yet. Add the first one.' : null}
      more={data && <LoadMore connection={data.stations} field="stations" fetchMore={fetchMore} />}
      form={<CreateStationForm />}
      list={
        data && (
          <table className="table">
            <thead>
              <tr>
                <th>Code</th>
                <th>Station</th>
                <th>City</th>
                <th className="num">Location</th>
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
