// Projecting booking, payment, boarding, trip and company events into the dashboards' read models (in any order).
import { EventTypes, handle, type DomainEvent, type DomainEventHandler, type z } from '@busline/shared';
import { DashboardProjectionRepository } from '../repositories/dashboard-projection-repository';
import {
  bookingClaimedPayload,
  bookingClosedPayload,
  bookingConfirmedPayload,
  bookingHeldPayload,
  bookingStopsChangedPayload,
  companyPayload,
  paymentRefundedPayload,
  paymentSucceededPayload,
  ticketBoardedPayload,
  tripCancelledPayload,
  tripSnapshotPayload,
  type TripSnapshotPayload,
} from './dashboard-payloads';

/** When a fact happened: the payload's own time when it has one, else when the event occurred. */
const at = (payloadTime: string | null | undefined, event: DomainEvent) => new Date(payloadTime ?? event.occurredAt);
const optionalDate = (value: string | null | undefined) => (value ? new Date(value) : undefined);

function tripRow(snapshot: TripSnapshotPayload) {
  const stops = [...snapshot.stops].sort((a, b) => a.order - b.order);
  return {
    tripId: snapshot.tripId,
    companyId: snapshot.companyId,
    routeId: snapshot.routeId ?? null,
    originCity: stops[0]?.city ?? null,
    destinationCity: stops[stops.length - 1]?.city ?? null,
    departureAt: new Date(snapshot.departureAt),
    arrivalAt: new Date(snapshot.arrivalAt),
    seatCount: snapshot.seats.length,
    stops: stops.map((s) => ({ order: s.order, city: s.city })),
    timeZone: snapshot.timeZone ?? null,
    status: snapshot.status,
    version: snapshot.version,
  };
}

const company = handle(companyPayload, async (payload, { tx }, event) => {
  await new DashboardProjectionRepository(tx).upsertCompany({
    companyId: payload.companyId,
    name: payload.name,
    timeZone: payload.timeZone ?? null,
    currency: payload.currency ?? null,
    asOf: new Date(event.occurredAt),
  });
});

const tripSnapshot = handle(tripSnapshotPayload, async (snapshot, { tx }) => {
  await new DashboardProjectionRepository(tx).applyTripSnapshot(tripRow(snapshot));
});

/**
 * Dashboard projections: each handler merges one event's facts into the read models. They run
 * inside the kit's idempotent consumer (a redelivered event is skipped), and every write is an
 * order-independent merge, so replaying the streams in any order rebuilds the same figures.
 */

/** The sales channel and seller a booking event tells; nothing when it predates counter sales. */
function saleFacts(p: { channel?: 'ONLINE' | 'COUNTER' | null; soldBy?: string | null }) {
  return { channel: p.channel ?? undefined, soldBy: p.soldBy ?? undefined };
}

/** What booking.held and booking.confirmed both tell about a booking. */
function bookingFacts(p: {
  bookingId: string;
  userId: string;
  tripId: string;
  companyId: string;
  tickets: { boardingStop?: number | null; alightingStop?: number | null }[];
  boardingStop?: number | null;
  alightingStop?: number | null;
  totalAmount: { amount: number; currency: string };
  departureAt?: string | null;
  channel?: 'ONLINE' | 'COUNTER' | null;
  soldBy?: string | null;
}) {
  // booking.held names the segment; booking.confirmed has it on each ticket (one segment per booking).
  const boardingStop = p.boardingStop ?? p.tickets[0]?.boardingStop ?? undefined;
  const alightingStop = p.alightingStop ?? p.tickets[0]?.alightingStop ?? undefined;
  return {
    boardingStop,
    alightingStop,
    bookingId: p.bookingId,
    userId: p.userId,
    tripId: p.tripId,
    companyId: p.companyId,
    seats: p.tickets.length,
    totalAmount: p.totalAmount.amount,
    currency: p.totalAmount.currency,
    departureAt: optionalDate(p.departureAt),
    ...saleFacts(p),
  };
}

const heldFacts = (p: z.infer<typeof bookingHeldPayload>, event: DomainEvent) => ({
  ...bookingFacts(p),
  heldAt: new Date(event.occurredAt),
});

export const dashboardHandlers: Record<string, DomainEventHandler> = {
  [EventTypes.CompanyCreated]: company,
  [EventTypes.CompanyUpdated]: company,
  [EventTypes.TripScheduled]: tripSnapshot,
  [EventTypes.TripUpdated]: tripSnapshot,
  [EventTypes.TripCancelled]: handle(tripCancelledPayload, async (payload, { tx }) => {
    await new DashboardProjectionRepository(tx).cancelTrip(payload.tripId, payload.companyId, payload.version ?? 0);
  }),
  [EventTypes.BookingHeld]: handle(
    bookingHeldPayload,
    async (p, { tx }, event) => {
      await new DashboardProjectionRepository(tx).upsertBooking(heldFacts(p, event));
    },
    async (payloads, { tx }, events) => {
      await new DashboardProjectionRepository(tx).upsertBookings(payloads.map((p, i) => heldFacts(p, events[i]!)));
    },
  ),
  [EventTypes.BookingConfirmed]: handle(bookingConfirmedPayload, async (p, { tx }, event) => {
    await new DashboardProjectionRepository(tx).upsertBooking({
      ...bookingFacts(p),
      arrivalAt: optionalDate(p.arrivalAt),
      confirmedAt: new Date(event.occurredAt),
    });
  }),
  [EventTypes.BookingCancelled]: handle(bookingClosedPayload, async (p, { tx }, event) => {
    await new DashboardProjectionRepository(tx).upsertBooking({
      ...p,
      ...saleFacts(p),
      cancelledAt: new Date(event.occurredAt),
    });
  }),
  [EventTypes.BookingExpired]: handle(bookingClosedPayload, async (p, { tx }, event) => {
    await new DashboardProjectionRepository(tx).upsertBooking({
      ...p,
      ...saleFacts(p),
      expiredAt: new Date(event.occurredAt),
    });
  }),
  [EventTypes.BookingStopsChanged]: handle(bookingStopsChangedPayload, async (p, { tx }) => {
    const [{ boardingStop, alightingStop }] = p.tickets as [(typeof p.tickets)[number]];
    await new DashboardProjectionRepository(tx).renumberBookingStops({
      bookingId: p.bookingId,
      tripId: p.tripId,
      version: p.version,
      boardingStop,
      alightingStop,
    });
  }),
  [EventTypes.BookingClaimed]: handle(bookingClaimedPayload, async (p, { tx }, event) => {
    await new DashboardProjectionRepository(tx).claimBooking({
      bookingId: p.bookingId,
      userId: p.userId,
      tripId: p.tripId ?? undefined,
      companyId: p.companyId ?? undefined,
      claimedAt: at(p.claimedAt, event),
    });
  }),
  [EventTypes.PaymentSucceeded]: handle(paymentSucceededPayload, async (p, { tx }, event) => {
    await new DashboardProjectionRepository(tx).recordPayment({
      paymentId: p.paymentId,
      bookingId: p.bookingId,
      userId: p.userId ?? null,
      amount: p.amount.amount,
      currency: p.amount.currency,
      succeededAt: at(p.succeededAt, event),
    });
  }),
  [EventTypes.PaymentRefunded]: handle(paymentRefundedPayload, async (p, { tx }, event) => {
    await new DashboardProjectionRepository(tx).recordRefund({
      refundId: p.refundId,
      paymentId: p.paymentId,
      bookingId: p.bookingId,
      userId: p.userId ?? null,
      amount: p.amount.amount,
      currency: p.amount.currency,
      refundedAt: at(p.refundedAt, event),
    });
  }),
  [EventTypes.TicketBoarded]: handle(ticketBoardedPayload, async (p, { tx }, event) => {
    await new DashboardProjectionRepository(tx).recordBoarding({
      ticketId: p.ticketId,
      bookingId: p.bookingId ?? null,
      tripId: p.tripId,
      companyId: p.companyId ?? null,
      boardedAt: at(p.boardedAt, event),
    });
  }),
};
