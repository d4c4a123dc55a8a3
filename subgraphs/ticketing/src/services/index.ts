import type { Executor, Logger, TransactionRunner } from '@busline/shared';
import type { TicketingOptions } from '../options';
import { AdvanceBookingsService } from './advance-bookings';
import { CancelBookingService } from './cancel-booking';
import { ClaimBookingsService } from './claim-bookings';
import { ExpireHoldsService } from './expire-holds';
import { HoldSeatsService } from './hold-seats';
import type { LiveUpdates } from './live';
import { CounterSalesReads } from './read-counter-sales';
import { ReplicateTripsService } from './replicate-trips';
import { RequestBookingClaimService } from './request-booking-claim';

/** The domain services of one ticketing server, shared by resolvers, event handlers and workers. */
export interface Services {
  options: TicketingOptions;
  live: LiveUpdates;
  holdSeats: HoldSeatsService;
  cancelBooking: CancelBookingService;
  requestBookingClaim: RequestBookingClaimService;
  claimBookings: ClaimBookingsService;
  counterSales: CounterSalesReads;
  sweeper: ExpireHoldsService;
}

export function createServices(
  runner: TransactionRunner,
  live: LiveUpdates,
  options: TicketingOptions,
  logger: Logger,
  db: Executor,
): Services {
  return {
    options,
    live,
    holdSeats: new HoldSeatsService(runner, live, options, logger),
    cancelBooking: new CancelBookingService(runner, live, options),
    requestBookingClaim: new RequestBookingClaimService(runner),
    claimBookings: new ClaimBookingsService(runner, live, logger.child({ component: 'booking-claims' })),
    counterSales: new CounterSalesReads(db),
    sweeper: new ExpireHoldsService(
      runner,
      live,
      logger.child({ component: 'expiry-sweeper' }),
      options.pendingPaymentGraceMs,
    ),
  };
}

export { ReplicateTripsService, AdvanceBookingsService };
