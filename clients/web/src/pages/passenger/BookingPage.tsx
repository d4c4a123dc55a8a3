import { useQuery, useSubscription } from '@apollo/client/react';
import { useEffect } from 'react';
import type { BookingDetailsFragment } from '../../gql/graphql';
import { Countdown } from '../../components/Countdown';
import { ErrorNote, Loading, StatusBadge } from '../../components/feedback';
import { AwaitingApproval, CancelBookingButton, MobileMoneyForm } from '../../components/payment';
import { useT } from '../../i18n';
import { Link } from '../../lib/router';
import { BOOKING, BOOKING_CHANGED } from './booking-documents';
import { TicketPass } from './TicketPass';

export function BookingPage({ bookingId }: { bookingId: string }) {
  const { t, fmt } = useT('passenger');
  const { data, loading, error, refetch, startPolling, stopPolling } = useQuery(BOOKING, {
    variables: { id: bookingId },
  });
  // Live status; the payload is normalised into the cache, so the page re-renders by itself.
  useSubscription(BOOKING_CHANGED, { variables: { bookingId } });
  const booking = data?.booking;
  // Live updates may be lost: while waiting on the payment (or on the QR pass), also ask now and then.
  const waiting =
    booking?.status === 'PENDING_PAYMENT' ||
    (booking?.status === 'CONFIRMED' && booking.tickets.some((t) => !t.qr && t.status === 'CONFIRMED'));
  useEffect(() => {
    if (!waiting) return;
    startPolling(2500);
    return () => stopPolling();
  }, [waiting, startPolling, stopPolling]);

  if (error) return <ErrorNote error={error} />;
  if (loading && !booking) return <Loading label={t('booking.loading')} />;
  if (!booking) return <ErrorNote error={t('booking.missing')} />;
  const { trip } = booking;

  return (
    <div className="page narrow">
      <Link to="/bookings" className="back">
        ← {t('common:nav.bookings')}
      </Link>
      <header className="page-header row">
        <div>
          <h1>
            {trip.route.origin.name} → {trip.route.destination.name}
          </h1>
          <p className="muted">
            {trip.company.name} · {fmt.dateTime(trip.departureAt, trip.timeZone)} ·{' '}
            {t('booking.bus', { plate: trip.bus.plateNumber })}
          </p>
        </div>
        <div data-testid="booking-status">
          <StatusBadge status={booking.status} />
        </div>
      </header>
      <BookingBody booking={booking} onExpire={() => void refetch()} />
    </div>
  );
}

function BookingBody({ booking, onExpire }: { booking: BookingDetailsFragment; onExpire(): void }) {
  const { t, fmt } = useT('passenger');
  const seats = booking.tickets.map((t) => t.seatNumber).join(', ');
  const failed = booking.payments[0]?.status === 'FAILED' ? booking.payments[0] : undefined;
  // The provider's reason in words when the errors table knows it (a full sentence), else none.
  const reason = failed?.failureReason ? t(`errors:reason.${failed.failureReason}`, { defaultValue: '' }) : '';
  switch (booking.status) {
    case 'HELD':
      return (
        <div className="card">
          <div className="hold-banner">
            <span>
              {t('booking.seatsHeld', { count: booking.tickets.length })} <strong>{seats}</strong> ·{' '}
              {t('booking.timeLeft')}
            </span>
            {booking.expiresAt && <Countdown until={booking.expiresAt} onExpire={onExpire} />}
          </div>
          {failed && (
            <div className="note error" role="alert">
              {reason ? t('booking.lastPaymentFailedBecause', { reason }) : t('booking.lastPaymentFailed')}
            </div>
          )}
          <PayForm booking={booking} />
          <CancelButton bookingId={booking.id} label={t('booking.release')} />
        </div>
      );
    case 'PENDING_PAYMENT':
      return (
        <AwaitingApproval
          title={t('booking.approveTitle')}
          text={t('booking.approveText', { amount: fmt.money(booking.totalAmount) })}
          stillHeld={t('booking.stillHeld')}
          expiresAt={booking.expiresAt}
          onExpire={onExpire}
        />
      );
    case 'CONFIRMED':
      return (
        <>
          <div className="note ok" role="status">
            {t('booking.confirmed')}
          </div>
          <div className="passes">
            {booking.tickets.map((ticket) => (
              <TicketPass key={ticket.id} ticket={ticket} trip={booking.trip} />
            ))}
          </div>
          <div className="card row">
            <span className="muted">{t('booking.paid', { amount: fmt.money(booking.totalAmount) })}</span>
            <CancelButton bookingId={booking.id} label={t('booking.cancel')} confirm={t('booking.cancelConfirm')} />
          </div>
        </>
      );
    default:
      return (
        <div className="card">
          <p>
            {booking.status === 'EXPIRED' && t('booking.expired')}
            {booking.status === 'CANCELLED' && t('booking.cancelled')}
            {booking.status === 'REFUNDED' && t('booking.refunded')}
          </p>
          {booking.refund && <p>{t('booking.refund', { amount: fmt.money(booking.refund) })}</p>}
          <Link className="button" to="/">
            {t('booking.searchAgain')}
          </Link>
        </div>
      );
  }
}

function PayForm({ booking }: { booking: BookingDetailsFragment }) {
  const { t, fmt } = useT('passenger');
  const amount = fmt.money(booking.totalAmount);
  return (
    <MobileMoneyForm
      booking={booking}
      methodField="method"
      ownPhone
      labels={{
        form: t('pay.label'),
        operators: t('pay.method'),
        phone: t('pay.phone'),
        sending: t('pay.sending'),
        submit: t('pay.amount', { amount }),
      }}
    >
      <h2>{t('pay.amount', { amount })}</h2>
    </MobileMoneyForm>
  );
}

function CancelButton({ bookingId, label, confirm }: { bookingId: string; label: string; confirm?: string }) {
  const { t } = useT('passenger');
  return (
    <CancelBookingButton bookingId={bookingId} label={label} busyLabel={t('booking.cancelling')} confirm={confirm} />
  );
}
