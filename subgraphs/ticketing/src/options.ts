import type { TicketingConfig } from './env';

/** Tunables of the ticketing subgraph beyond SubgraphDeps. */
export interface TicketingOptions {
  /** Minutes a hold lasts (fractions allowed: tests use seconds). */
  holdMinutes: number;
  maxSeatsPerBooking: number;
  /** Interval of the expiry sweeper; 0 disables the worker (tests that sweep by hand). */
  sweepIntervalMs: number;
}

export const defaultOptions: TicketingOptions = { holdMinutes: 10, maxSeatsPerBooking: 6, sweepIntervalMs: 2000 };

export function resolveOptions(options: Partial<TicketingOptions> = {}): TicketingOptions {
  return { ...defaultOptions, ...options };
}

/** Options from the environment (nothing to generate or persist for ticketing). */
export async function loadServerOptions(config: TicketingConfig): Promise<TicketingOptions> {
  return {
    holdMinutes: config.HOLD_MINUTES,
    maxSeatsPerBooking: config.MAX_SEATS_PER_BOOKING,
    sweepIntervalMs: config.EXPIRY_SWEEP_INTERVAL_MS,
  };
}
