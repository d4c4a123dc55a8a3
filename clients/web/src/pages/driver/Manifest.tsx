import { useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';
import { Empty, ErrorNote, Loading, StatusBadge } from '../../components/feedback';

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
  const { data, loading, error } = useQuery(TRIP_MANIFEST, { variables: { tripId }, pollInterval: 15_000 });
  if (error) return <ErrorNote error={error} />;
  if (loading && !data) return <Loading label="Loading manifest…" />;
  const entries = data?.tripManifest ?? [];
  const boarded = entries.filter((e) => e.status === 'BOARDED').length;
  return (
    <section className="card" aria-label="Manifest">
      <div className="row">
        <h2>Manifest</h2>
        <span className="muted">
          {boarded} of {entries.length} boarded
        </span>
      </div>
      {entries.length === 0 ? (
        <Empty>No passengers booked yet.</Empty>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>Seat</th>
              <th>Passenger</th>
              <th>Boards → gets off</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.ticket.id}>
                <td className="mono">{entry.seatNumber}</td>
                <td>{entry.passengerName}</td>
                <td className="muted">
                  {entry.segment.boarding?.city ?? `stop ${entry.segment.boardingStop}`} →{' '}
                  {entry.segment.alighting?.city ?? `stop ${entry.segment.alightingStop}`}
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
