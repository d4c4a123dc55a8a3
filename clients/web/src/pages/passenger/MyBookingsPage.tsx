import { useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';
import { PassengerBookingRow } from '../../components/BookingRow';
import { Empty, ErrorNote, Loading } from '../../components/feedback';
import { useT } from '../../i18n';
import { Link } from '../../lib/router';

const MY_BOOKINGS = graphql(`
  query MyBookings($first: Int, $after: String) {
    myBookings(first: $first, after: $after) {
      edges {
        cursor
        node {
          ...BookingListItem
          createdAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export function MyBookingsPage() {
  const { t } = useT('passenger');
  const { data, loading, error, fetchMore } = useQuery(MY_BOOKINGS, { variables: { first: 20 } });
  if (error) return <ErrorNote error={error} />;
  if (loading && !data) return <Loading />;
  const connection = data!.myBookings;
  return (
    <div className="page narrow">
      <header className="page-header row">
        <h1>{t('common:nav.bookings')}</h1>
        <Link to="/claim" className="button ghost small" data-testid="claim-link">
          {t('counter:claim.link')}
        </Link>
      </header>
      {connection.edges.length === 0 && (
        <Empty>
          {t('bookings.none')} <Link to="/">{t('bookings.find')}</Link>
        </Empty>
      )}
      <ul className="list card">
        {connection.edges.map(({ node }) => (
          <PassengerBookingRow
            key={node.id}
            booking={node}
            testId="booking-row"
            seats={t('bookings.seats', {
              count: node.tickets.length,
              seats: node.tickets.map((ticket) => ticket.seatNumber).join(', '),
            })}
          />
        ))}
      </ul>
      {connection.pageInfo.hasNextPage && (
        <button
          className="button"
          type="button"
          onClick={() =>
            void fetchMore({
              variables: { after: connection.pageInfo.endCursor },
              updateQuery: (prev, { fetchMoreResult }) => ({
                myBookings: {
                  ...fetchMoreResult.myBookings,
                  edges: [...prev.myBookings.edges, ...fetchMoreResult.myBookings.edges],
                },
              }),
            })
          }
        >
          {t('bookings.older')}
        </button>
      )}
    </div>
  );
}
