// A payment.started that reaches ticketing after its own payment.failed is to be ignored (docs/events.md: "a failure
// that arrives before its start, on its own stream, is recorded so that start is ignored"). advance-bookings.ts
// records only the LAST failure (bookings.payment_id): when the passenger's next attempt starts and fails before the
// late start arrives — a start whose handling failed once and is redelivered after its back-off, or a start stream
// read behind the failure stream — the late start of the long-failed payment moves the booking to PENDING_PAYMENT
// and it follows a payment that is over: the hold keeps its seats PENDING_PAYMENT_GRACE_MS past its end although
// nothing is being paid, and the booking says a payment is under way.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookings } from '../src/db/schema';
import {
  deliverer,
  HOLD,
  holdInput,
  passenger,
  startTicketing,
  tripSnapshot,
  type TicketingTestSubgraph,
} from './fixtures';

let subgraph: TicketingTestSubgraph;
let deliver: ReturnType<typeof deliverer>;
const money = { amount: 5000, currency: 'RWF' };

beforeAll(async () => {
  subgraph = await startTicketing({ sweepIntervalMs: 0 });
  deliver = deliverer(subgraph);
});
afterAll(() => subgraph.stop());

const bookingRow = async (id: string) =>
  (await subgraph.database.handle.db.select().from(bookings).where(eq(bookings.id, id)))[0]!;

describe('a payment.started that arrives after its failure and after the next attempt', () => {
  it('leaves the hold HELD (no payment under way) and lets it end at its time', async () => {
    const trip = tripSnapshot({ rows: 1 });
    await deliver('trip.scheduled', trip);
    const result = await subgraph.request(HOLD, holdInput(trip.tripId, ['1A']), passenger());
    const bookingId = result.data!.holdSeats.id as string;
    const payment = (paymentId: string) => ({ paymentId, bookingId, userId: 'u', amount: money, method: 'MTN_MOMO' });
    const started = (id: string) => deliver('payment.started', { ...payment(id), startedAt: new Date().toISOString() });
    const failed = (id: string) => deliver('payment.failed', { ...payment(id), reason: 'APPROVAL_REJECTED' });

    // Attempt A is refused at once; its payment.started is held back (its first handling failed, or the start
    // stream is read behind). The payer tries again (B), refused at once too. Then A's start arrives.
    await failed('attempt-a');
    await started('attempt-b');
    await failed('attempt-b');
    await started('attempt-a');

    const row = await bookingRow(bookingId);
    // Both payments are over: the hold is payable again (HELD) and ends at expiresAt like any unpaid hold.
    const sweptAt = new Date(row.expiresAt!.getTime() + 30_000);
    const swept = await subgraph.server.services.sweeper.sweep(sweptAt);
    expect({ statusAfterEvents: row.status, expiredAt30sPastItsEnd: swept === 1 }).toEqual({
      statusAfterEvents: 'HELD',
      expiredAt30sPastItsEnd: true,
    });
  });
});
