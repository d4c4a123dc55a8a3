// Platform admins: the SMS and e-mails sent to passengers, with their delivery state and history.
import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Empty, ErrorNote, Loading, StatusBadge } from '../../components/feedback';
import { graphql } from '../../gql';
import type { MessageKind, MessageStatus, NotificationChannel } from '../../gql/graphql';
import { formatDateTime } from '../../lib/format';
import { Link } from '../../lib/router';

const MESSAGES = graphql(`
  query NotificationMessages($first: Int, $after: String, $filter: NotificationMessageFilter) {
    notificationMessages(first: $first, after: $after, filter: $filter) {
      edges {
        cursor
        node {
          id
          channel
          kind
          address
          language
          subject
          body
          status
          attempts
          lastError
          bookingId
          createdAt
          sentAt
          history {
            status
            attempt
            detail
            at
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const STATUSES: MessageStatus[] = ['PENDING', 'SENDING', 'RETRYING', 'SENT', 'FAILED'];
const CHANNELS: NotificationChannel[] = ['SMS', 'EMAIL'];
const KINDS: MessageKind[] = [
  'BOOKING_CONFIRMED',
  'HOLD_EXPIRING',
  'TRIP_DELAYED',
  'TRIP_RESCHEDULED',
  'TRIP_CANCELLED',
  'REFUND_SENT',
];
const label = (value: string) => value.replace(/_/g, ' ').toLowerCase();

export function MessagesPage() {
  const [status, setStatus] = useState('');
  const [channel, setChannel] = useState('');
  const [kind, setKind] = useState('');
  const [address, setAddress] = useState('');
  const filter = {
    ...(status ? { status: status as MessageStatus } : {}),
    ...(channel ? { channel: channel as NotificationChannel } : {}),
    ...(kind ? { kind: kind as MessageKind } : {}),
    ...(address.trim() ? { address: address.trim() } : {}),
  };
  const { data, loading, error, fetchMore } = useQuery(MESSAGES, {
    variables: { first: 25, filter },
    fetchPolicy: 'cache-and-network',
  });
  const connection = data?.notificationMessages;

  return (
    <div className="page">
      <header className="page-header">
        <h1>Messages to passengers</h1>
        <p className="muted">SMS and e-mails about tickets, held seats, trip changes and refunds, newest first.</p>
      </header>
      <form className="search-form card" aria-label="Filter messages" onSubmit={(e) => e.preventDefault()}>
        <label>
          Status
          <select name="status" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">any</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {label(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Channel
          <select name="channel" value={channel} onChange={(e) => setChannel(e.target.value)}>
            <option value="">any</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {c === 'SMS' ? 'SMS' : 'e-mail'}
              </option>
            ))}
          </select>
        </label>
        <label>
          About
          <select name="kind" value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">anything</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {label(k)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Phone or e-mail
          <input
            name="address"
            type="search"
            maxLength={100}
            value={address}
            onChange={(e) => setAddress(e.target.value)}
            placeholder="+2507…"
          />
        </label>
      </form>
      {error && <ErrorNote error={error} />}
      {loading && !connection && <Loading />}
      {connection && connection.edges.length === 0 && <Empty>No messages match.</Empty>}
      {connection && connection.edges.length > 0 && (
        <ul className="list card" data-testid="messages">
          {connection.edges.map(({ node }) => (
            <li key={node.id} className="list-row" data-testid="message-row">
              <div>
                <strong>
                  {node.channel === 'SMS' ? 'SMS' : 'E-mail'} to {node.address} · {label(node.kind)} · {node.language}
                </strong>
                {node.subject && <div>{node.subject}</div>}
                <p className="small" style={{ whiteSpace: 'pre-wrap' }}>
                  {node.body}
                </p>
                <span className="muted small">
                  Written {formatDateTime(node.createdAt)}
                  {node.sentAt ? ` · sent ${formatDateTime(node.sentAt)}` : ''} · {node.attempts}{' '}
                  {node.attempts === 1 ? 'attempt' : 'attempts'}
                  {node.bookingId && (
                    <>
                      {' · '}
                      <Link to={`/bookings/${node.bookingId}`}>booking</Link>
                    </>
                  )}
                </span>
                {node.lastError && <div className="small note error">{node.lastError}</div>}
                <details className="small">
                  <summary>History</summary>
                  <ol>
                    {node.history.map((h) => (
                      <li key={`${h.status}-${h.attempt}-${h.at}`}>
                        {formatDateTime(h.at)} — {label(h.status)}
                        {h.attempt > 0 ? ` (attempt ${h.attempt})` : ''}
                        {h.detail ? `: ${h.detail}` : ''}
                      </li>
                    ))}
                  </ol>
                </details>
              </div>
              <div className="right">
                <StatusBadge status={node.status} />
              </div>
            </li>
          ))}
        </ul>
      )}
      {connection?.pageInfo.hasNextPage && (
        <button
          className="button"
          type="button"
          onClick={() =>
            void fetchMore({
              variables: { after: connection.pageInfo.endCursor },
              updateQuery: (prev, { fetchMoreResult }) => ({
                notificationMessages: {
                  ...fetchMoreResult.notificationMessages,
                  edges: [...prev.notificationMessages.edges, ...fetchMoreResult.notificationMessages.edges],
                },
              }),
            })
          }
        >
          Show older messages
        </button>
      )}
    </div>
  );
}
