import { hasControlCharacter, ianaTimeZone, MONEY_AMOUNT_MAX, z } from '@busline/shared';

/** Consumed payloads (docs/events.md): only what the dashboards need; everything else is ignored. */
const id = z.string().uuid();
const time = z.string().datetime({ offset: true });
/** An amount in minor units as the read models hold it (32 bits, never below 0): any other is malformed. */
const amount = z.number().int().min(0).max(MONEY_AMOUNT_MAX);
/** A currency as the services write it (ISO 4217, "RWF"): "rwf" beside "RWF" would split one currency's figures. */
const currency = z.string().regex(/^[A-Z]{3}$/);
/** Money per the contract; a bare number is read as RWF, the platform's currency. */
const money = z.union([
  z.object({ amount, currency }),
  amount.transform((value) => ({ amount: value, currency: 'RWF' })),
]);
/** A name shown on a dashboard: no control characters (a NUL fails the write, and so the event for ever). */
const shownText = z
  .string()
  .max(200)
  .refine((text) => !hasControlCharacter(text), 'must not contain control characters');
const stopOrder = z.number().int().nullish();
const tickets = z.array(
  z.object({ ticketId: z.string(), boardingStop: stopOrder, alightingStop: stopOrder }).passthrough(),
);

/**
 * A zone from an event as ianaTimeZone writes it, which Postgres `AT TIME ZONE` reads as the other services' Intl
 * does; null, so the next source or the default applies, for an abbreviation ("CAT", "IST") or an unknown one.
 */
const timeZone = z
  .string()
  .min(1)
  .nullish()
  .transform((zone) => (zone ? ianaTimeZone(zone) : null));

export const companyPayload = z.object({
  companyId: id,
  name: shownText.refine((name) => name.length > 0, 'must not be empty'),
  /** Absent in events from before companies had a zone and a currency. */
  timeZone,
  currency: currency.nullish(),
});

/** Sales channel of a booking event; absent in events from before counter sales (ONLINE). */
const channel = z.enum(['ONLINE', 'COUNTER']).nullish();

export const tripSnapshotPayload = z.object({
  tripId: id,
  companyId: id,
  routeId: id.nullish(),
  version: z.number().int(),
  status: z.string().min(1),
  departureAt: time,
  arrivalAt: time,
  stops: z.array(z.object({ city: shownText, order: z.number().int() }).passthrough()),
  seats: z.array(z.object({ label: z.string() }).passthrough()),
  timeZone,
});
export type TripSnapshotPayload = z.infer<typeof tripSnapshotPayload>;

export const tripCancelledPayload = z.object({ tripId: id, companyId: id, version: z.number().int().nullish() });

export const bookingHeldPayload = z.object({
  bookingId: id,
  tripId: id,
  companyId: id,
  userId: id,
  tickets,
  boardingStop: stopOrder,
  alightingStop: stopOrder,
  totalAmount: money,
  departureAt: time.nullish(),
  channel,
  soldBy: id.nullish(),
});

export const bookingConfirmedPayload = bookingHeldPayload.extend({ arrivalAt: time.nullish() });

export const bookingClosedPayload = z.object({
  bookingId: id,
  tripId: id,
  companyId: id,
  userId: id,
  channel,
  soldBy: id.nullish(),
});

/** A route edit put a confirmed booking's stations at other stop orders (one segment per booking). */
export const bookingStopsChangedPayload = z.object({
  bookingId: id,
  tripId: id,
  version: z.number().int(),
  tickets: z.array(z.object({ boardingStop: z.number().int(), alightingStop: z.number().int() })).min(1),
});

/** A counter sale taken into a passenger's account: it is theirs from now on. */
export const bookingClaimedPayload = z.object({
  bookingId: id,
  tripId: id.nullish(),
  companyId: id.nullish(),
  userId: id,
  claimedAt: time.nullish(),
});

export const paymentSucceededPayload = z.object({
  paymentId: id,
  bookingId: id,
  userId: id.nullish(),
  amount: money,
  succeededAt: time.nullish(),
});

export const paymentRefundedPayload = z.object({
  paymentId: id,
  bookingId: id,
  userId: id.nullish(),
  refundId: id,
  amount: money,
  refundedAt: time.nullish(),
});

export const ticketBoardedPayload = z.object({
  ticketId: id,
  bookingId: id.nullish(),
  tripId: id,
  companyId: id.nullish(),
  boardedAt: time.nullish(),
});
