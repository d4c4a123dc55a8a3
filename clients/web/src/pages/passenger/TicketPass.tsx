import { useState } from 'react';
import type { BookingDetailsFragment } from '../../gql/graphql';
import { StatusBadge } from '../../components/feedback';
import { useT } from '../../i18n';

type Ticket = BookingDetailsFragment['tickets'][number];

/** A boarding pass: the QR the driver scans, with the token as text for pasting when a camera fails. */
export function TicketPass({ ticket, trip }: { ticket: Ticket; trip: BookingDetailsFragment['trip'] }) {
  const [copied, setCopied] = useState(false);
  const { t, fmt } = useT('passenger');
  // The passenger's own stop: an intermediate one is passed later than the trip's departure.
  const departsAt = ticket.segment.boarding?.departsAt ?? trip.departureAt;
  return (
    <article className="pass card" data-testid="ticket-pass" aria-label={t('pass.label', { seat: ticket.seatNumber })}>
      <div className="pass-head">
        <div>
          <span className="muted small">{trip.company.name}</span>
          <h3 data-testid="pass-segment">
            {ticket.segment.boarding?.name ?? trip.route.origin.name} →{' '}
            {ticket.segment.alighting?.name ?? trip.route.destination.name}
          </h3>
        </div>
        <StatusBadge status={ticket.status} />
      </div>
      <div className="pass-body">
        {ticket.qr ? (
          <img
            className="qr"
            src={ticket.qr.pngDataUrl}
            alt={t('pass.qr', { seat: ticket.seatNumber })}
            width={200}
            height={200}
            data-testid="ticket-qr"
          />
        ) : (
          <div className="qr placeholder">{ticket.status === 'CONFIRMED' ? t('pass.issuing') : t('pass.none')}</div>
        )}
        <dl className="facts">
          <dt>{t('pass.passenger')}</dt>
          <dd>{ticket.passengerName}</dd>
          <dt>{t('pass.seat')}</dt>
          <dd className="big">{ticket.seatNumber}</dd>
          <dt>{t('pass.boards')}</dt>
          <dd>
            {fmt.date(departsAt, trip.timeZone)} · {fmt.time(departsAt, trip.timeZone)}
            {ticket.segment.boarding && <span className="muted"> · {ticket.segment.boarding.city}</span>}
          </dd>
          {ticket.segment.alighting && (
            <>
              <dt>{t('pass.getsOff')}</dt>
              <dd>
                {fmt.time(ticket.segment.alighting.departsAt, trip.timeZone)} · {ticket.segment.alighting.city}
              </dd>
            </>
          )}
          <dt>{t('pass.bus')}</dt>
          <dd>{trip.bus.plateNumber}</dd>
          {ticket.qr && (
            <>
              <dt>{t('pass.validUntil')}</dt>
              <dd>{fmt.dateTime(ticket.qr.validUntil, trip.timeZone)}</dd>
            </>
          )}
        </dl>
      </div>
      {ticket.qr && (
        <details className="token">
          <summary>{t('pass.code')}</summary>
          <textarea
            readOnly
            rows={3}
            value={ticket.qr.token}
            data-testid="ticket-token"
            onFocus={(e) => e.target.select()}
          />
          <button
            type="button"
            className="button small"
            onClick={() =>
              void navigator.clipboard?.writeText(ticket.qr!.token).then(
                () => setCopied(true),
                () => undefined,
              )
            }
          >
            {copied ? t('pass.copied') : t('pass.copy')}
          </button>
        </details>
      )}
    </article>
  );
}
