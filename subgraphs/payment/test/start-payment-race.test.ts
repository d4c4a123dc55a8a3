// startPayment's first check of the booking (payment's copy of booking.held) is read before its transaction: a
// booking.cancelled (or booking.expired) handled between that read and the payment's insert must still refuse it, or
// the payer is charged for a booking whose seats are free again. The window is held open by an uncommitted insert of
// the call's idempotency key in another transaction: the call's claim waits on it, as a slow statement would.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@busline/shared/testing';
import { payableBookings } from '../src/db/schema';
import {
  holdBooking,
  passenger,
  paymentRows,
  publish,
  startPayment,
  startPaymentSubgraph,
  type PaymentSubgraph,
} from './helpers';

let subgraph: PaymentSubgraph;
beforeAll(async () => {
  subgraph = await startPaymentSubgraph();
});
afterAll(() => subgraph?.stop());

describe('startPayment racing the booking’s cancellation', () => {
  it('does not start (nor push) a payment for a booking cancelled before the payment was recorded', async () => {
    const owner = passenger();
    const bookingId = await holdBooking(subgraph, owner, 18_000);
    const key = randomUUID();

    // Another transaction holds the key's row (uncommitted): startPayment's claim waits on it.
    const blocker = new pg.Client({ connectionString: subgraph.database.url });
    const watcher = new pg.Client({ connectionString: subgraph.database.url });
    await blocker.connect();
    await watcher.connect();
    let started: ReturnType<typeof startPayment> | undefined;
    try {
      await blocker.query('begin');
      await blocker.query(
        `insert into payment.idempotency_keys (user_id, key, request_hash) values ($1, $2, 'blocker')`,
        [owner.userId, key],
      );
      started = startPayment(subgraph, owner, { bookingId, phone: '0788123456' }, key);
      // Wait until startPayment has passed its checks (its copy of the booking first) and waits in its transaction.
      // Read outside the blocker's transaction: within one, pg_stat_activity keeps the snapshot it first took.
      await eventually(async () => {
        const { rows } = await watcher.query(
          `select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
        );
        return rows[0].n > 0;
      }, 30_000);

      // The passenger cancels meanwhile: ticketing's booking.cancelled reaches payment and is applied.
      await publish(subgraph, 'booking.cancelled', {
        bookingId,
        userId: owner.userId,
        reason: 'PASSENGER',
        cancelledBy: owner.userId,
        refund: null,
        paymentId: null,
        atCounter: false,
      });
      const db = subgraph.database.handle.db;
      await eventually(
        async () =>
          (await db.select().from(payableBookings).where(eq(payableBookings.bookingId, bookingId)))[0]?.state ===
          'CANCELLED',
        30_000,
      );
    } finally {
      // Whatever happened, the call waiting on the key's row goes on (the subgraph stops only once it has answered).
      await blocker.query('rollback').catch(() => undefined);
      await blocker.end();
      await watcher.end();
    }
    const { errors } = await started!;

    // Refused (the booking was cancelled), nothing recorded, no prompt sent to the payer's phone.
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'bookingId' });
    expect(await paymentRows(subgraph, bookingId)).toEqual([]);
    expect(subgraph.providerCalls.requestToPay).toBe(0);
  });
});
