import { z } from '@busline/shared';

/** Consumed payloads (docs/events.md): only the fields ticketing needs; the rest is ignored. */
const money = z.object({ amount: z.number().int(), currency: z.string() });
const id = z.string().min(1);

export const tripSnapshotSchema = z.object({
  tripId: id,
  companyId: id,
  routeId: id.nullish(),
  version: z.number().int(),
  status: z.string(),
  departureAt: z.string(),
  arrivalAt: z.string(),
  price: money,
  stops: z.array(
    z.object({
      stationId: id.nullish(),
      code: z.string().nullish(),
      name: z.string().nullish(),
      city: z.string().min(1),
      order: z.number().int(),
      minutesFromDeparture: z.number().int(),
    }),
  ),
  seats: z.array(
    z.object({
      label: z.string().min(1),
      deck: z.number().int().nullish(),
      row: z.number().int().nullish(),
      column: z.union([z.string(), z.number()]).nullish(),
    }),
  ),
  refundPolicy: z
    .object({ tiers: z.array(z.object({ minHoursBeforeDeparture: z.number(), refundPercent: z.number() })) })
    .nullish(),
  /** Fares per pair of stops; absent in snapshots from before fares per pair. */
  fares: z.array(z.object({ boardingStop: z.number().int(), alightingStop: z.number().int(), price: money })).nullish(),
  /** IANA time zone of the trip's company; absent in snapshots from before companies had one. */
  timeZone: z.string().nullish(),
});
export type TripSnapshot = z.infer<typeof tripSnapshotSchema>;

const refundPolicy = z.object({
  tiers: z.array(z.object({ minHoursBeforeDeparture: z.number(), refundPercent: z.number() })),
});

export const companySchema = z.object({ companyId: z.uuid(), refundPolicy: refundPolicy.nullish() });

export const tripCancelledSchema = z.object({
  tripId: id,
  companyId: id.nullish(),
  reason: z.string().nullish(),
  version: z.number().int().nullish(),
});
export type TripCancelledPayload = z.infer<typeof tripCancelledSchema>;

export const paymentStartedSchema = z.object({ paymentId: id, bookingId: id });
export const paymentFailedSchema = z.object({ paymentId: id, bookingId: id, reason: z.string().nullish() });
export const paymentSucceededSchema = z.object({
  paymentId: id,
  bookingId: id,
  /** Money per the contract; a bare number is read in the booking's currency. */
  amount: z.union([money, z.number().int()]).nullish(),
  /** When payment learned the money was paid (or took the cash); absent in older events, ignored when unreadable. */
  succeededAt: z.string().datetime({ offset: true }).nullish().catch(null),
});
export type PaymentSucceededPayload = z.infer<typeof paymentSucceededSchema>;
export const paymentRefundedSchema = z.object({ paymentId: id, bookingId: id });
export const ticketBoardedSchema = z.object({ ticketId: id, bookingId: id.nullish() });
