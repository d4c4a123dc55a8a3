import { randomUUID } from 'node:crypto';
import {
  AppError,
  boundByDeadline,
  canActForCompany,
  ErrorCode,
  EventTypes,
  hasControlCharacter,
  idempotencyKeyOf,
  isDeadlineTimeout,
  MONEY_AMOUNT_MAX,
  personNameProblem,
  PgCode,
  postgresErrorCode,
  tooLate,
  type Logger,
  type TransactionRunner,
  type Viewer,
} from '@busline/shared';
import type { BookingRow } from '../db/schema';
import { BookingRepository } from '../repositories/booking-repository';
import { TripRepository } from '../repositories/trip-repository';
import type { TicketingOptions } from '../options';
import { counterSaleRefused, hashHoldRequest, replayHold } from './hold-idempotency';
import { checkHoldLimits, enforceCounterSaleLimit, holdLimitLocksOf, holdLimitUsageOf } from './hold-limits';
import type { LiveUpdates } from './live';
import { fareFor } from './fares';
import { channelFields, contactFields } from './sales-channel';
import { resolveSegment } from './segments';
import { BookingTransitions } from './transitions';
import type { WalkInPassenger } from './walk-in';

/** A counter sale: who sells it and for whom (HoldSeatsInput.walkIn). */
export interface CounterSale {
  /** The seller: a COUNTER_AGENT or COMPANY_ADMIN of the trip's company, or a platform admin. */
  seller: Viewer;
  passenger: WalkInPassenger;
}

/**
 * The stop order a hold asks for: `order` as given, checked against the station the client read there (`stationId`),
 * or the order of that station when only it is given. A route edit between the client's read and the hold gives the
 * orders other stations: refused STOPS_CHANGED rather than selling a stretch nobody chose.
 */
function stopNamed(
  stops: readonly { stopOrder: number; stationId: string | null }[],
  order: number | null | undefined,
  stationId: string | null | undefined,
  field: string,
): number | null | undefined {
  if (stationId === null || stationId === undefined) return order;
  const stop = stops.find((s) => s.stationId === stationId);
  if (stop && (order === null || order === undefined || order === stop.stopOrder)) return stop.stopOrder;
  throw new AppError(
    ErrorCode.BAD_USER_INPUT,
    stop
      ? "This trip's stops have changed since they were read: read them again and choose where to board and leave"
      : 'That station is not a stop of this trip (its route may have changed): read its stops again',
    { field, reason: 'STOPS_CHANGED' },
  );
}

export interface HoldSeatsRequest {
  userId: string;
  tripId: string;
  seats: string[];
  passengerNames: string[];
  /** Stop order where the passengers board; the route's first stop when left out. */
  boardingStop?: number | null;
  /** Stop order where they leave the bus; the route's last stop when left out. */
  alightingStop?: number | null;
  /** The station expected at boardingStop (or naming it when that is left out): STOPS_CHANGED when it is not. */
  boardingStationId?: string | null;
  /** The station expected at alightingStop, as boardingStationId. */
  alightingStationId?: string | null;
  /** The client's key for this hold attempt: a retry with it is answered with the same booking. */
  idempotencyKey?: string | null;
  /** When the router stops waiting (epoch ms), or null: the hold is not committed after it. */
  deadline?: number | null;
  /** Where the request came from (an IPv6 /64 as one), or null when unknown. */
  clientAddress?: string | null;
  /** Makes it a counter sale for a walk-in passenger; `userId` is then the seller's. */
  walkIn?: CounterSale | null;
}

/** The key and request hash a hold is stored with, when the client sent a key. */
interface Idempotency {
  key: string;
  requestHash: string;
}

/**
 * Lost a seat race: exclusion_violation on the active-segment constraint, unique_violation (the
 * idempotency key), or (should two holds ever lock the same seats in different orders)
 * deadlock_detected. Drizzle may wrap the driver error.
 */
export function isSeatConflict(error: unknown): boolean {
  const code = postgresErrorCode(error);
  return code === PgCode.EXCLUSION_VIOLATION || code === PgCode.UNIQUE_VIOLATION || code === PgCode.DEADLOCK;
}

/** Validation that needs no database: seats and passengers line up, within the per-booking limit. */
export function validateHoldRequest(request: HoldSeatsRequest, maxSeats: number): void {
  const { seats, passengerNames } = request;
  if (seats.length === 0) throw new AppError(ErrorCode.BAD_USER_INPUT, 'Choose at least one seat', { field: 'seats' });
  if (seats.length > maxSeats) {
    throw new AppError(ErrorCode.BAD_USER_INPUT, `At most ${maxSeats} seats can be held in one booking`, {
      field: 'seats',
    });
  }
  if (new Set(seats).size !== seats.length)
    throw new AppError(ErrorCode.BAD_USER_INPUT, 'A seat appears twice', { field: 'seats' });
  if (seats.some((s) => s.trim() === '' || s.length > 10))
    throw new AppError(ErrorCode.BAD_USER_INPUT, 'Invalid seat label', { field: 'seats' });
  if (seats.some(hasControlCharacter))
    throw new AppError(ErrorCode.BAD_USER_INPUT, 'A seat label must not contain control characters', {
      field: 'seats',
    });
  if (passengerNames.length !== seats.length) {
    throw new AppError(ErrorCode.BAD_USER_INPUT, 'Give exactly one passenger per seat', { field: 'passengers' });
  }
  if (passengerNames.some((n) => n.trim().length === 0 || n.trim().length > 120)) {
    throw new AppError(ErrorCode.BAD_USER_INPUT, 'Every passenger needs a name (at most 120 characters)', {
      field: 'passengers',
    });
  }
  // Printed on the ticket and the pass.
  const problem = passengerNames.map((n) => personNameProblem(n.trim())).find(Boolean);
  if (problem) throw new AppError(ErrorCode.BAD_USER_INPUT, `A passenger's name ${problem}`, { field: 'passengers' });
}

/**
 * Holds seats over a segment of the trip in one transaction: booking HELD + one ticket per seat +
 * booking.held, within the account's hold limits. The exclusion constraint over active tickets'
 * segments decides races; a loser changes nothing.
 */
export class HoldSeatsService {
  constructor(
    private readonly runner: TransactionRunner,
    private readonly live: LiveUpdates,
    private readonly options: TicketingOptions,
    private readonly logger: Logger,
  ) {}

  async hold(request: HoldSeatsRequest, now = new Date()): Promise<BookingRow> {
    validateHoldRequest(request, this.options.maxSeatsPerBooking);
    const key = idempotencyKeyOf(request.idempotencyKey);
    const idempotency = key === null ? null : { key, requestHash: hashHoldRequest(request) };
    const deadline = request.deadline ?? null;
    try {
      return await this.create(request, idempotency, deadline, now);
    } catch (error) {
      if (error instanceof AppError && error.code === ErrorCode.IDEMPOTENCY_CONFLICT) throw error;
      // A hold with the same key may have committed meanwhile (the unique index on the key, its seats
      // or its limits stopped this one): its booking is the answer.
      const winner = await this.replay(request, idempotency);
      if (winner) return winner;
      if (isSeatConflict(error)) {
        this.logger.info({ tripId: request.tripId, seats: request.seats }, 'seat race lost');
        throw new AppError(ErrorCode.SEAT_UNAVAILABLE, 'One or more of these seats are no longer available');
      }
      if (deadline !== null && isDeadlineTimeout(error)) {
        this.logger.warn({ tripId: request.tripId, deadline }, 'hold gave up at its deadline');
        throw tooLate();
      }
      throw error;
    }
  }

  private async replay(request: HoldSeatsRequest, idempotency: Idempotency | null): Promise<BookingRow | undefined> {
    if (!idempotency) return undefined;
    const { key, requestHash } = idempotency;
    const seller = request.walkIn?.seller ?? null;
    return this.runner.run((uow) =>
      replayHold(new BookingRepository(uow.tx), request.userId, key, requestHash, seller),
    );
  }

  private async create(
    request: HoldSeatsRequest,
    idempotency: Idempotency | null,
    deadline: number | null,
    now: Date,
  ): Promise<BookingRow> {
    return this.runner.run(async (uow) => {
      const trips = new TripRepository(uow.tx);
      const bookings = new BookingRepository(uow.tx);
      const walkIn = request.walkIn ?? null;
      // Up to four statements issued before any is awaited: on Postgres they leave in one write with the transaction's
      // BEGIN and run in the order issued, each with a snapshot of its own (pipeliningClient, packages/shared/src/db;
      // each reaches pg through as many steps as the others: test/hold-deadline.test.ts checks the order).
      const [, earlier, exists, read] = await Promise.all([
        boundByDeadline(uow.tx, deadline),
        // A retry is answered with what its key made, read in this transaction (not one of its own).
        idempotency &&
          replayHold(bookings, request.userId, idempotency.key, idempotency.requestHash, walkIn?.seller ?? null),
        // The hold limits' locks and the trip's share lock, so that what is read next is the trip as it stands
        // once a change under way (a cancellation, a new bus) has committed.
        trips.lockForHold(request.tripId, holdLimitLocksOf(request, !!walkIn)),
        // The trip, the seats asked that it has, its stops, any stale hold on those seats and (online) what the hold
        // limits count, under the locks just taken.
        trips.forHold(
          request.tripId,
          request.seats,
          now,
          this.options.pendingPaymentGraceMs,
          walkIn ? undefined : holdLimitUsageOf(request, now),
        ),
      ]);
      if (earlier) return earlier;
      const found = exists ? read : undefined;
      if (!found) throw new AppError(ErrorCode.NOT_FOUND, 'Trip not found');
      const { trip, stops } = found;
      if (walkIn && !canActForCompany(walkIn.seller, trip.companyId, 'COUNTER_AGENT', 'COMPANY_ADMIN'))
        throw counterSaleRefused();
      if (trip.status !== 'SCHEDULED' || trip.departureAt <= now) {
        throw new AppError(ErrorCode.BAD_USER_INPUT, 'This trip is no longer open for booking', { field: 'tripId' });
      }
      const existing = new Set(found.seats);
      const unknown = request.seats.filter((s) => !existing.has(s));
      if (unknown.length > 0) {
        throw new AppError(ErrorCode.BAD_USER_INPUT, `No such seat on this trip: ${unknown.join(', ')}`, {
          field: 'seats',
        });
      }
      const segment = resolveSegment(
        stops.map((stop) => stop.stopOrder),
        stopNamed(stops, request.boardingStop, request.boardingStationId, 'boardingStationId'),
        stopNamed(stops, request.alightingStop, request.alightingStationId, 'alightingStationId'),
      );
      // A counter serves a queue of passengers: its sales have their own limit instead of the account's.
      if (walkIn) await enforceCounterSaleLimit(bookings, request.userId, this.options, now, { locked: true });
      else checkHoldLimits(found.extra!, request, this.options);
      // Holds past their time must not block, even if the sweeper has not reached them yet.
      const transitions = new BookingTransitions(uow, this.live);
      // Looked for in the read above (same `now`): the locking query runs only when there is one.
      if (found.staleHolds)
        for (const stale of await bookings.lockStaleHoldsOnSeats(
          trip.id,
          request.seats,
          now,
          this.options.pendingPaymentGraceMs,
        ))
          await transitions.expire(stale);

      const totalAmount = fareFor(trip, stops, segment) * request.seats.length;
      // Prices are capped so that no booking reaches it, but a trip priced before the cap may: Money.amount (and the
      // column) hold 32 bits.
      if (totalAmount > MONEY_AMOUNT_MAX) {
        throw new AppError(ErrorCode.BAD_USER_INPUT, 'These seats cost more than one booking can hold: book fewer', {
          field: 'seats',
          reason: 'AMOUNT_TOO_LARGE',
        });
      }
      const bookingId = randomUUID();
      // The stations too: a route edit may give them other orders, and an ended ticket keeps naming them by these.
      const stationAt = (order: number) => stops.find((stop) => stop.stopOrder === order)?.stationId ?? null;
      const stations = {
        boardingStationId: stationAt(segment.boardingStop),
        alightingStationId: stationAt(segment.alightingStop),
      };
      // Seats in label order, so two holds over the same seats meet on the first one instead of deadlocking.
      const tickets = request.seats
        .map((seat, i) => ({
          id: randomUUID(),
          bookingId,
          tripId: trip.id,
          seatLabel: seat,
          passengerName: request.passengerNames[i]!.trim(),
          ...segment,
          ...stations,
        }))
        .sort((a, b) => (a.seatLabel < b.seatLabel ? -1 : a.seatLabel > b.seatLabel ? 1 : 0));
      const values = {
        id: bookingId,
        userId: request.userId,
        tripId: trip.id,
        companyId: trip.companyId,
        status: 'HELD' as const,
        totalAmount,
        currency: trip.currency,
        // A hold ends at departure at the latest: paid after it, it would be a ticket for a bus that has left.
        expiresAt: new Date(Math.min(now.getTime() + this.options.holdMinutes * 60_000, trip.departureAt.getTime())),
        idempotencyKey: idempotency?.key ?? null,
        requestHash: idempotency?.requestHash ?? null,
        clientAddress: request.clientAddress ?? null,
        // Every column booking.held reads, given here (not left to the defaults): the event is written with the
        // booking, from these values.
        channel: walkIn ? ('COUNTER' as const) : ('ONLINE' as const),
        soldBy: walkIn ? request.userId : null,
        walkInName: walkIn?.passenger.name ?? null,
        walkInPhone: walkIn?.passenger.phone ?? null,
        walkInLanguage: walkIn?.passenger.language ?? null,
        walkInEmail: walkIn?.passenger.email ?? null,
        claimedAt: null,
      };
      const held = {
        bookingId,
        tripId: trip.id,
        companyId: trip.companyId,
        userId: request.userId,
        tickets: tickets.map((t) => ({ ticketId: t.id, seatNumber: t.seatLabel, passengerName: t.passengerName })),
        boardingStop: segment.boardingStop,
        alightingStop: segment.alightingStop,
        totalAmount: { amount: values.totalAmount, currency: values.currency },
        expiresAt: values.expiresAt.toISOString(),
        departureAt: trip.departureAt.toISOString(),
        ...channelFields(values),
        ...contactFields(values),
      };
      this.live.bookingChanged(uow, { id: bookingId, tripId: trip.id }, segment);
      // The booking, its tickets and booking.held in one statement, the transaction's last, its COMMIT sent with it.
      // Within the deadline: past it the router has answered UNAVAILABLE, so a commit would leave a hold its passenger
      // was told failed; the unit rolls back instead, leaving nothing, outbox included.
      return uow.commitWith(
        EventTypes.BookingHeld,
        held,
        (outboxInsert) => bookings.insertBookingWithTickets(values, tickets, outboxInsert),
        deadline,
      );
    });
  }
}
