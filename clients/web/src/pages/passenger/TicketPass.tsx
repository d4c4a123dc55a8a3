import { useState } from 'react';
import type { BookingDetailsFragment } from '../../gql/graphql';
import { StatusBadge } from '../../components/feedback';
import { formatDate, formatDateTime, formatTime } from '../../lib/format';

type Ticket = BookingDetailsFragment['tickets'][number];

/** A boarding pass: the QR the driver scans, with the token as text for pasting when a camera fails. */
export function TicketPass({ ticket, trip }: { ticket: Ticket; trip: BookingDetailsFragment['trip'] }) {
  const [copied, setCopied] = useState(false);
  // The passenger's own stop: an intermediate one is passed later than the trip's departure.
  const departsAt = ticket.segment.boarding?.departsAt ?? trip.departureAt;
  return (
    <article className="pass card" data-testid="ticket-pass" aria-label={`Boarding pass for seat ${ticket.seatNumber}`}>
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
            alt={`QR boarding pass for seat ${ticket.seatNumber}`}
            width={200}
            height={200}
            data-testid="ticket-qr"
          />
        ) : (
          <div className="qr placeholder">{ticket.status === 'CONFIRMED' ? 'Issuing your pass…' : 'No pass'}</div>
        )}
        <dl className="facts">
          <dt>Passenger</dt>
          <dd>{ticket.passengerName}</dd>
          <dt>Seat</dt>
          <dd className="big">{ticket.seatNumber}</dd>
          <dt>Boards</dt>
          <dd>
            {formatDate(departsAt)} · {formatTime(departsAt)}
            {ticket.segment.boarding && <span className="muted"> · {ticket.segment.boarding.city}</span>}
          </dd>
          {ticket.segment.alighting && (
            <>
              <dt>Gets off</dt>
              <dd>
                {formatTime(ticket.segment.alighting.departsAt)} · {ticket.segment.alighting.city}
              </dd>
            </>
          )}
          <dt>Bus</dt>
          <dd>{trip.bus.plateNumber}</dd>
          {ticket.qr && (
            <>
              <dt>Valid until</dt>
              <dd>{formatDateTime(ticket.qr.validUntil)}</dd>
            </>
          )}
        </dl>
      </div>
      {ticket.qr && (
        <details className="token">
          <summary>Pass code</summary>
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
            {copied ? 'Copied' : 'Copy'}
          </button>
        </details>
      )}
    </article>
  );
}
