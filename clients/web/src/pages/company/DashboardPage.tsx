import { useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import { graphql } from '../../gql';
import { BarChart, Meters } from '../../components/charts';
import { Empty, ErrorNote, Loading } from '../../components/feedback';
import { useT } from '../../i18n';
import { zonedDate, zonedLocalToIso } from '../../lib/format';
import { toMajor } from '../../lib/money';
import { COMPANY_SETTINGS } from './company-documents';
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
      byChannel {
        channel
        bookings
        cancellations
        seatsSold
        byCurrency {
          currency
          netRevenue {
            amount
            currency
          }
        }
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
              timeZone
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
  const { t, fmt } = useT('company');
  const days = PERIODS.includes(Number(query.get('days'))) ? Number(query.get('days')) : 30;
  const settings = useQuery(COMPANY_SETTINGS, { variables: { id: companyId ?? '' }, skip: !companyId });
  // Days are the company's (Company.timeZone), as the dashboard counts them, whatever the browser's zone.
  const timeZone = settings.data?.company?.timeZone;
  const range = useMemo(
    () =>
      timeZone
        ? {
            from: zonedLocalToIso(`${zonedDate(timeZone, -(days - 1))}T00:00`, timeZone),
            to: zonedLocalToIso(`${zonedDate(timeZone, 8)}T00:00`, timeZone),
          }
        : null,
    [days, timeZone],
  );
  const { data, loading, error } = useQuery(DASHBOARD, {
    variables: { companyId: companyId ?? '', from: range?.from ?? '', to: range?.to ?? '' },
    skip: !companyId || !range,
  });
  const setDays = (next: number) => {
    const params = new URLSearchParams(query);
    params.set('days', String(next));
    navigate(`${path}?${params}`, { replace: true });
  };

  const dashboard = data?.companyDashboard;
  const today = zonedDate(timeZone ?? 'Africa/Kigali', 0);
  const revenue = (dashboard?.revenuePerDay ?? []).filter((d) => d.date <= today);
  const currency = dashboard?.totals.revenue.currency ?? 'RWF';
  const compact = (value: number) =>
    new Intl.NumberFormat(fmt.locale, { notation: 'compact', maximumFractionDigits: 1 }).format(value);
  const percent = (value: number) => new Intl.NumberFormat(fmt.locale, { style: 'percent' }).format(value);

  return (
    <div className="page" data-testid="company-dashboard">
      <header className="page-header row">
        <div>
          <h1>{t('common:nav.dashboard')}</h1>
          <p className="muted">{t('dashboard.intro')}</p>
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
              {t('dashboard.lastDays', { count: p })}
            </button>
          ))}
          <Link className="button small" to={`/company${companyId && picker ? `?company=${companyId}` : ''}`}>
            {t('common:nav.network')}
          </Link>
        </div>
      </header>
      {!companyId && !companyLoading && <Empty>{t('network.noCompany')}</Empty>}
      {error && <ErrorNote error={error} />}
      {(companyLoading || (loading && !dashboard)) && <Loading label={t('dashboard.loading')} />}
      {dashboard && (
        <>
          <section className="kpis" aria-label={t('dashboard.totals')}>
            <Kpi
              label={t('dashboard.netRevenue')}
              value={fmt.money(dashboard.totals.netRevenue)}
              testId="kpi-net-revenue"
            />
            <Kpi label={t('dashboard.payments')} value={fmt.money(dashboard.totals.revenue)} />
            <Kpi label={t('dashboard.refunds')} value={fmt.money(dashboard.totals.refunds)} />
            <Kpi label={t('dashboard.bookings')} value={String(dashboard.totals.bookings)} testId="kpi-bookings" />
            <Kpi label={t('dashboard.seatsSold')} value={String(dashboard.totals.seatsSold)} />
            <Kpi label={t('dashboard.cancellations')} value={String(dashboard.totals.cancellations)} />
          </section>
          <section className="card" style={{ marginBottom: '1.5rem' }} aria-label={t('dashboard.byChannel')}>
            <h2>{t('dashboard.byChannel')}</h2>
            <table className="table" data-testid="sales-by-channel">
              <thead>
                <tr>
                  <th>{t('dashboard.channel')}</th>
                  <th className="num">{t('dashboard.bookings')}</th>
                  <th className="num">{t('dashboard.seatsSold')}</th>
                  <th className="num">{t('dashboard.cancellations')}</th>
                  <th className="num">{t('dashboard.netRevenue')}</th>
                </tr>
              </thead>
              <tbody>
                {dashboard.byChannel.map((c) => (
                  <tr key={c.channel} data-channel={c.channel}>
                    <td>{t(`dashboard.channels.${c.channel}`)}</td>
                    <td className="num">{c.bookings}</td>
                    <td className="num">{c.seatsSold}</td>
                    <td className="num">{c.cancellations}</td>
                    {/* One amount per currency: amounts of different currencies are never added. */}
                    <td className="num">
                      {c.byCurrency.length === 0 ? '—' : c.byCurrency.map((m) => fmt.money(m.netRevenue)).join(' · ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <div className="charts">
            <section className="card chart">
              <h2>{t('dashboard.revenuePerDayIn', { currency })}</h2>
              <BarChart
                title={t('dashboard.revenuePerDay')}
                format={compact}
                data={revenue.map((d) => ({
                  label: d.date.slice(5),
                  value: toMajor(d.revenue.amount, d.revenue.currency),
                }))}
              />
            </section>
            <section className="card chart">
              <h2>{t('dashboard.byRoute')}</h2>
              {dashboard.routeOccupancy.length === 0 ? (
                <Empty>{t('dashboard.noTrips')}</Empty>
              ) : (
                <Meters
                  format={percent}
                  title={t('dashboard.byRoute')}
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
            <section className="card chart" aria-label={t('dashboard.bySegment')}>
              <h2>{t('dashboard.bySegment')}</h2>
              {dashboard.segmentOccupancy.length === 0 ? (
                <Empty>{t('dashboard.noTrips')}</Empty>
              ) : (
                <Meters
                  format={percent}
                  title={t('dashboard.bySegment')}
                  rows={dashboard.segmentOccupancy.map((r) => ({
                    label: `${r.fromCity ?? '?'} → ${r.toCity ?? '?'}`,
                    value: r.occupancy,
                    detail: `${r.seatsSold}/${r.seatCount}`,
                  }))}
                />
              )}
            </section>
            <section className="card chart" aria-label={t('dashboard.byPair')}>
              <h2>{t('dashboard.byPairTitle')}</h2>
              {dashboard.revenueByPair.length === 0 ? (
                <Empty>{t('dashboard.noBookings')}</Empty>
              ) : (
                <table className="table">
                  <thead>
                    <tr>
                      <th>{t('dashboard.pair')}</th>
                      <th className="num">{t('dashboard.seats')}</th>
                      <th className="num">{t('dashboard.revenue')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {dashboard.revenueByPair.map((p) => (
                      <tr key={`${p.routeId}-${p.boardingStop ?? 'all'}-${p.alightingStop ?? 'all'}`}>
                        <td>
                          {p.origin ?? '?'} → {p.destination ?? '?'}
                        </td>
                        <td className="num">{p.seatsSold}</td>
                        <td className="num">{fmt.money(p.revenue)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
          </div>
          <section className="card" style={{ marginTop: '1.5rem' }} aria-label={t('dashboard.trips')}>
            <h2>{t('dashboard.tripsTitle')}</h2>
            {dashboard.tripOccupancy.edges.length === 0 ? (
              <Empty>{t('dashboard.noTrips')}</Empty>
            ) : (
              <table className="table">
                <thead>
                  <tr>
                    <th>{t('trips.departure')}</th>
                    <th>{t('trips.route')}</th>
                    <th className="num">{t('dashboard.sold')}</th>
                    <th className="num">{t('dashboard.boarded')}</th>
                    <th>{t('dashboard.occupancy')}</th>
                  </tr>
                </thead>
                <tbody>
                  {dashboard.tripOccupancy.edges.map(({ node }) => (
                    <tr key={node.trip.id}>
                      <td>{node.departureAt ? fmt.dateTime(node.departureAt, node.trip.timeZone) : '—'}</td>
                      <td>{node.trip.route.name}</td>
                      <td className="num">
                        {node.seatsSold}/{node.seatCount}
                      </td>
                      <td className="num">{node.boarded}</td>
                      <td>
                        <meter min={0} max={1} low={0.3} high={0.8} optimum={1} value={node.occupancy} />{' '}
                        {percent(node.occupancy)}
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
