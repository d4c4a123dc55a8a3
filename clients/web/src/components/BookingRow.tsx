import type { ReactNode } from 'react';
import type { BookingListItemFragment } from '../gql/graphql';
import { useT } from '../i18n';
import { Link } from '../lib/router';
import { StatusBadge } from './feedback';

/**
 * One booking in a list, linking to its page: what and when on the left (the page's own words), the status
 * and the amount on the right.
 */
export function BookingRow({
  to,
  testId,
  status,
  amount,
  title,
  details,
}: {
  to: string;
  testId: string;
  status: string;
  amount: { amount: number; currency: string };
  title: ReactNode;
  details: ReactNode;
}) {
  const { fmt } = useT();
  return (
    <li>
      <Link to={to} className="list-row" data-testid={testId}>
        <div>
          <strong>{title}</strong>
          <span className="muted small">{details}</span>
        </div>
        <div className="right">
          <StatusBadge status={status} />
          <span className="small">{fmt.money(amount)}</span>
        </div>
      </Link>
    </li>
  );
}

/** A passenger's booking (BookingListItem): the route's cities, the departure, the company and `seats` in words. */
export function PassengerBookingRow({
  booking,
  testId,
  seats,
}: {
  booking: BookingListItemFragment;
  testId: string;
  seats: string;
}) {
  const { fmt } = useT();
  const { trip } = booking;
  return (
    <BookingRow
      to={`/bookings/${booking.id}`}
      testId={testId}
      status={booking.status}
      amount={booking.totalAmount}
      title={
        <>
          {trip.route.origin.city} → {trip.route.destination.city}
        </>
      }
      details={
        <>
          {fmt.dateTime(trip.departureAt, trip.timeZone)} · {trip.company.name} · {seats}
        </>
      }
    />
  );
}
