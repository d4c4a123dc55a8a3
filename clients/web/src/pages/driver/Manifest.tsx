import { useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';
import { Empty, ErrorNote, Loading, StatusBadge } from '../../components/feedback';
import { useT } from '../../i18n';

export const TRIP_MANIFEST = graphql(`
  query TripManifest($tripId: ID!) {
    tripManifest(tripId: $tripId) {
      seatNumber
      passengerName
      status
      ticket {
        id
      }
      segment {
        boardingStop
        alightingStop
        boarding {
          city
        }
        alighting {
          city
        }
      }
    }
  }
`);

export function Manifest({ tripId }: { tripId: string }) {
  const { t } = useT('driver');
  const { data, loading, error } = useQuery(TRIP_MANIFEST, { variables: { tripId }, pollInterval: 15_000 });
  if (error) return <ErrorNote error={error} />;
  if (loading && !data) return <Loading label={t('manifest.loading')} />;
  const entries = data?.tripManifest ?? [];
  const boarded = entries.filter((e) => e.status === 'BOARDED').length;
  return (
    <section className="card" aria-label={t('manifest.title')}>
      <div className="row">
        <h2>{t('manifest.title')}</h2>
        <span className="muted">{t('manifest.boarded', { boarded, total: entries.length })}</span>
      </div>
      {entries.length === 0 ? (
        <Empty>{t('manifest.empty')}</Empty>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>{t('manifest.seat')}</th>
              <th>{t('manifest.passenger')}</th>
              <th>{t('manifest.segment')}</th>
              <th>{t('manifest.status')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.ticket.id}>
                <td className="mono">{entry.seatNumber}</td>
                <td>{entry.passengerName}</td>
                <td className="muted">
                  {entry.segment.boarding?.city ?? t('manifest.stop', { order: entry.segment.boardingStop })} →{' '}
                  {entry.segment.alighting?.city ?? t('manifest.stop', { order: entry.segment.alightingStop })}
                </td>
                <td>
                  <StatusBadge status={entry.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
