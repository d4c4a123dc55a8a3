import { useQuery } from '@apollo/client/react';
import { useEffect } from 'react';
import { ErrorNote, Loading, StatusBadge } from '../../components/feedback';
import { useT } from '../../i18n';
import { Link } from '../../lib/router';
import { TicketPass } from '../passenger/TicketPass';
import { COUNTER_BOOKING } from './counter-documents';
import './print.css';

/**
 * A counter sale's tickets on paper: the trip, the company, the walk-in passenger, the seats, the stretch,
 * the price and each ticket's QR pass (the passenger pages' TicketPass). print.css hides the navigation
 * and the on-screen controls when printing. The seller, the company's admins and its counter agents may
 * read the passes (qr decides), also to reprint a sale later.
 */
export function PrintTicketPage({ bookingId }: { bookingId: string }) {
  const { t, fmt } = useT('counter');
  const { data, loading, error, startPolling, stopPolling } = useQuery(COUNTER_BOOKING, {
    variables: { id: bookingId },
  });
  const booking = data?.booking;
  // qr issues the passes a moment after the confirmation: ask again until every pass is there.
  const issuing = booking?.status === 'CONFIRMED' && booking.tickets.some((ticket) => !ticket.qr);
  useEffect(() => {
    if (!issuing) return;
    startPolling(2000);
    return () => stopPolling();
  }, [issuing, startPolling, stopPolling]);

  if (error) return <ErrorNote error={error} />;
  if (loading && !booking) return <Loading />;
  if (!booking) return <ErrorNote error={t('checkout.missing')} />;
  const { trip } = booking;
  const segment = booking.tickets[0]?.segment;
  const departs = segment?.boarding?.departsAt ?? trip.departureAt;
  const arrives = segment?.alighting?.departsAt ?? trip.arrivalAt;
  const ready = booking.status === 'CONFIRMED' && !issuing;

  return (
    <div className="page narrow print-sheet">
      <div className="row no-print">
        <Link to={`/counter/bookings/${booking.id}`} className="back">
          ← {t('print.back')}
        </Link>
        <button type="button" className="button primary" disabled={!ready} onClick={() => window.print()}>
          {t('print.print')}
        </button>
      </div>
      {booking.status !== 'CONFIRMED' && (
        <div className="note error no-print" role="alert">
          {t('print.notConfirmed')}
        </div>
      )}
      <section className="card print-summary" aria-label={t('print.summary')} data-testid="print-summary">
        <header className="row">
          <div>
            <span className="muted small">{trip.company.name}</span>
            <h1>
              {segment?.boarding?.name ?? trip.route.origin.name} →{' '}
              {segment?.alighting?.name ?? trip.route.destination.name}
            </h1>
          </div>
          <StatusBadge status={booking.status} />
        </header>
        <dl className="facts">
          <dt>{t('print.route')}</dt>
          <dd>{trip.route.name}</dd>
          <dt>{t('print.departs')}</dt>
          <dd>{fmt.dateTime(departs, trip.timeZone)}</dd>
          <dt>{t('print.arrives')}</dt>
          <dd>{fmt.dateTime(arrives, trip.timeZone)}</dd>
          <dt>{t('print.bus')}</dt>
          <dd>
            {trip.bus.plateNumber} · {trip.bus.model}
          </dd>
          {booking.walkIn && (
            <>
              <dt>{t('print.passenger')}</dt>
              <dd data-testid="print-passenger">
                {booking.walkIn.name} · {booking.walkIn.phone}
              </dd>
            </>
          )}
          <dt>{t('print.seats')}</dt>
          <dd data-testid="print-seats">{booking.tickets.map((ticket) => ticket.seatNumber).join(', ')}</dd>
          <dt>{t('print.price')}</dt>
          <dd data-testid="print-price">{fmt.money(booking.totalAmount)}</dd>
          <dt>{t('print.booking')}</dt>
          <dd className="mono small">{booking.id}</dd>
        </dl>
      </section>
      <div className="passes">
        {booking.tickets.map((ticket) => (
          <TicketPass key={ticket.id} ticket={ticket} trip={trip} />
        ))}
      </div>
      <p className="muted small">{t('print.footer')}</p>
    </div>
  );
}
