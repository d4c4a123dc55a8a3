import { useMutation, useQuery } from '@apollo/client/react';
import { useRef, useState } from 'react';
import type { CashRefundsDueQuery, CashShiftDetailsFragment, CounterSalesQuery } from '../../gql/graphql';
import { BookingRow } from '../../components/BookingRow';
import { LoadMore } from '../../components/LoadMore';
import { Empty, ErrorNote, Loading } from '../../components/feedback';
import { useT } from '../../i18n';
import { newIdempotencyKey } from '../../lib/format';
import { Link } from '../../lib/router';
import { useSession } from '../../lib/session';
import {
  CASH_REFUNDS_DUE,
  CLOSE_CASH_SHIFT,
  COUNTER_SALES,
  HAND_OUT_CASH_REFUND,
  SEND_CASH_REFUND_CODE,
  MY_CASH_SHIFT,
} from './counter-documents';

/**
 * The agent's till: the open shift's cash per currency (never added across currencies), closing it at the
 * end of the day with its final totals, the company's cash refunds owed to passengers who were not at the
 * counter (handed out here when they come; the cash leaves this shift's drawer), and the agent's counter sales. A
 * COUNTER_AGENT sees only their own
 * sales (the server forces it); a COMPANY_ADMIN at the counter sees their own too (soldBy themselves).
 */
export function ShiftPage() {
  const { t } = useT('counter');
  const shift = useQuery(MY_CASH_SHIFT, { fetchPolicy: 'cache-and-network' });
  const [close, closing] = useMutation(CLOSE_CASH_SHIFT);
  const [closed, setClosed] = useState<CashShiftDetailsFragment | null>(null);
  const open = shift.data?.myCashShift;

  async function closeShift() {
    if (!window.confirm(t('shift.closeConfirm'))) return;
    const result = await close().catch(() => undefined);
    if (result?.data) {
      setClosed(result.data.closeCashShift);
      await shift.refetch().catch(() => undefined);
    }
  }

  return (
    <div className="page narrow">
      <header className="page-header row">
        <h1>{t('shift.title')}</h1>
        <Link className="button" to="/counter">
          {t('shift.sell')}
        </Link>
      </header>
      {closed && (
        <section className="card" aria-label={t('shift.closedLabel')} data-testid="closed-shift">
          <div className="note ok" role="status">
            {t('shift.closed')}
          </div>
          <ShiftTotals shift={closed} />
        </section>
      )}
      {shift.error && <ErrorNote error={shift.error} />}
      {shift.loading && !shift.data ? (
        <Loading />
      ) : open ? (
        <section className="card" aria-label={t('shift.openLabel')} data-testid="open-shift">
          <ShiftTotals shift={open} />
          {closing.error && <ErrorNote error={closing.error} />}
          <button type="button" className="button primary" disabled={closing.loading} onClick={() => void closeShift()}>
            {closing.loading ? t('shift.closing') : t('shift.close')}
          </button>
        </section>
      ) : (
        !shift.error && <Empty>{t('shift.none')}</Empty>
      )}
      <RefundsDue onHandedOut={() => void shift.refetch().catch(() => undefined)} />
      <Sales />
    </div>
  );
}

function ShiftTotals({ shift }: { shift: CashShiftDetailsFragment }) {
  const { t, fmt } = useT('counter');
  return (
    <>
      <p className="muted">
        {shift.closedAt
          ? t('shift.period', { from: fmt.dateTime(shift.openedAt), to: fmt.dateTime(shift.closedAt) })
          : t('shift.since', { from: fmt.dateTime(shift.openedAt) })}{' '}
        · {t('shift.payments', { count: shift.paymentCount })} · {t('shift.refunds', { count: shift.refundCount })}
      </p>
      {shift.totals.length === 0 ? (
        <p className="muted">{t('shift.noCash')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>{t('shift.currency')}</th>
              <th className="num">{t('shift.taken')}</th>
              <th className="num">{t('shift.refunded')}</th>
              <th className="num">{t('shift.net')}</th>
            </tr>
          </thead>
          <tbody>
            {shift.totals.map((total) => (
              <tr key={total.currency} data-testid="shift-total" data-currency={total.currency}>
                <td>{total.currency}</td>
                <td className="num">{fmt.money(total.taken)}</td>
                <td className="num" data-testid="shift-refunded">
                  {fmt.money(total.refunded)}
                </td>
                <td className="num" data-testid="shift-net">
                  <strong>{fmt.money(total.net)}</strong>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/**
 * The company's owed cash refunds (docs/counter-sales.md#cash-and-shifts), oldest first, 20 at a time. Handing
 * one out records it on the agent's shift (opened if none is), so the shift is read again afterwards.
 */
function RefundsDue({ onHandedOut }: { onHandedOut(): void }) {
  const { t } = useT('counter');
  const { session } = useSession();
  const companyId = session?.user.companyId;
  const { data, loading, error, fetchMore, refetch } = useQuery(CASH_REFUNDS_DUE, {
    variables: { companyId: companyId ?? '', first: 20 },
    skip: !companyId,
    fetchPolicy: 'cache-and-network',
  });
  if (!companyId) return null;
  if (error) return <ErrorNote error={error} />;
  if (loading && !data) return <Loading />;
  const connection = data!.cashRefundsDue;
  return (
    <section aria-label={t('refunds.title')} data-testid="refunds-due">
      <h2>{t('refunds.title')}</h2>
      <p className="muted small">{t('refunds.intro')}</p>
      {connection.edges.length === 0 ? (
        <Empty>{t('refunds.none')}</Empty>
      ) : (
        <table className="table card">
          <thead>
            <tr>
              <th>{t('refunds.booking')}</th>
              <th>{t('refunds.passenger')}</th>
              <th className="num">{t('refunds.amount')}</th>
              <th>{t('refunds.reason')}</th>
              <th>{t('refunds.dueSince')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {connection.edges.map(({ node }) => (
              <RefundDueRow
                key={node.id}
                refund={node}
                onHandedOut={() => {
                  void refetch().catch(() => undefined);
                  onHandedOut();
                }}
              />
            ))}
          </tbody>
        </table>
      )}
      <LoadMore<CashRefundsDueQuery> connection={connection} field="cashRefundsDue" fetchMore={fetchMore} />
    </section>
  );
}

type RefundDue = CashRefundsDueQuery['cashRefundsDue']['edges'][number]['node'];

/**
 * One owed refund: the passenger's code (texted to them when the refund became due; an admin may leave it empty),
 * its "Hand out" button and "Send a new code". The idempotency key lives as long as the row, so a retry after a
 * lost answer hands the same refund out once; the server's refusal (ALREADY_REFUNDED when a colleague was
 * quicker, INVALID_REFUND_CODE, …) is shown translated under the row.
 */
function RefundDueRow({ refund, onHandedOut }: { refund: RefundDue; onHandedOut(): void }) {
  const { t, fmt } = useT('counter');
  const [handOut, handing] = useMutation(HAND_OUT_CASH_REFUND);
  const [sendCode, sending] = useMutation(SEND_CASH_REFUND_CODE);
  const key = useRef<string | null>(null);
  const [done, setDone] = useState(false);
  const [code, setCode] = useState('');
  const [codeSent, setCodeSent] = useState(false);
  const walkIn = refund.booking.walkIn;

  async function give() {
    if (!window.confirm(t('refunds.confirm', { amount: fmt.money(refund.amount) }))) return;
    key.current ??= newIdempotencyKey();
    const result = await handOut({
      variables: { paymentId: refund.payment.id, idempotencyKey: key.current, code: code.trim() || null },
    }).catch(() => undefined);
    if (result?.data) {
      setDone(true);
      onHandedOut();
    }
  }

  async function resend() {
    setCodeSent(false);
    const result = await sendCode({ variables: { paymentId: refund.payment.id } }).catch(() => undefined);
    if (result?.data) setCodeSent(true);
  }

  return (
    <>
      <tr data-testid="refund-due" data-booking={refund.booking.id}>
        <td className="mono small">
          {walkIn ? (
            <Link to={`/counter/bookings/${refund.booking.id}`}>{refund.booking.id.slice(0, 8)}</Link>
          ) : (
            refund.booking.id.slice(0, 8)
          )}
        </td>
        <td>{walkIn?.name ?? '—'}</td>
        <td className="num" data-testid="refund-amount">
          {fmt.money(refund.amount)}
        </td>
        <td>{t(`refunds.reasons.${refund.reason}`, { defaultValue: refund.reason })}</td>
        <td className="small">{fmt.dateTime(refund.dueSince)}</td>
        <td className="num">
          <input
            className="small"
            aria-label={t('refunds.code')}
            title={t('refunds.codeHint')}
            placeholder={t('refunds.code')}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            size={8}
            value={code}
            disabled={done}
            onChange={(event) => setCode(event.target.value.replace(/\D/g, ''))}
          />{' '}
          <button
            type="button"
            className="button small primary"
            disabled={handing.loading || done}
            onClick={() => void give()}
          >
            {handing.loading ? t('refunds.handingOut') : done ? t('refunds.handedOut') : t('refunds.handOut')}
          </button>{' '}
          <button
            type="button"
            className="button small"
            disabled={sending.loading || done}
            onClick={() => void resend()}
          >
            {sending.loading ? t('refunds.sendingCode') : t('refunds.sendCode')}
          </button>
        </td>
      </tr>
      {(handing.error || sending.error || codeSent) && (
        <tr>
          <td colSpan={6}>
            {handing.error && <ErrorNote error={handing.error} />}
            {sending.error && <ErrorNote error={sending.error} />}
            {codeSent && !sending.error && <p className="small">{t('refunds.codeSent')}</p>}
          </td>
        </tr>
      )}
    </>
  );
}

/** The signed-in seller's counter sales, newest first, 20 at a time. */
function Sales() {
  const { t, fmt } = useT('counter');
  const { session } = useSession();
  const companyId = session?.user.companyId;
  const { data, loading, error, fetchMore } = useQuery(COUNTER_SALES, {
    variables: { companyId: companyId ?? '', soldBy: session?.user.id, first: 20 },
    skip: !companyId,
    fetchPolicy: 'cache-and-network',
  });
  if (!companyId) return null;
  if (error) return <ErrorNote error={error} />;
  if (loading && !data) return <Loading />;
  const connection = data!.counterSales;
  return (
    <section aria-label={t('shift.sales')}>
      <h2>{t('shift.sales')}</h2>
      {connection.edges.length === 0 && <Empty>{t('shift.noSales')}</Empty>}
      {connection.edges.length > 0 && (
        <ul className="list card">
          {connection.edges.map(({ node }) => (
            <BookingRow
              key={node.id}
              to={node.status === 'CONFIRMED' ? `/counter/print/${node.id}` : `/counter/bookings/${node.id}`}
              testId="counter-sale"
              status={node.status}
              amount={node.totalAmount}
              title={
                <>
                  {node.segment.boarding?.city ?? node.trip.route.origin.city} →{' '}
                  {node.segment.alighting?.city ?? node.trip.route.destination.city} · {node.walkIn?.name ?? '—'}
                </>
              }
              details={
                <>
                  {fmt.dateTime(node.segment.boarding?.departsAt ?? node.trip.departureAt, node.trip.timeZone)} ·{' '}
                  {t('shift.seats', { seats: node.tickets.map((ticket) => ticket.seatNumber).join(', ') })}
                  {node.claimed && <> · {t('shift.claimed')}</>}
                </>
              }
            />
          ))}
        </ul>
      )}
      <LoadMore<CounterSalesQuery> connection={connection} field="counterSales" fetchMore={fetchMore} />
    </section>
  );
}
