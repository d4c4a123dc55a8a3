import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { graphql } from '../../gql';
import type { ClaimBookingsMutation } from '../../gql/graphql';
import { PassengerBookingRow } from '../../components/BookingRow';
import { ErrorNote } from '../../components/feedback';
import { useT } from '../../i18n';
import { Link } from '../../lib/router';

const REQUEST_CLAIM = graphql(`
  mutation RequestBookingClaim($phone: String!) {
    requestBookingClaim(phone: $phone)
  }
`);

const CLAIM = graphql(`
  mutation ClaimBookings($phone: String!, $code: String!) {
    claimBookings(phone: $phone, code: $code) {
      ...BookingListItem
      claimed
    }
  }
`);

/**
 * Taking tickets bought at a counter into the passenger's account: the phone given at the counter gets a
 * 6-digit code by SMS (requestBookingClaim), and the code moves every unclaimed sale of that phone here
 * (claimBookings). The server never says whether a phone has sales: the page always asks for the code.
 */
export function ClaimPage() {
  const { t } = useT('counter');
  const [phone, setPhone] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [request, requesting] = useMutation(REQUEST_CLAIM);
  const [claim, claiming] = useMutation(CLAIM);
  const [claimed, setClaimed] = useState<ClaimBookingsMutation['claimBookings'] | null>(null);

  async function ask(event?: FormEvent) {
    event?.preventDefault();
    const result = await request({ variables: { phone: phone.trim() } }).catch(() => undefined);
    if (result?.data) {
      setSentTo(phone.trim());
      setCode('');
    }
  }

  async function submitCode(event: FormEvent) {
    event.preventDefault();
    if (!sentTo) return;
    // The same code again answers the same bookings: a retry after a lost answer is harmless.
    const result = await claim({ variables: { phone: sentTo, code: code.trim() } }).catch(() => undefined);
    if (result?.data) setClaimed(result.data.claimBookings);
  }

  return (
    <div className="page narrow">
      <Link to="/bookings" className="back">
        ← {t('common:nav.bookings')}
      </Link>
      <header className="page-header">
        <h1>{t('claim.title')}</h1>
        <p className="muted">{t('claim.intro')}</p>
      </header>
      {claimed ? (
        <Claimed bookings={claimed} />
      ) : !sentTo ? (
        <form className="card pay-form" onSubmit={(e) => void ask(e)} aria-label={t('claim.phoneLabel')}>
          <label>
            {t('claim.phone')}
            <input
              name="claim-phone"
              type="tel"
              inputMode="tel"
              autoComplete="tel"
              placeholder="0788 123 456"
              required
              value={phone}
              onChange={(e) => setPhone(e.target.value)}
            />
          </label>
          {requesting.error && <ErrorNote error={requesting.error} />}
          <button className="button primary wide" type="submit" disabled={requesting.loading}>
            {requesting.loading ? t('claim.sending') : t('claim.sendCode')}
          </button>
        </form>
      ) : (
        <form className="card pay-form" onSubmit={(e) => void submitCode(e)} aria-label={t('claim.codeLabel')}>
          <p role="status">{t('claim.sent', { phone: sentTo })}</p>
          <label>
            {t('claim.code')}
            <input
              name="claim-code"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9]{6}"
              maxLength={6}
              required
              value={code}
              onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
            />
          </label>
          {claiming.error && <ErrorNote error={claiming.error} />}
          {requesting.error && <ErrorNote error={requesting.error} />}
          <button className="button primary wide" type="submit" disabled={claiming.loading || code.length !== 6}>
            {claiming.loading ? t('claim.claiming') : t('claim.claim')}
          </button>
          <div className="row">
            <button
              type="button"
              className="button ghost small"
              disabled={requesting.loading}
              onClick={() => void ask()}
            >
              {t('claim.resend')}
            </button>
            <button
              type="button"
              className="button ghost small"
              onClick={() => (setSentTo(null), setCode(''), claiming.reset())}
            >
              {t('claim.otherPhone')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

function Claimed({ bookings }: { bookings: ClaimBookingsMutation['claimBookings'] }) {
  const { t } = useT('counter');
  return (
    <section aria-label={t('claim.resultLabel')}>
      <div className="note ok" role="status" data-testid="claim-result">
        {t('claim.done', { count: bookings.length })}
      </div>
      {bookings.length > 0 && (
        <ul className="list card">
          {bookings.map((booking) => (
            <PassengerBookingRow
              key={booking.id}
              booking={booking}
              testId="claimed-booking"
              seats={t('shift.seats', { seats: booking.tickets.map((ticket) => ticket.seatNumber).join(', ') })}
            />
          ))}
        </ul>
      )}
      <Link className="button" to="/bookings">
        {t('claim.toBookings')}
      </Link>
    </section>
  );
}
