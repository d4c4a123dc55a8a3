// Platform admins: the SMS and e-mails sent to passengers, with their delivery state and history.
import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Empty, ErrorNote, Loading, StatusBadge } from '../../components/feedback';
import { graphql } from '../../gql';
import type { MessageKind, MessageStatus, NotificationChannel } from '../../gql/graphql';
import { useT } from '../../i18n';
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
export function MessagesPage() {
  const { t, fmt } = useT('admin');
  const kindLabel = (value: string) => t(`kind.${value}`, { defaultValue: value.replace(/_/g, ' ').toLowerCase() });
  const statusLabel = (value: string) =>
    t(`common:status.${value}`, { defaultValue: value.replace(/_/g, ' ').toLowerCase() });
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
        <h1>{t('title')}</h1>
        <p className="muted">{t('intro')}</p>
      </header>
      <form className="search-form card" aria-label={t('filter')} onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('status')}
          <select name="status" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">{t('any')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('channel')}
          <select name="channel" value={channel} onChange={(e) => setChannel(e.target.value)}>
            <option value="">{t('any')}</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`channels.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('about')}
          <select name="kind" value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">{t('anything')}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {kindLabel(k)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('address')}
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
      {connection && connection.edges.length === 0 && <Empty>{t('none')}</Empty>}
      {connection && connection.edges.length > 0 && (
        <ul className="list card" data-testid="messages">
          {connection.edges.map(({ node }) => (
            <li key={node.id} className="list-row" data-testid="message-row">
              <div>
                <strong>
                  {t('to', { channel: t(`channels.${node.channel}`), address: node.address })} · {kindLabel(node.kind)}{' '}
                  · {node.language}
                </strong>
                {node.subject && <div>{node.subject}</div>}
                <p className="small" style={{ whiteSpace: 'pre-wrap' }}>
                  {node.body}
                </p>
                <span className="muted small">
                  {t('written', { when: fmt.dateTime(node.createdAt) })}
                  {node.sentAt ? ` · ${t('sent', { when: fmt.dateTime(node.sentAt) })}` : ''} ·{' '}
                  {t('attempts', { count: node.attempts })}
                  {node.bookingId && (
                    <>
                      {' · '}
                      <Link to={`/bookings/${node.bookingId}`}>{t('booking')}</Link>
                    </>
                  )}
                </span>
                {node.lastError && <div className="small note error">{node.lastError}</div>}
                <details className="small">
                  <summary>{t('history')}</summary>
                  <ol>
                    {node.history.map((h) => (
                      <li key={`${h.status}-${h.attempt}-${h.at}`}>
                        {fmt.dateTime(h.at)} — {statusLabel(h.status)}
                        {h.attempt > 0 ? ` (${t('attempt', { attempt: h.attempt })})` : ''}
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
          {t('older')}
        </button>
      )}
    </div>
  );
}
