import { useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import { graphql } from '../../gql';
import { BarChart, Meters } from '../../components/charts';
import { Empty, ErrorNote, Loading } from '../../components/feedback';
import { formatDateTime, formatMoney, kigaliDate } from '../../lib/format';
import { Link, navigate, useLocation } from '../../lib/router';
import { useCompany } from './useCompany';

const DASHBOARD = graphql(`
  query CompanyDashboard($companyId: ID!, $from: DateTime!, $to: DateTime!) {
    companyDashboard(companyId: $companyId, from: $from, to: $to) {
      companyId
      from
      to
      totals {
        revenue {
          amount
          currency
        }
        refunds {
          amount
          currency
        }
        netRevenue {
          amount
          currency
        }
        bookings
        cancellations
        seatsSold
      }
      revenuePerDay {
        date
        bookings
        revenue {
          amount
          currency
        }
      }
      routeOccupancy {
        routeId
        origin
        destination
        trips
        seatsSold
        seatCount
        occupancy
      }
      segmentOccupancy {
        routeId
        fromStop
        fromCity
        toCity
        seatsSold
        seatCount
        occupancy
      }
      revenueByPair {
        routeId
        boardingStop
        alightingStop
        origin
        destination
        bookings
        seatsSold
        revenue {
          amount
          currency
        }
      }
      tripOccupancy(first: 12) {
        edges {
          node {
            departureAt
            seatsSold
            seatCount
            occupancy
            boarded
            trip {
              id
              route {
                id
                name
              }
            }
          }
        }
      }
    }
  }
`);

const PERIODS = [7, 30, 90];

/**
 * A company's figures: money and bookings over the last N days, and how full trips are from N days
 * ago to a week ahead (sales for upcoming departures are what an operator watches).
 */
export function DashboardPage() {
  const { path, query } = useLocation();
  const { companyId, picker, loading: companyLoading } = useCompany();
  const days = PERIODS.includes(Number(query.get('days'))) ? Number(query.get('days')) : 30;
  const range = useMemo(
    () => ({
      from: new Date(`${kigaliDate(-(days - 1))}T00:00:00+02:00`).toISOString(),
      to: new Date(`${kigaliDate(8)}T00:00:00+02:00`).toISOString(),
    }),
    [days],
  );
  const { data, loading, error } = useQuery(DASHBOARD, {
    variables: { companyId: companyId ?? '', ...range },
    skip: !companyId,
  });
  const setDays = (next: number) => {
    const params = new URLSearchParams(query);
    params.set('days', String(next));
    navigate(`${path}?${params}`, { replace: true });
  };

  const dashboard = data?.companyDashboard;
  const today = kigaliDate(0);
  const revenue = (dashboard?.revenuePerDay ?? []).filter((d) => d.date <= today);
  const currency = dashboard?.totals.revenue.currency ?? 'RWF';
  const compact = (value: number) =>
    new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 }).format(value);

  return (
    <div className="page" data-testid="company-dashboard">
      <header className="page-header row">
        <div>
          <h1>Dashboard</h1>
          <p className="muted">Sales, refunds and how full your buses are.</p>
        </div>
        <div className="range">
          {picker}
          {PERIODS.map((p) => (
            <button
              key={p}
              type="button"
              className={`chip ${p === days ? 'active' : ''}`}
              aria-pressed={p === days}
              onClick={() => setDays(p)}
            >
              Last {p} days
            </button>
          ))}
          <Link className="button small" to={`/company${companyId && picker ? `?company=${companyId}` : ''}`}>
            Network
          </Link>
        </div>
      </header>
      {!companyId && !companyLoading && <Empty>Your account is not linked to a company.</Empty>}
      {error && <ErrorNote error={error} />}
      {(companyLoading || (loading && !dashboard)) && <Loading label="Crunching numbers…" />}
      {dashboard && (
        <>
          <section className="kpis" aria-label="Totals">
            <Kpi label="Net revenue" value={formatMoney(dashboard.totals.netRevenue)} testId="kpi-net-revenue" />
            <Kpi label="Payments" value={formatMoney(dashboard.totals.revenue)} />
            <Kpi label="Refunds" value={formatMoney(dashboard.totals.refunds)} />
            <Kpi label="Bookings" value={String(dashboard.totals.bookings)} testId="kpi-bookings" />
            <Kpi label="Seats sold" value={String(dashboard.totals.seatsSold)} />
            <Kpi label="Cancellations" value={String(dashboard.totals.cancellations)} />
          </section>
          <div className="charts">
            <section className="card chart">
              <h2>Revenue per day ({currency})</h2>
              <BarChart
                title="Revenue per day"
                format={compact}
                data={revenue.map((d) => ({ label: d.date.slice(5), value: d.revenue.amount }))}
              />
            </section>
            <section className="card chart">
              <h2>Occupancy by route</h2>
              {dashboard.routeOccupancy.length === 0 ? (
                <Empty>No trips in this period.</Empty>
              ) : (
                <Meters
                  title="Occupancy by route"
                  rows={dashboard.routeOccupancy.map((r) => ({
                    label: `${r.origin ?? '?'} → ${r.destination ?? '?'}`,
                    value: r.occupancy,
                    detail: `${r.seatsSold}/${r.seatCount}`,
                  }))}
                />
              )}
            </section>
          </div>
          <div className="charts" style={{ marginTop: '1.5rem' }}>
            <section className="card chart" aria-label="Occupancy by segment">
              <h2>Occupancy by segment</h2>
              {dashboard.segmentOccupancy.length === 0 ? (
                <Empty>No trips in this period.</Empty>
              ) : (
                <Meters
                  title="Occupancy by segment"
                  rows={dashboard.segmentOccupancy.map((r) => ({
                    label: `${r.fromCity ?? '?'} → ${r.toCity ?? '?'}`,
                    value: r.occupancy,
                    detail: `${r.seatsSold}/${r.seatCount}`,
                  }))}
                />
              )}
            </section>
            <section className="card chart" aria-label="Revenue by pair">
              <h2>Revenue by origin and destination</h2>
              {dashboard.revenueByPair.length === 0 ? (
                <Empty>No bookings in this period.</Empty>
              ) : (
                <table className="table">
                  <thead>
                    <tr>
                      <th>Pair</th>
                      <th className="num">Seats</th>
                      <th className="num">Revenue</th>
                    </tr>
                  </thead>
                  <tbody>
                    {dashboard.revenueByPair.map((p) => (
                      <tr key={`${p.routeId}-${p.boardingStop ?? 'all'}-${p.alightingStop ?? 'all'}`}>
                        <td>
                          {p.origin ?? '?'} → {p.destination ?? '?'}
                        </td>
                        <td className="num">{p.seatsSold}</td>
                        <td className="num">{formatMoney(p.revenue)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
          </div>
          <section className="card" style={{ marginTop: '1.5rem' }} aria-label="Trips">
            <h2>Trips in this period</h2>
            {dashboard.tripOccupancy.edges.length === 0 ? (
              <Empty>No trips in this period.</Empty>
            ) : (
              <table className="table">
                <thead>
                  <tr>
                    <th>Departure</th>
                    <th>Route</th>
                    <th className="num">Sold</th>
                    <th className="num">Boarded</th>
                    <th>Occupancy</th>
                  </tr>
                </thead>
                <tbody>
                  {dashboard.tripOccupancy.edges.map(({ node }) => (
                    <tr key={node.trip.id}>
                      <td>{node.departureAt ? formatDateTime(node.departureAt) : '—'}</td>
                      <td>{node.trip.route.name}</td>
                      <td className="num">
                        {node.seatsSold}/{node.seatCount}
                      </td>
                      <td className="num">{node.boarded}</td>
                      <td>
                        <meter min={0} max={1} low={0.3} high={0.8} optimum={1} value={node.occupancy} />{' '}
                        {Math.round(node.occupancy * 100)} %
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </>
      )}
    </div>
  );
}

function Kpi({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="card kpi" data-testid={testId}>
      <span className="muted small">{label}</span>
      <strong>{value}</strong>
    </div>
  );
}
