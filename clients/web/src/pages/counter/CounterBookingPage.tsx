import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { CounterBookingQuery } from '../../gql/graphql';
import { Countdown } from '../../components/Countdown';
import { ErrorNote, Loading, StatusBadge } from '../../components/feedback';
import { AwaitingApproval, CancelBookingButton, MethodChoice, MobileMoneyForm } from '../../components/payment';
import { useT } from '../../i18n';
import { newIdempotencyKey } from '../../lib/format';
import { currencyDigits, toMajor, toMinor } from '../../lib/money';
import { Link } from '../../lib/router';
import { BOOKING_CHANGED } from '../passenger/booking-documents';
import { COUNTER_BOOKING, RECORD_CASH } from './counter-documents';

type CounterBooking = NonNullable<CounterBookingQuery['booking']>;

/**
 * Taking the money for a counter sale: cash (the amount received, the change to hand back) or mobile money
 * from the passenger's phone, then the link to print the tickets. The status follows bookingStatusChanged
 * like the passenger's booking page, with polling while it waits in case a live update is lost.
 */
export function CounterBookingPage({ bookingId }: { bookingId: string }) {
  const { t, fmt } = useT('counter');
  const { data, loading, error, refetch, startPolling, stopPolling } = useQuery(COUNTER_BOOKING, {
    variables: { id: bookingId },
  });
  useSubscription(BOOKING_CHANGED, { variables: { bookingId } });
  // Cash recorded: ticketing confirms the booking once payment.succeeded reaches it, a moment later.
  const [cash, setCash] = useState<{ change: { amount: number; currency: string } } | null>(null);
  const booking = data?.booking;
  // Cash taken for this sale (also after a reload): its change stays on the page until the sale is closed.
  const cashPayment = booking?.payments.find((p) => p.method === 'CASH' && p.status === 'SUCCEEDED');
  const change = cash?.change ?? cashPayment?.cashChange ?? null;
  const cashTaken = cash !== null || cashPayment !== undefined;
  const waiting =
    booking?.status === 'PENDING_PAYMENT' ||
    (booking?.status === 'HELD' && cashTaken) ||
    (booking?.status === 'CONFIRMED' && booking.tickets.some((ticket) => !ticket.qr && ticket.status === 'CONFIRMED'));
  useEffect(() => {
    if (!waiting) return;
    startPolling(2000);
    return () => stopPolling();
  }, [waiting, startPolling, stopPolling]);

  if (error) return <ErrorNote error={error} />;
  if (loading && !booking) return <Loading />;
  if (!booking) return <ErrorNote error={t('checkout.missing')} />;
  const { trip } = booking;
  const seats = booking.tickets.map((ticket) => ticket.seatNumber).join(', ');
  const segment = booking.tickets[0]?.segment;
  const departs = segment?.boarding?.departsAt ?? trip.departureAt;

  return (
    <div className="page narrow">
      <Link to="/counter" className="back">
        ← {t('checkout.backToSales')}
      </Link>
      <header className="page-header row">
        <div>
          <h1>
            {segment?.boarding?.name ?? trip.route.origin.name} →{' '}
            {segment?.alighting?.name ?? trip.route.destination.name}
          </h1>
          <p className="muted">
            {trip.company.name} · {fmt.dateTime(departs, trip.timeZone)} · {t('checkout.seats', { seats })}
          </p>
          {booking.walkIn && (
            <p data-testid="walk-in">
              <strong>{booking.walkIn.name}</strong> · {booking.walkIn.phone}
            </p>
          )}
        </div>
        <div data-testid="booking-status">
          <StatusBadge status={booking.status} />
        </div>
      </header>
      {change && (
        <div className="note ok change-due" role="status" data-testid="cash-change">
          {t('checkout.changeDue', { change: fmt.money(change) })}
        </div>
      )}
      <CheckoutBody booking={booking} cashTaken={cashTaken} onCash={setCash} onExpire={() => void refetch()} />
    </div>
  );
}

function CheckoutBody({
  booking,
  cashTaken,
  onCash,
  onExpire,
}: {
  booking: CounterBooking;
  cashTaken: boolean;
  onCash(cash: { change: { amount: number; currency: string } }): void;
  onExpire(): void;
}) {
  const { t, fmt } = useT('counter');
  const [method, setMethod] = useState<'CASH' | 'MOBILE'>('CASH');
  switch (booking.status) {
    case 'HELD':
      if (cashTaken)
        return (
          <div className="card center" aria-live="polite">
            <Loading label={t('checkout.confirming')} />
          </div>
        );
      return (
        <div className="card">
          <div className="hold-banner">
            <span>
              {t('checkout.total', { amount: fmt.money(booking.totalAmount) })} · {t('checkout.timeLeft')}
            </span>
            {booking.expiresAt && <Countdown until={booking.expiresAt} onExpire={onExpire} />}
          </div>
          <MethodChoice
            label={t('checkout.method')}
            name="counter-method"
            options={[
              ['CASH', t('checkout.cash')],
              ['MOBILE', t('checkout.mobile')],
            ]}
            value={method}
            onChange={setMethod}
          />
          {method === 'CASH' ? (
            <CashForm booking={booking} onCash={onCash} />
          ) : (
            <CounterMobileMoney booking={booking} />
          )}
          <CancelButton bookingId={booking.id} label={t('checkout.release')} />
        </div>
      );
    case 'PENDING_PAYMENT':
      return (
        <AwaitingApproval
          title={t('checkout.approveTitle')}
          text={t('checkout.approveText', {
            amount: fmt.money(booking.totalAmount),
            phone: booking.walkIn?.phone ?? '',
          })}
          stillHeld={t('checkout.stillHeld')}
          expiresAt={booking.expiresAt}
          onExpire={onExpire}
        />
      );
    case 'CONFIRMED':
      return (
        <div className="card">
          <div className="note ok" role="status">
            {t('checkout.confirmed')}
          </div>
          <div className="row">
            <Link className="button primary" to={`/counter/print/${booking.id}`}>
              {t('checkout.print')}
            </Link>
            <Link className="button" to="/counter">
              {t('checkout.sellAnother')}
            </Link>
            <CancelButton bookingId={booking.id} label={t('checkout.cancel')} confirm={t('checkout.cancelConfirm')} />
          </div>
        </div>
      );
    default:
      return (
        <div className="card">
          <p>{t(`checkout.ended.${booking.status}`, { defaultValue: t('checkout.ended.other') })}</p>
          {booking.refund && <p>{t('checkout.refund', { amount: fmt.money(booking.refund) })}</p>}
          <Link className="button" to="/counter">
            {t('checkout.sellAnother')}
          </Link>
        </div>
      );
  }
}

/** Cash: what the passenger handed over, the change shown as it is typed, then recordCashPayment. */
function CashForm({
  booking,
  onCash,
}: {
  booking: CounterBooking;
  onCash(cash: { change: { amount: number; currency: string } }): void;
}) {
  const { t, fmt } = useT('counter');
  const total = booking.totalAmount;
  const [received, setReceived] = useState('');
  const [record, { loading, error }] = useMutation(RECORD_CASH);
  // One key per amount: a retry after a lost answer is the same payment, never a second one.
  const attempt = useRef<{ key: string; input: string } | null>(null);
  // Typed in major units (what the passenger hands over); sent in minor units like every amount.
  const minor = toMinor(received, total.currency);
  const amount = minor ?? 0;
  const typed = minor !== null;
  const change = typed ? amount - total.amount : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input = { bookingId: booking.id, amountReceived: amount };
    const fingerprint = JSON.stringify(input);
    if (attempt.current?.input !== fingerprint) attempt.current = { key: newIdempotencyKey(), input: fingerprint };
    const result = await record({ variables: { input, idempotencyKey: attempt.current.key } }).catch(() => undefined);
    const payment = result?.data?.recordCashPayment;
    if (payment)
      onCash({ change: payment.cashChange ?? { amount: amount - payment.amount.amount, currency: total.currency } });
  }

  return (
    <form className="pay-form" onSubmit={submit} aria-label={t('checkout.cashLabel')}>
      <label>
        {t('checkout.received', { currency: total.currency })}
        <input
          name="amount-received"
          type="number"
          inputMode="numeric"
          min={toMajor(total.amount, total.currency)}
          step={1 / 10 ** currencyDigits(total.currency)}
          required
          value={received}
          onChange={(e) => setReceived(e.target.value)}
        />
      </label>
      <div className="total" data-testid="change-preview">
        <span>{t('checkout.change')}</span>
        <strong className={change !== null && change < 0 ? 'warn-text' : ''}>
          {change === null
            ? '—'
            : change < 0
              ? t('checkout.short', { amount: fmt.money({ amount: -change, currency: total.currency }) })
              : fmt.money({ amount: change, currency: total.currency })}
        </strong>
      </div>
      {error && <ErrorNote error={error} />}
      <button className="button primary wide" type="submit" disabled={loading || change === null || change < 0}>
        {loading ? t('checkout.recording') : t('checkout.takeCash', { amount: fmt.money(total) })}
      </button>
    </form>
  );
}

/** Mobile money from the passenger's own wallet: they approve it on their phone, as online. */
function CounterMobileMoney({ booking }: { booking: CounterBooking }) {
  const { t, fmt } = useT('counter');
  const phone = booking.walkIn?.phone ?? '';
  // Rwandan numbering tells the operator (072/073 Airtel, 078/079 MTN); MTN otherwise.
  const method = /^(?:\+?250|0)7[23]/.test(phone) ? 'AIRTEL_MONEY' : 'MTN_MOMO';
  return (
    <MobileMoneyForm
      booking={booking}
      methodField="operator"
      initial={{ method, phone }}
      labels={{
        form: t('checkout.mobileLabel'),
        operators: t('checkout.operator'),
        phone: t('checkout.mobileNumber'),
        sending: t('checkout.sending'),
        submit: t('checkout.requestMobile', { amount: fmt.money(booking.totalAmount) }),
      }}
    >
      {booking.payments[0]?.status === 'FAILED' && (
        <div className="note error" role="alert">
          {t('checkout.mobileFailed')}
        </div>
      )}
    </MobileMoneyForm>
  );
}

function CancelButton({ bookingId, label, confirm }: { bookingId: string; label: string; confirm?: string }) {
  const { t } = useT('counter');
  return (
    <CancelBookingButton bookingId={bookingId} label={label} busyLabel={t('checkout.cancelling')} confirm={confirm} />
  );
}
