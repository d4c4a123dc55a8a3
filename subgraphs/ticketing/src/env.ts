import { parseEnv, subgraphEnv, z } from '@busline/shared';

/** The ticketing subgraph's environment (descriptions feed docs/configuration.md). */
export const schema = z.object({
  ...subgraphEnv,
  PORT: subgraphEnv.PORT.default(8004),
  HOLD_MINUTES: z.coerce
    .number()
    .positive()
    .max(24 * 60)
    .default(10)
    .describe('How long a hold keeps its seats before the sweeper frees them'),
  MAX_SEATS_PER_BOOKING: z.coerce
    .number()
    .int()
    .min(1)
    .max(50)
    .default(6)
    .describe('Most seats one booking (and one search) may ask for'),
  /**
   * Per-account hold limits (HOLD_LIMIT_REACHED past them), so one account cannot take a bus's seats
   * out of sale: seats held at once on one trip, bookings open at once, holds made per hour. The high
   * maxima are for load tests, where one account books a whole bus again and again.
   */
  MAX_HELD_SEATS_PER_TRIP: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(6)
    .describe('Seats one account may hold at once on one trip'),
  MAX_HELD_SEATS_PER_TRIP_PER_ADDRESS: z.coerce
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(18)
    .describe(
      'Seats held at once on one trip from one client address (an IPv6 /64 as one), over its accounts without a paid ticket (one with a booking confirmed, not cancelled or refunded since, is held to its own limits only)',
    ),
  MAX_OPEN_BOOKINGS: z.coerce
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(3)
    .describe('Bookings one account may have open (held or awaiting payment) across all trips'),
  MAX_HOLDS_PER_HOUR: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .default(10)
    .describe('Holds one account may make in an hour, cancelled and expired ones included'),
  MAX_OPEN_COUNTER_BOOKINGS: z.coerce
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(30)
    .describe(
      'Counter sales one seller (COUNTER_AGENT or COMPANY_ADMIN) may have open (held or awaiting payment, claimed by a passenger or not) at once; they do not count against the account limits',
    ),
  CANCELLATION_CLOSES_MINUTES: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(30)
    .describe('Confirmed bookings can be cancelled until this many minutes before departure, when boarding may start'),
  EXPIRY_SWEEP_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(600_000)
    .default(2000)
    .describe('How often the expiry sweeper looks for holds past their time'),
  PENDING_PAYMENT_GRACE_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(3_600_000)
    .default(120_000)
    .describe(
      'How long past its end a hold awaiting a started payment keeps its seats: a success of that payment learned within it (a status check after a lost callback) still confirms the booking',
    ),
});

export type TicketingConfig = z.infer<typeof schema>;

export function loadConfig(source: Record<string, string | undefined> = process.env): TicketingConfig {
  return parseEnv('ticketing', schema, source);
}
