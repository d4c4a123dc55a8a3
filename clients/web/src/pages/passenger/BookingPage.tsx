import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { BookingDetailsFragment, PaymentMethod } from '../../gql/graphql';
import { Countdown } from '../../components/Countdown';
import { ErrorNote, Loading, StatusBadge } from '../../components/feedback';
import { formatDateTime, formatMoney, newIdempotencyKey } from '../../lib/format';
import { Link } from '../../lib/router';
import { BOOKING, BOOKING_CHANGED, CANCEL_BOOKING, START_PAYMENT } from './booking-documents';
import { TicketPass } from './TicketPass';

export function BookingPage({ bookingId }: { bookingId: string }) {
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
  if (loading && !booking) return <Loading label="Loading your booking…" />;
  if (!booking) return <ErrorNote error="Booking not found." />;
  const { trip } = booking;

  return (
    <div className="page narrow">
      <Link to="/bookings" className="back">
        ← My bookings
      </Link>
      <header className="page-header row">
        <div>
          <h1>
            {trip.route.origin.name} → {trip.route.destination.name}
          </h1>
          <p className="muted">
            {trip.company.name} · {formatDateTime(trip.departureAt)} · bus {trip.bus.plateNumber}
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
  const seats = booking.tickets.map((t) => t.seatNumber).join(', ');
  const failed = booking.payments[0]?.status === 'FAILED' ? booking.payments[0] : undefined;
  switch (booking.status) {
    case 'HELD':
      return (
        <div className="card">
          <div className="hold-banner">
            <span>
              Seats <strong>{seats}</strong> are held for you for
            </span>
            {booking.expiresAt && <Countdown until={booking.expiresAt} onExpire={onExpire} />}
          </div>
          {failed && (
            <div className="note error" role="alert">
              The last payment did not go through
              {failed.failureReason ? ` (${failed.failureReason.replace(/_/g, ' ').toLowerCase()})` : ''}. You can try
              again.
            </div>
          )}
          <PayForm booking={booking} />
          <CancelButton bookingId={booking.id} label="Release these seats" />
        </div>
      );
    case 'PENDING_PAYMENT':
      return (
        <div className="card center" aria-live="polite">
          <div className="pulse" aria-hidden>
            📱
          </div>
          <h2>Approve the payment on your phone</h2>
          <p className="muted">
            We sent a request for {formatMoney(booking.totalAmount)}. Enter your PIN on your phone; this page updates by
            itself.
          </p>
          {booking.expiresAt && (
            <p className="muted small">
              Your seats stay held for <Countdown until={booking.expiresAt} onExpire={onExpire} />
            </p>
          )}
        </div>
      );
    case 'CONFIRMED':
      return (
        <>
          <div className="note ok" role="status">
            You're booked! Show the QR code to the driver when you board.
          </div>
          <div className="passes">
            {booking.tickets.map((ticket) => (
              <TicketPass key={ticket.id} ticket={ticket} trip={booking.trip} />
            ))}
          </div>
          <div className="card row">
            <span className="muted">Paid {formatMoney(booking.totalAmount)}</span>
            <CancelButton
              bookingId={booking.id}
              label="Cancel booking"
              confirm="Cancel this booking? The refund depends on how long before departure you cancel."
            />
          </div>
        </>
      );
    default:
      return (
        <div className="card">
          <p>
            {booking.status === 'EXPIRED' && 'The hold expired before payment, so the seats were released.'}
            {booking.status === 'CANCELLED' && 'This booking was cancelled.'}
            {booking.status === 'REFUNDED' && 'This booking was cancelled and refunded.'}
          </p>
          {booking.refund && <p>Refund: {formatMoney(booking.refund)} to the paying wallet.</p>}
          <Link className="button" to="/">
            Search again
          </Link>
        </div>
      );
  }
}

function PayForm({ booking }: { booking: BookingDetailsFragment }) {
  const [method, setMethod] = useState<PaymentMethod>('MTN_MOMO');
  const [phone, setPhone] = useState('');
  const [pay, { loading, error }] = useMutation(START_PAYMENT);
  // One key per attempt: a retried request after a network error cannot charge twice.
  const attempt = useRef<{ key: string; input: string } | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input = { bookingId: booking.id, method, phone: phone.trim() };
    const fingerprint = JSON.stringify(input);
    if (attempt.current?.input !== fingerprint || booking.payments[0]?.status === 'FAILED')
      attempt.current = { key: newIdempotencyKey(), input: fingerprint };
    await pay({ variables: { input, idempotencyKey: attempt.current.key } }).catch(() => undefined);
  }

  return (
    <form className="pay-form" onSubmit={submit} aria-label="Pay">
      <h2>Pay {formatMoney(booking.totalAmount)}</h2>
      <div className="methods" role="radiogroup" aria-label="Payment method">
        {(
          [
            ['MTN_MOMO', 'MTN MoMo'],
            ['AIRTEL_MONEY', 'Airtel Money'],
          ] as const
        ).map(([value, label]) => (
          <label key={value} className={`method ${method === value ? 'active' : ''}`}>
            <input
              type="radio"
              name="method"
              value={value}
              checked={method === value}
              onChange={() => setMethod(value)}
            />
            {label}
          </label>
        ))}
      </div>
      <label>
        Mobile money number
        <input
          name="phone"
          type="tel"
          inputMode="tel"
          placeholder="0788 123 456"
          autoComplete="tel"
          required
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
        />
      </label>
      {error && <ErrorNote error={error} />}
      <button className="button primary wide" type="submit" disabled={loading}>
        {loading ? 'Sending request…' : `Pay ${formatMoney(booking.totalAmount)}`}
      </button>
    </form>
  );
}

function CancelButton({ bookingId, label, confirm }: { bookingId: string; label: string; confirm?: string }) {
  const [cancel, { loading, error }] = useMutation(CANCEL_BOOKING);
  return (
    <div className="cancel">
      {error && <ErrorNote error={error} />}
      <button
        type="button"
        className="button ghost danger"
        disabled={loading}
        onClick={() => {
          if (confirm && !window.confirm(confirm)) return;
          void cancel({ variables: { bookingId } }).catch(() => undefined);
        }}
      >
        {loading ? 'Cancelling…' : label}
      </button>
    </div>
  );
}
