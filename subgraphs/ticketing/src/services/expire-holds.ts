import type { Logger, TransactionRunner, Worker } from '@busline/shared';
import { BookingRepository } from '../repositories/booking-repository';
import type { LiveUpdates } from './live';
import { BookingTransitions } from './transitions';

const BATCH = 100;

/**
 * Ends holds past their time: HELD/PENDING_PAYMENT → EXPIRED with booking.expired (a hold awaiting a started
 * payment after its grace: BookingRepository.holdEnded). Rows are claimed with FOR UPDATE SKIP LOCKED, so several
 * instances sweep side by side safely.
 */
export class ExpireHoldsService {
  constructor(
    private readonly runner: TransactionRunner,
    private readonly live: LiveUpdates,
    private readonly logger: Logger,
    private readonly pendingPaymentGraceMs: number,
  ) {}

  /** One pass; returns how many bookings expired. */
  async sweep(now = new Date()): Promise<number> {
    let total = 0;
    for (;;) {
      const expired = await this.runner.run(async (uow) => {
        const rows = await new BookingRepository(uow.tx).lockExpired(now, this.pendingPaymentGraceMs, BATCH);
        const transitions = new BookingTransitions(uow, this.live);
        for (const booking of rows) await transitions.expire(booking);
        return rows.length;
      });
      total += expired;
      if (expired < BATCH) break;
    }
    if (total > 0) this.logger.info({ expired: total }, 'holds expired');
    return total;
  }

  /** The background loop (a createSubgraphServer worker). */
  worker(intervalMs: number): Worker {
    let timer: NodeJS.Timeout | undefined;
    let running: Promise<unknown> = Promise.resolve();
    let stopped = false;
    const tick = () => {
      running = this.sweep()
        .catch((error) => this.logger.warn({ err: error }, 'expiry sweep failed'))
        .finally(() => {
          if (!stopped) timer = setTimeout(tick, intervalMs);
        });
    };
    return {
      name: 'expiry-sweeper',
      start: () => {
        stopped = false;
        timer = setTimeout(tick, intervalMs);
      },
      stop: async () => {
        stopped = true;
        clearTimeout(timer);
        await running;
      },
    };
  }
}
