import type { EventContext } from '@busline/shared';
import { OPEN_BOOKING_STATUSES, type RefundTier, type TripRow, type TripStopRow } from '../db/schema';
import { BookingRepository } from '../repositories/booking-repository';
import { TripRepository } from '../repositories/trip-repository';
import type { TripCancelledPayload, TripSnapshot } from './event-payloads';
import type { LiveUpdates } from './live';
import { DEFAULT_TIME_ZONE, isTimeZone, localDateIn, normaliseCity } from './local-dates';
import { DEFAULT_REFUND_TIERS } from './refund-policy';
import { followRenumberedStops } from './renumber-stops';
import { BookingTransitions } from './transitions';

/** Trip statuses once its bus has left its first stop. */
const LEFT = new Set(['DEPARTED', 'ARRIVED']);

function tripRow(s: TripSnapshot, seatCount: number, timeZone: string): TripRow {
  return {
    id: s.tripId,
    companyId: s.companyId,
    routeId: s.routeId ?? null,
    version: s.version,
    departureAt: new Date(s.departureAt),
    arrivalAt: new Date(s.arrivalAt),
    status: s.status,
    priceAmount: s.price.amount,
    currency: s.price.currency,
    seatCount,
    refundTiers: s.refundPolicy?.tiers ?? DEFAULT_REFUND_TIERS,
    fares: (s.fares ?? [])
      .filter((f) => f.price.currency === s.price.currency && f.boardingStop < f.alightingStop && f.price.amount >= 0)
      .map((f) => ({ boardingStop: f.boardingStop, alightingStop: f.alightingStop, amount: f.price.amount })),
    timeZone,
  };
}

/** Whether a snapshot moves the trip's departure, arrival or the time of any stop. */
function timesChanged(
  previous: TripRow,
  previousStops: readonly { stopOrder: number; departsAt: Date }[],
  departureAt: Date,
  arrivalAt: Date,
  stops: readonly { stopOrder: number; departsAt: Date }[],
): boolean {
  if (previous.departureAt.getTime() !== departureAt.getTime() || previous.arrivalAt.getTime() !== arrivalAt.getTime())
    return true;
  const before = new Map(previousStops.map((stop) => [stop.stopOrder, stop.departsAt.getTime()]));
  return stops.some((stop) => before.get(stop.stopOrder) !== stop.departsAt.getTime());
}

/** Whether two lists of a trip's stops visit the same stations in the same order. */
function sameStations(
  a: readonly { stopOrder: number; stationId: string | null }[],
  b: readonly { stopOrder: number; stationId: string | null }[],
): boolean {
  const key = (stops: typeof a) =>
    [...stops]
      .sort((x, y) => x.stopOrder - y.stopOrder)
      .map((stop) => stop.stationId)
      .join();
  return a.length === b.length && key(a) === key(b);
}

/**
 * The stops whose stations a route edit takes off the trip: the tickets sold to or from them still name them. Only
 * when both lists carry station ids (a snapshot from before they were sent would seem to remove every station), and
 * the new one two stops at least, as followRenumberedStops asks.
 */
function removedStops(
  before: readonly TripStopRow[],
  after: readonly { stationId: string | null }[],
): (TripStopRow & { stationId: string })[] {
  if (after.length < 2 || [...before, ...after].some((stop) => !stop.stationId)) return [];
  const kept = new Set(after.map((stop) => stop.stationId));
  return before.filter((stop): stop is TripStopRow & { stationId: string } => !kept.has(stop.stationId));
}

/** Keeps the local trip inventory in step with the company subgraph's TripSnapshot events. */
export class ReplicateTripsService {
  constructor(
    private readonly live: LiveUpdates,
    /** TicketingOptions.pendingPaymentGraceMs: a hold awaiting its payment keeps its seats this long past its end. */
    private readonly pendingPaymentGraceMs: number,
  ) {}

  /** trip.scheduled / trip.updated: applies a snapshot newer than what is stored, else nothing. */
  async applySnapshot(ctx: EventContext, s: TripSnapshot): Promise<void> {
    const trips = new TripRepository(ctx.tx);
    const seats = [...new Map(s.seats.map((seat) => [seat.label, seat])).values()];
    const departureAt = new Date(s.departureAt);
    // The company validates its zone; one this runtime does not know must not stop the trip from selling.
    const snapshotZone = s.timeZone && isTimeZone(s.timeZone) ? s.timeZone : null;
    if (s.timeZone && !snapshotZone)
      ctx.logger.warn({ tripId: s.tripId, timeZone: s.timeZone }, 'unknown time zone in trip snapshot ignored');
    const stopsIn = (timeZone: string) =>
      s.stops.map((stop) => {
        const departsAt = new Date(departureAt.getTime() + stop.minutesFromDeparture * 60_000);
        return {
          tripId: s.tripId,
          stopOrder: stop.order,
          stationId: stop.stationId ?? null,
          code: stop.code ?? '',
          name: stop.name ?? '',
          city: stop.city,
          cityKey: normaliseCity(stop.city),
          minutesFromDeparture: stop.minutesFromDeparture,
          departsAt,
          localDate: localDateIn(departsAt, timeZone),
        };
      });
    const seatRows = seats.map((seat) => ({
      tripId: s.tripId,
      label: seat.label,
      deck: seat.deck ?? 1,
      row: seat.row ?? 1,
      column: String(seat.column ?? ''),
    }));

    let previous: TripRow | undefined;
    // A snapshot without a zone keeps the one stored (or the default for a new trip).
    let timeZone = snapshotZone ?? DEFAULT_TIME_ZONE;
    await trips.lockReplication(s.tripId);
    if (await trips.insertIfAbsent(tripRow(s, seatRows.length, timeZone))) {
      // Its cancellation came first: the trip is stored cancelled (it has no booking yet).
      const cancelled = await trips.takeEarlyCancellation(s.tripId);
      if (cancelled) {
        await trips.update(s.tripId, { status: 'CANCELLED', version: Math.max(s.version, cancelled.version) });
        ctx.logger.info({ tripId: s.tripId }, 'trip stored cancelled: its cancellation came before it');
      }
    } else {
      previous = await trips.lockById(s.tripId);
      if (!previous || previous.version >= s.version) {
        ctx.logger.info(
          { tripId: s.tripId, stored: previous?.version, received: s.version },
          'stale trip snapshot ignored',
        );
        return;
      }
      // A cancelled trip stays cancelled whatever a later snapshot says.
      const status = previous.status === 'CANCELLED' ? 'CANCELLED' : s.status;
      timeZone = snapshotZone ?? previous.timeZone;
      await trips.update(s.tripId, { ...tripRow(s, previous.seatCount, timeZone), status });
    }
    await trips.upsertSeats(seatRows);
    if (previous) {
      const wanted = new Set(seats.map((seat) => seat.label));
      const gone = (await trips.seatLabels(s.tripId)).filter((label) => !wanted.has(label));
      const removed = new Set(await trips.deleteUnsoldSeats(s.tripId, gone));
      const kept = gone.filter((label) => !removed.has(label));
      await trips.retireSeats(s.tripId, kept);
      if (kept.length > 0)
        ctx.logger.warn(
          { tripId: s.tripId, seats: kept },
          'sold seats kept although the new layout drops them: not sold again, removed once freed',
        );
      await trips.update(s.tripId, { seatCount: await trips.countSeats(s.tripId) });
    }
    let stops = stopsIn(timeZone);
    const previousStops = previous ? await trips.stopsOf([s.tripId]) : [];
    // A trip under way (boarding, left, or past its departure) keeps its stations: a route edit is for the trips to
    // come, and this one's passengers bought, hold passes for and may already ride these stops (times still follow).
    // As this snapshot says too: the one before it that said BOARDING may be late on its stream.
    const underWay =
      previous !== undefined &&
      (previous.status !== 'SCHEDULED' ||
        s.status !== 'SCHEDULED' ||
        Math.min(previous.departureAt.getTime(), departureAt.getTime()) <= Date.now());
    if (underWay && previousStops.length > 0 && !sameStations(previousStops, stops)) {
      ctx.logger.warn(
        { tripId: s.tripId, status: previous!.status, version: s.version },
        'route edit reached a trip under way: its stops kept',
      );
      stops = previousStops.map((stop) => {
        // Times follow the trip's (possibly new) departure; the stops are the ones it had.
        const departsAt = new Date(departureAt.getTime() + stop.minutesFromDeparture * 60_000);
        return { ...stop, departsAt, localDate: localDateIn(departsAt, timeZone) };
      });
      // And their fares: the snapshot's are per pair of the new route's stop orders (a late trip delayed back into
      // the future sells again, and priced Kigali → Musanze at what is now the new first pair's fare).
      await trips.update(s.tripId, { fares: previous!.fares, priceAmount: previous!.priceAmount });
    } else if (previous) {
      await followRenumberedStops(ctx, this.live, s, previousStops, stops, this.pendingPaymentGraceMs);
      await trips.keepRemovedStops(removedStops(previousStops, stops));
    }
    await trips.replaceStops(s.tripId, stops);
    if (previous && previous.status !== 'CANCELLED' && s.status === 'CANCELLED') {
      await this.cancelBookingsOfTrip(ctx, s.tripId);
    } else if (previous && !LEFT.has(previous.status) && LEFT.has(s.status)) {
      await this.expireOpenBookingsOfTrip(ctx, s.tripId);
    } else if (
      previous &&
      previous.status !== 'CANCELLED' &&
      timesChanged(previous, previousStops, departureAt, new Date(s.arrivalAt), stops)
    ) {
      await this.tellPassengersOfNewTimes(ctx, s.tripId);
    }
    this.live.tripSeatsChanged(ctx, s.tripId);
  }

  /** company.created / company.updated: the refund policy cancellations use from now on. */
  async applyCompanyPolicy(
    ctx: EventContext,
    e: { companyId: string; refundPolicy?: { tiers: RefundTier[] } | null },
    asOf: Date,
  ): Promise<void> {
    if (!e.refundPolicy) return;
    await new TripRepository(ctx.tx).saveCompanyPolicy(e.companyId, e.refundPolicy.tiers, asOf);
  }

  /** trip.cancelled: the trip stops selling and every open or paid booking is cancelled (paid ones in full). */
  async applyCancelled(ctx: EventContext, e: TripCancelledPayload): Promise<void> {
    const trips = new TripRepository(ctx.tx);
    await trips.lockReplication(e.tripId);
    const trip = await trips.lockById(e.tripId);
    // Arrived before trip.scheduled (on its own stream): kept, and the trip is stored cancelled when it comes.
    if (!trip) {
      if (await trips.keepEarlyCancellation(e.tripId, e.version ?? 0))
        ctx.logger.warn({ tripId: e.tripId }, 'trip cancelled before its snapshot arrived: kept for it');
      return;
    }
    await trips.update(trip.id, { status: 'CANCELLED', version: Math.max(trip.version, e.version ?? 0) });
    await this.cancelBookingsOfTrip(ctx, trip.id);
    this.live.tripSeatsChanged(ctx, trip.id);
  }

  /**
   * A delay or a new time: every booked passenger's bookingStatusChanged stream gets the booking with the new times.
   */
  private async tellPassengersOfNewTimes(ctx: EventContext, tripId: string): Promise<void> {
    const booked = await new BookingRepository(ctx.tx).forTrip(tripId, ['HELD', 'PENDING_PAYMENT', 'CONFIRMED']);
    for (const booking of booked) this.live.bookingChanged(ctx, booking, false);
    if (booked.length > 0)
      ctx.logger.info({ tripId, bookings: booked.length }, 'booked passengers told of new trip times');
  }

  /** The bus has left: holds still unpaid end (a payment arriving later is refunded, PAID_AFTER_EXPIRY). */
  private async expireOpenBookingsOfTrip(ctx: EventContext, tripId: string): Promise<void> {
    const open = await new BookingRepository(ctx.tx).lockForTrip(tripId, [...OPEN_BOOKING_STATUSES]);
    const transitions = new BookingTransitions(ctx, this.live);
    for (const booking of open) await transitions.expire(booking);
    if (open.length > 0) ctx.logger.info({ tripId, bookings: open.length }, 'unpaid holds ended: the bus has left');
  }

  private async cancelBookingsOfTrip(ctx: EventContext, tripId: string): Promise<void> {
    const open = await new BookingRepository(ctx.tx).lockForTrip(tripId, ['HELD', 'PENDING_PAYMENT', 'CONFIRMED']);
    const transitions = new BookingTransitions(ctx, this.live);
    for (const booking of open) {
      const refund = booking.status === 'CONFIRMED' ? booking.totalAmount : null;
      await transitions.cancel(booking, { reason: 'TRIP_CANCELLED', cancelledBy: null, refund });
    }
    if (open.length > 0) ctx.logger.info({ tripId, bookings: open.length }, 'bookings cancelled with their trip');
  }
}
