import type { TicketingConfig } from './env';

/** Tunables of the ticketing subgraph beyond SubgraphDeps. */
export interface TicketingOptions {
  /** Minutes a hold lasts (fractions allowed: tests use seconds). */
  holdMinutes: number;
  maxSeatsPerBooking: number;
  /** Most seats one account may hold at once on one trip, over all its open bookings there. */
  maxHeldSeatsPerTrip: number;
  /**
   * Most seats held at once on one trip from one client address, over every account there: accounts
   * are cheap to make, so hoarding with many of them is bounded by where they come from.
   */
  maxHeldSeatsPerTripPerAddress: number;
  /** Most bookings one account may have open (HELD or PENDING_PAYMENT) at once, across all trips. */
  maxOpenBookings: number;
  /** Most holds one account may make in an hour, whatever became of them. */
  maxHoldsPerHour: number;
  /**
   * Most counter sales one seller may have open (HELD or PENDING_PAYMENT, not claimed) at once. Counter
   * sales do not count against the account limits above: a counter serves a queue of passengers.
   */
  maxOpenCounterBookings: number;
  /**
   * Minutes before departure from which a confirmed booking can no longer be cancelled: boarding may
   * have started, and a boarding scan reaches ticketing only later, as an event.
   */
  cancellationClosesMinutes: number;
  /** Interval of the expiry sweeper; 0 disables the worker (tests that sweep by hand). */
  sweepIntervalMs: number;
  /**
   * How long past `expiresAt` a PENDING_PAYMENT hold keeps its seats (neither the sweeper nor a new hold of its
   * seats ends it): a success of its payment learned within this (its succeededAt) still confirms the booking, one
   * learned later is refunded. No payment can be started past `expiresAt`.
   */
  pendingPaymentGraceMs: number;
}

/**
 * Hold limits: 6 seats per trip is one booking's worth (a family or small group); more is a charter,
 * which companies sell themselves. 3 open bookings covers an outbound and a return trip plus one in
 * checkout. 10 holds an hour leaves room for changing one's mind, not for re-holding a bus every
 * 10 minutes. 18 seats per trip from one address is three such groups: a carrier NAT puts many
 * passengers behind one address, but rarely more than that on one bus within ten minutes, while
 * throwaway accounts at one address no longer empty a bus. 30 open counter sales per seller is a busy
 * counter's queue over a hold's 10 minutes (each waits for cash or a mobile-money approval). These
 * match the env defaults in env.ts.
 */
export const defaultOptions: TicketingOptions = {
  holdMinutes: 10,
  maxSeatsPerBooking: 6,
  maxHeldSeatsPerTrip: 6,
  maxHeldSeatsPerTripPerAddress: 18,
  maxOpenBookings: 3,
  maxHoldsPerHour: 10,
  maxOpenCounterBookings: 30,
  cancellationClosesMinutes: 30,
  sweepIntervalMs: 2000,
  pendingPaymentGraceMs: 120_000,
};

export function resolveOptions(options: Partial<TicketingOptions> = {}): TicketingOptions {
  return { ...defaultOptions, ...options };
}

/** Options from the environment (nothing to generate or persist for ticketing). */
export async function loadServerOptions(config: TicketingConfig): Promise<TicketingOptions> {
  return {
    holdMinutes: config.HOLD_MINUTES,
    maxSeatsPerBooking: config.MAX_SEATS_PER_BOOKING,
    maxHeldSeatsPerTrip: config.MAX_HELD_SEATS_PER_TRIP,
    maxHeldSeatsPerTripPerAddress: config.MAX_HELD_SEATS_PER_TRIP_PER_ADDRESS,
    maxOpenBookings: config.MAX_OPEN_BOOKINGS,
    maxHoldsPerHour: config.MAX_HOLDS_PER_HOUR,
    maxOpenCounterBookings: config.MAX_OPEN_COUNTER_BOOKINGS,
    cancellationClosesMinutes: config.CANCELLATION_CLOSES_MINUTES,
    sweepIntervalMs: config.EXPIRY_SWEEP_INTERVAL_MS,
    pendingPaymentGraceMs: config.PENDING_PAYMENT_GRACE_MS,
  };
}
