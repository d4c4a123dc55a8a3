import { useMutation } from '@apollo/client/react';
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { PaymentMethod, PaymentStatus } from '../gql/graphql';
import { newIdempotencyKey } from '../lib/format';
import { CANCEL_BOOKING, START_PAYMENT } from '../pages/passenger/booking-documents';
import { Countdown } from './Countdown';
import { ErrorNote } from './feedback';

const OPERATORS = [
  ['MTN_MOMO', 'MTN MoMo'],
  ['AIRTEL_MONEY', 'Airtel Money'],
] as const;

/** What the mobile money form needs of a booking; its newest payment comes first. */
interface PayableBooking {
  id: string;
  totalAmount: { amount: number; currency: string };
  payments: { status: PaymentStatus }[];
}

/**
 * Mobile money for a held booking, online or at the counter: the operator, the wallet's phone number, then
 * startPayment; the passenger approves it on their phone. The texts are the page's own (`labels`); what the
 * page shows above the operators comes as `children`.
 */
export function MobileMoneyForm({
  booking,
  labels,
  methodField,
  initial,
  ownPhone = false,
  children,
}: {
  booking: PayableBooking;
  labels: { form: string; operators: string; phone: string; sending: string; submit: string };
  /** The operator radios' name. */
  methodField: string;
  initial?: { method?: PaymentMethod; phone?: string };
  /** The signed-in user's own phone: the browser may fill it in and a sample number shows the format. */
  ownPhone?: boolean;
  children?: ReactNode;
}) {
  const [method, setMethod] = useState<PaymentMethod>(initial?.method ?? 'MTN_MOMO');
  const [phone, setPhone] = useState(initial?.phone ?? '');
  const [pay, { loading, error }] = useMutation(START_PAYMENT);
  // One key per attempt: a retried request after a network error cannot charge twice.
  const attempt = useRef<{ key: string; input: string } | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input = { bookingId: booking.id, method, phone: phone.trim() };
    const fingerprint = JSON.stringify(input);
    // A failed payment is over: trying again is a new attempt with a new key.
    if (attempt.current?.input !== fingerprint || booking.payments[0]?.status === 'FAILED')
      attempt.current = { key: newIdempotencyKey(), input: fingerprint };
    await pay({ variables: { input, idempotencyKey: attempt.current.key } }).catch(() => undefined);
  }

  return (
    <form className="pay-form" onSubmit={submit} aria-label={labels.form}>
      {children}
      <MethodChoice
        label={labels.operators}
        name={methodField}
        options={OPERATORS}
        value={method}
        onChange={setMethod}
      />
      <label>
        {labels.phone}
        <input
          name="phone"
          type="tel"
          inputMode="tel"
          {...(ownPhone ? { placeholder: '0788 123 456', autoComplete: 'tel' } : {})}
          required
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
        />
      </label>
      {error && <ErrorNote error={error} />}
      <button className="button primary wide" type="submit" disabled={loading}>
        {loading ? labels.sending : labels.submit}
      </button>
    </form>
  );
}

/** How to pay, as radio buttons drawn as tiles: `options` are pairs of value and label. */
export function MethodChoice<V extends string>({
  label,
  name,
  options,
  value,
  onChange,
}: {
  label: string;
  name: string;
  options: readonly (readonly [NoInfer<V>, string])[];
  value: V;
  onChange(value: NoInfer<V>): void;
}) {
  return (
    <div className="methods" role="radiogroup" aria-label={label}>
      {options.map(([option, text]) => (
        <label key={option} className={`method ${value === option ? 'active' : ''}`}>
          <input type="radio" name={name} value={option} checked={value === option} onChange={() => onChange(option)} />
          {text}
        </label>
      ))}
    </div>
  );
}

/** A mobile money payment sent: waiting for the passenger to approve it on their phone, with the hold's time left. */
export function AwaitingApproval({
  title,
  text,
  stillHeld,
  expiresAt,
  onExpire,
}: {
  title: string;
  text: string;
  stillHeld: string;
  expiresAt?: string | null;
  onExpire(): void;
}) {
  return (
    <div className="card center" aria-live="polite">
      <div className="pulse" aria-hidden>
        📱
      </div>
      <h2>{title}</h2>
      <p className="muted">{text}</p>
      {expiresAt && (
        <p className="muted small">
          {stillHeld} <Countdown until={expiresAt} onExpire={onExpire} />
        </p>
      )}
    </div>
  );
}

/** Cancelling a booking (releasing a hold), after a confirmation question when `confirm` is given. */
export function CancelBookingButton({
  bookingId,
  label,
  busyLabel,
  confirm,
}: {
  bookingId: string;
  label: string;
  /** Shown while the cancellation is sent. */
  busyLabel: string;
  confirm?: string;
}) {
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
        {loading ? busyLabel : label}
      </button>
    </div>
  );
}
