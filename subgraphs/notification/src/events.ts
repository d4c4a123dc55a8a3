import {
  EventNotReadyError,
  EventTypes,
  handle,
  z,
  type DomainEvent,
  type DomainEventHandler,
  type Executor,
  type Logger,
} from '@busline/shared';
import type { BookingRow, Channel, TripRow, TripStop, WalkInContact } from './db/schema';
import { renderCode } from './i18n/render';
import { MessageRepository } from './repositories/message-repository';
import { BookingRepository, isKnown } from './repositories/booking-repository';
import { NetworkRepository } from './repositories/network-repository';
import { RecipientRepository } from './repositories/recipient-repository';
import {
  CODE_MASK,
  notifyBooking,
  RecipientUnknownError,
  segmentAcross,
  segmentOf,
  walkInOf,
  type Writing,
} from './services/compose';
import { knownTimeZone } from './env';

const money = z.object({ amount: z.number().int(), currency: z.string().length(3) });
const ticket = z.object({ ticketId: z.string().uuid(), seatNumber: z.string(), passengerName: z.string() });
/** A stop of a ticket's segment, as the booking's events name it. */
const segmentStop = z.object({ stationId: z.string().nullish() }).nullish();
/** The segment of a confirmed ticket (stop orders; absent before segments: the whole route). */
const segmentTicket = ticket.extend({
  boardingStop: z.number().int().nullish(),
  alightingStop: z.number().int().nullish(),
  boarding: segmentStop,
  alighting: segmentStop,
});
/** A walk-in passenger's contact, when a booking carries one: messages go there instead of to the account. */
const contact = z
  .object({
    name: z.string().nullish(),
    phone: z.string().nullish(),
    email: z.string().nullish(),
    language: z.string().nullish(),
  })
  .nullish();

const userRegistered = z.object({
  userId: z.string().uuid(),
  email: z.string(),
  fullName: z.string(),
  phone: z.string().nullish(),
  language: z.string().nullish(),
});
const profileUpdated = z.object({
  userId: z.string().uuid(),
  fullName: z.string(),
  phone: z.string().nullish(),
  language: z.string(),
  email: z.string().nullish(),
});
const companySnapshot = z.object({
  companyId: z.string().uuid(),
  name: z.string(),
  /** IANA time zone of the company (absent from events written before companies had one). */
  timeZone: z.string().nullish(),
});
const tripSnapshot = z.object({
  tripId: z.string().uuid(),
  companyId: z.string().uuid(),
  version: z.number().int(),
  status: z.string(),
  departureAt: z.string().datetime({ offset: true }),
  stops: z
    .array(
      z.object({
        city: z.string(),
        order: z.number().int(),
        minutesFromDeparture: z.number().nullish(),
        stationId: z.string().nullish(),
      }),
    )
    .min(1),
});
const tripCancelled = z.object({ tripId: z.string().uuid(), version: z.number().int() });
const bookingHeld = z.object({
  bookingId: z.string().uuid(),
  tripId: z.string().uuid(),
  userId: z.string().uuid(),
  tickets: z.array(ticket),
  totalAmount: money.nullish(),
  expiresAt: z.string().datetime({ offset: true }),
  boardingStop: z.number().int().nullish(),
  alightingStop: z.number().int().nullish(),
  contact,
});
const bookingConfirmed = z.object({
  bookingId: z.string().uuid(),
  tripId: z.string().uuid(),
  userId: z.string().uuid(),
  /** The payment that confirmed it (absent from events written before they carried it). */
  paymentId: z.string().uuid().nullish(),
  tickets: z.array(segmentTicket),
  totalAmount: money.nullish(),
  contact,
});
const stopsChanged = z.object({
  bookingId: z.string().uuid(),
  tripId: z.string().uuid(),
  version: z.number().int(),
  tickets: z
    .array(
      z.object({
        ticketId: z.string().uuid(),
        boardingStop: z.number().int(),
        alightingStop: z.number().int(),
        boarding: segmentStop,
        alighting: segmentStop,
      }),
    )
    .min(1),
});
const bookingClosed = z.object({
  bookingId: z.string().uuid(),
  tripId: z.string().uuid(),
  userId: z.string().uuid(),
  reason: z.string().nullish(),
  /** booking.cancelled: what the passenger gets back (more than nothing only for a booking that was paid). */
  refund: money.nullish(),
});
const claimRequested = z.object({
  requestId: z.string().min(1),
  phone: z.string().min(1),
  code: z.string().min(1),
  language: z.string().nullish(),
  expiresAt: z.string().datetime({ offset: true }),
  bookingIds: z.array(z.string().uuid()).nullish(),
});
const passwordResetRequested = z.object({
  requestId: z.string().min(1),
  userId: z.string().uuid(),
  email: z.string().min(3),
  code: z.string().min(1),
  language: z.string().nullish(),
  expiresAt: z.string().datetime({ offset: true }),
});
const bookingClaimed = z.object({
  bookingId: z.string().uuid(),
  tripId: z.string().uuid(),
  userId: z.string().uuid(),
  claimedAt: z.string().datetime({ offset: true }),
});
const paymentSucceeded = z.object({
  paymentId: z.string().uuid(),
  bookingId: z.string().uuid(),
  method: z.string().nullish(),
});
const paymentRefunded = z.object({
  paymentId: z.string().uuid().nullish(),
  bookingId: z.string().uuid(),
  userId: z.string().uuid(),
  refundId: z.string().uuid(),
  amount: money,
  /** The refunded payment's method, when the event gives it: CASH is handed back at the counter. */
  method: z.string().nullish(),
});
const paymentRefundDue = z.object({
  refundId: z.string().uuid(),
  paymentId: z.string().uuid(),
  bookingId: z.string().uuid(),
  amount: money,
  code: z.string().regex(/^\d{6}$/),
  codeNumber: z.number().int().positive(),
  /** The booking's sales channel: a COUNTER sale's code goes to its walk-in passenger, never to its seller. */
  channel: z.string().nullish(),
});

/** Trip statuses after its bus left. */
const GONE = new Set(['DEPARTED', 'ARRIVED']);

/** A departure moved by less than this is not worth an SMS. */
const SCHEDULE_CHANGE_MS = 60_000;

/** The walk-in contact a counter sale's event carries, as stored on the booking; null when none. */
function walkInContact(c: z.infer<typeof contact>): WalkInContact | null {
  if (!c || (!c.phone && !c.email)) return null;
  return { name: c.name ?? null, phone: c.phone ?? null, email: c.email ?? null, language: c.language ?? null };
}

/**
 * notifyBooking for one passenger of a trip-wide alert: a passenger notification cannot reach (their account's
 * user.registered never read) is skipped and logged, so the trip's other passengers are told and its change recorded.
 */
async function tellPassenger(
  tx: Executor,
  occasion: Parameters<typeof notifyBooking>[2] & { booking: BookingRow },
  writing: Writing,
  logger: Logger,
): Promise<number> {
  try {
    return await notifyBooking(tx, occasion.booking.userId, occasion, writing);
  } catch (error) {
    if (!(error instanceof RecipientUnknownError)) throw error;
    logger.warn(
      { bookingId: occasion.booking.bookingId, userId: occasion.booking.userId, kind: occasion.kind },
      'passenger of the trip cannot be reached (their account is not known here): not told',
    );
    return 0;
  }
}

/** Tells every confirmed booking of a trip that it is cancelled (its time changes not sent yet are moot). */
async function alertTripCancelled(tx: Executor, trip: TripRow, writing: Writing, logger: Logger): Promise<number> {
  let written = 0;
  const messages = new MessageRepository(tx);
  // Locked: a claim read meanwhile waits, and the booking's own booking.cancelled then finds this alert written.
  for (const booking of await new BookingRepository(tx).confirmedOnTrip(trip.tripId, true)) {
    await messages.supersedeScheduleAlerts(booking.bookingId);
    // A counter sale not claimed yet goes to its walk-in passenger (notifyBooking reads the booking's contact).
    written += await tellPassenger(
      tx,
      { kind: 'TRIP_CANCELLED', dedupeKey: `trip-cancelled:${trip.tripId}:${booking.bookingId}`, booking, trip },
      writing,
      logger,
    );
  }
  return written;
}

/** A stop as its time from the departure: by station when known (the same stop after a renumbering). */
const stopTime = (stop: TripStop) => [stop.stationId ?? stop.order, stop.minutesFromDeparture];

/**
 * Tells every confirmed booking of a trip that the bus leaves the passenger's stop at another time than under
 * `previous` (the departure moved, or the time the stop is reached from it), `settleMs` later: changes in quick
 * succession go out as one. A change not sent yet is replaced by the next, which says the time the passenger was
 * last told; a trip moved back to that time sends nothing. (A company moving a departure back and forth texted
 * every passenger once per move.)
 */
async function alertScheduleChange(
  tx: Executor,
  trip: TripRow,
  previous: TripRow,
  writing: Writing,
  settleMs: number,
  logger: Logger,
): Promise<number> {
  let written = 0;
  const messages = new MessageRepository(tx);
  for (const booking of await new BookingRepository(tx).confirmedOnTrip(trip.tripId)) {
    const replaced = await messages.supersedeScheduleAlerts(booking.bookingId);
    // When the bus leaves the passenger's stop, as it was and as it is now: the booking's stop orders name the
    // previous snapshot's stops, or the new one's once its renumbering (booking.stops_changed) has been read; the
    // other snapshot's stop is the same station.
    const renumbered = booking.stopsVersion >= trip.version;
    const was = (
      renumbered
        ? segmentAcross(trip, previous, booking, previous.departureAt)
        : segmentOf(previous, booking, previous.departureAt)
    ).departureAt;
    const segment = renumbered
      ? segmentOf(trip, booking, trip.departureAt)
      : segmentAcross(previous, trip, booking, trip.departureAt);
    // What each channel last told the passenger: a text and an e-mail may differ (one sent, the other not yet).
    // Written once for both when they agree, as they mostly do.
    const sms = replaced.get('SMS') ?? was;
    const email = replaced.get('EMAIL') ?? was;
    const writes: [Channel | undefined, Date][] =
      sms.getTime() === email.getTime()
        ? [[undefined, sms]]
        : [
            ['SMS', sms],
            ['EMAIL', email],
          ];
    for (const [channel, told] of writes) {
      const moved = segment.departureAt.getTime() - told.getTime();
      if (Math.abs(moved) < SCHEDULE_CHANGE_MS) continue;
      written += await tellPassenger(
        tx,
        {
          kind: moved > 0 ? 'TRIP_DELAYED' : 'TRIP_RESCHEDULED',
          dedupeKey: `trip-schedule:${trip.tripId}:v${trip.version}:${booking.bookingId}`,
          booking,
          trip,
          segment,
          previousDepartureAt: told,
          sendAt: new Date(Date.now() + settleMs),
          channel,
        },
        writing,
        logger,
      );
    }
  }
  return written;
}

/**
 * Events the notification subgraph consumes (docs/events.md): who to reach and how from user events,
 * trips and companies to write about, and the booking saga's steps that passengers are told about.
 */
export function createHandlers(options: {
  writing: Writing;
  holdReminderMs: number;
  maxEventAgeMs: number;
  /** How long a trip's change of time waits before it is sent, so that quick changes go out as one. */
  tripAlertSettleMs: number;
}): Record<string, DomainEventHandler> {
  const { writing } = options;
  /**
   * Whether an event is recent enough to tell anyone about: a consumer group that starts (or catches up)
   * reads old events too, and passengers are not texted about bookings and trips of days ago. Their
   * state is recorded all the same.
   */
  const news = (event: DomainEvent, logger: Logger) => {
    const fresh = Date.now() - Date.parse(event.occurredAt) <= options.maxEventAgeMs;
    if (!fresh)
      logger.info(
        { eventId: event.id, type: event.type, occurredAt: event.occurredAt },
        'event too old to notify anyone; state recorded only',
      );
    return fresh;
  };
  /**
   * Whether to tell a trip's passengers (a ticket, an alert) about an event: always while the trip has yet to
   * leave, however late the event is read (notification down or behind must not lose a change to a trip they will
   * take); for a trip gone (or not known), only a recent event — catching up never texts about trips of days ago.
   */
  const tripNews = (event: DomainEvent, trip: Pick<TripRow, 'departureAt' | 'status'> | undefined, logger: Logger) =>
    (!!trip && !GONE.has(trip.status) && trip.departureAt.getTime() > Date.now()) || news(event, logger);
  const heldBooking = (p: z.infer<typeof bookingHeld>) => {
    const expiresAt = new Date(p.expiresAt);
    // A counter sale (walk-in contact) is paid at the counter: its passenger gets no reminder to pay.
    const walkIn = walkInContact(p.contact);
    // Due some minutes before the hold lapses; at once when the hold is shorter than that.
    const remindAt = new Date(Math.max(Date.now(), expiresAt.getTime() - options.holdReminderMs));
    return {
      bookingId: p.bookingId,
      tripId: p.tripId,
      userId: p.userId,
      tickets: p.tickets,
      amount: p.totalAmount?.amount ?? null,
      currency: p.totalAmount?.currency ?? null,
      boardingStop: p.boardingStop ?? null,
      alightingStop: p.alightingStop ?? null,
      expiresAt,
      contact: walkIn,
      remindAt: expiresAt.getTime() > Date.now() && !walkIn ? remindAt : null,
    };
  };
  const recordTrip = handle(tripSnapshot, async (p, { tx, logger }, event) => {
    const stops = [...p.stops].sort((a, b) => a.order - b.order);
    const trip: TripRow = {
      tripId: p.tripId,
      companyId: p.companyId,
      version: p.version,
      status: p.status,
      departureAt: new Date(p.departureAt),
      origin: stops[0]!.city,
      destination: stops.at(-1)!.city,
      stops: stops.map((s) => ({
        order: s.order,
        city: s.city,
        minutesFromDeparture: s.minutesFromDeparture ?? 0,
        ...(s.stationId ? { stationId: s.stationId } : {}),
      })),
    };
    const applied = await new NetworkRepository(tx).applySnapshot(trip);
    const previous = applied?.previous;
    if (!previous || previous.status === 'CANCELLED') return;
    // A cancellation is judged by the departure it cancels, a change of time by the new one.
    if (!tripNews(event, trip.status === 'CANCELLED' ? previous : trip, logger)) return;
    if (trip.status === 'CANCELLED') {
      const written = await alertTripCancelled(tx, { ...trip, departureAt: previous.departureAt }, writing, logger);
      logger.info({ tripId: trip.tripId, written }, 'trip cancellation alerts written');
      return;
    }
    // Nothing moved: neither the departure nor the time any stop is reached from it (each passenger's own stop is
    // what counts: a route edit may keep the departure and move the bus's time at a stop).
    const times = (t: TripRow) => JSON.stringify([...t.stops].sort((a, b) => a.order - b.order).map(stopTime));
    if (
      Math.abs(trip.departureAt.getTime() - previous.departureAt.getTime()) < SCHEDULE_CHANGE_MS &&
      times(trip) === times(previous)
    )
      return;
    const written = await alertScheduleChange(tx, trip, previous, writing, options.tripAlertSettleMs, logger);
    logger.info({ tripId: trip.tripId, written }, 'trip schedule alerts written');
  });
  const recordCompany = handle(companySnapshot, async (p, { tx, logger }) => {
    let timeZone = p.timeZone ?? null;
    if (timeZone && !knownTimeZone(timeZone)) {
      // Written in NOTIFICATION_TIME_ZONE rather than not at all.
      logger.warn({ companyId: p.companyId, timeZone }, 'unknown company time zone ignored');
      timeZone = null;
    }
    await new NetworkRepository(tx).recordCompany(p.companyId, p.name, timeZone);
  });

  return {
    [EventTypes.UserRegistered]: handle(userRegistered, async (p, { tx }, event) => {
      await new RecipientRepository(tx).recordContact(
        p.userId,
        {
          fullName: p.fullName,
          email: p.email.toLowerCase(),
          phone: p.phone ?? null,
          profileLanguage: p.language ?? undefined,
        },
        new Date(event.occurredAt),
        'registration',
      );
    }),
    [EventTypes.UserProfileUpdated]: handle(profileUpdated, async (p, { tx, logger }, event) => {
      const recipients = new RecipientRepository(tx);
      const before = await recipients.find(p.userId);
      await recipients.recordContact(
        p.userId,
        {
          fullName: p.fullName,
          phone: p.phone ?? null,
          profileLanguage: p.language,
          email: p.email ? p.email.toLowerCase() : undefined,
        },
        new Date(event.occurredAt),
        'profile',
      );
      // A message still waiting for its (next) send goes where the passenger can be reached now: a ticket retried
      // after the passenger removed a number must not reach whoever has that number next.
      const after = await recipients.find(p.userId);
      const messages = new MessageRepository(tx);
      for (const [channel, from, to] of [
        ['SMS', before?.phone, after?.phone],
        ['EMAIL', before?.email, after?.email],
      ] as const) {
        if (!from || from === to) continue;
        const moved = await messages.readdress(p.userId, channel, from, to ?? null);
        if (moved > 0) logger.info({ userId: p.userId, channel, moved, removed: !to }, 'unsent messages readdressed');
      }
    }),
    [EventTypes.CompanyCreated]: recordCompany,
    [EventTypes.CompanyUpdated]: recordCompany,
    [EventTypes.TripScheduled]: recordTrip,
    [EventTypes.TripUpdated]: recordTrip,
    [EventTypes.TripCancelled]: handle(tripCancelled, async (p, { tx, logger }, event) => {
      const network = new NetworkRepository(tx);
      const trip = await network.findTrip(p.tripId);
      // Retried until the trip's trip.scheduled has arrived.
      if (!trip) throw new EventNotReadyError(`trip ${p.tripId} is not known yet`);
      if (!(await network.cancelTrip(p.tripId, p.version)) || !tripNews(event, trip, logger)) return;
      const written = await alertTripCancelled(tx, trip, writing, logger);
      logger.info({ tripId: trip.tripId, written }, 'trip cancellation alerts written');
    }),
    [EventTypes.BookingHeld]: handle(
      bookingHeld,
      async (p, { tx }) => {
        await new BookingRepository(tx).recordHeld([heldBooking(p)]);
      },
      async (payloads, { tx }) => {
        await new BookingRepository(tx).recordHeld(payloads.map(heldBooking));
      },
    ),
    [EventTypes.BookingConfirmed]: handle(bookingConfirmed, async (p, { tx, logger }, event) => {
      // Share-locked first (before the booking, the order a trip's snapshot takes them in): a snapshot applied at the
      // same time by another instance either commits first and its new time is read here, or waits and finds this
      // booking among the trip's to alert. Read without the lock, the ticket named the old time and nobody was told.
      const trip = await new NetworkRepository(tx).findTrip(p.tripId, true);
      const booking = await new BookingRepository(tx).recordConfirmed({
        bookingId: p.bookingId,
        tripId: p.tripId,
        userId: p.userId,
        paymentId: p.paymentId ?? null,
        tickets: p.tickets.map(({ ticketId, seatNumber, passengerName }) => ({ ticketId, seatNumber, passengerName })),
        amount: p.totalAmount?.amount ?? null,
        currency: p.totalAmount?.currency ?? null,
        boardingStop: p.tickets[0]?.boardingStop ?? null,
        alightingStop: p.tickets[0]?.alightingStop ?? null,
        boardingStationId: p.tickets[0]?.boarding?.stationId ?? null,
        alightingStationId: p.tickets[0]?.alighting?.stationId ?? null,
        contact: walkInContact(p.contact),
      });
      // The hold is paid: its reminder not sent yet is not sent.
      await new MessageRepository(tx).giveUpHoldReminders(p.bookingId);
      // Cancelled or refunded already (events arrive out of order): no ticket to send.
      if (!booking || !tripNews(event, trip, logger)) return;
      // The booking as recorded: a counter sale's walk-in contact, or the account that claimed it.
      await notifyBooking(
        tx,
        booking.userId,
        { kind: 'BOOKING_CONFIRMED', dedupeKey: `booking-confirmed:${p.bookingId}`, booking, trip },
        writing,
      );
    }),
    [EventTypes.BookingCancelled]: handle(bookingClosed, async (p, { tx, logger }, event) => {
      const before = await new BookingRepository(tx).close(p, 'CANCELLED');
      // A cancelled booking's trip may still move: a change of its time not sent yet is nothing to it now.
      await new MessageRepository(tx).supersedeScheduleAlerts(p.bookingId);
      await new MessageRepository(tx).giveUpHoldReminders(p.bookingId);
      // A paid booking a route edit or its trip's cancellation cancelled, read before its confirmation (another
      // stream): retried until the confirmation is known, so its passenger is told why (trip.cancelled alerts only
      // the bookings confirmed here, and a confirmation read after this cancellation changes nothing).
      const paid = (p.refund?.amount ?? 0) > 0;
      const toldWhy = p.reason === 'ROUTE_CHANGED' || p.reason === 'TRIP_CANCELLED';
      if (toldWhy && paid && (before === undefined || before === 'HELD'))
        throw new EventNotReadyError(`booking ${p.bookingId} is not confirmed here yet`);
      if (before !== 'CONFIRMED') return;
      const trip = await new NetworkRepository(tx).findTrip(p.tripId);
      if (!tripNews(event, trip, logger)) return;
      // The trip's cancellation may come after its bookings': the alert goes out from whichever is first.
      // Once per booking, whoever it went to: a counter sale claimed since the trip's alert told its walk-in passenger
      // (the message key holds the recipient, and the claimer is now the booking's).
      const dedupeKey = `trip-cancelled:${p.tripId}:${p.bookingId}`;
      if (p.reason === 'TRIP_CANCELLED' && trip && !(await new MessageRepository(tx).written(dedupeKey))) {
        const booking = (await new BookingRepository(tx).find(p.bookingId))!;
        await notifyBooking(tx, booking.userId, { kind: 'TRIP_CANCELLED', dedupeKey, booking, trip }, writing);
      }
      // A route edit took away a station of the ticket: the passenger is told why their booking ended (the
      // refund's own message follows). About the trip as a whole: the booking's stop orders are the old
      // route's, and the trip's stops here may already be the new route's.
      if (p.reason === 'ROUTE_CHANGED') {
        const booking = (await new BookingRepository(tx).find(p.bookingId))!;
        await notifyBooking(
          tx,
          booking.userId,
          {
            kind: 'ROUTE_CHANGED',
            dedupeKey: `route-changed:${p.bookingId}`,
            booking: { ...booking, boardingStop: null, alightingStop: null },
          },
          writing,
        );
      }
    }),
    [EventTypes.BookingStopsChanged]: handle(stopsChanged, async (p, { tx, logger }) => {
      const [{ boardingStop, alightingStop, boarding, alighting }] = p.tickets as [
        z.infer<typeof stopsChanged>['tickets'][number],
      ];
      const outcome = await new BookingRepository(tx).applyStops(p.bookingId, p.version, {
        boardingStop,
        alightingStop,
        boardingStationId: boarding?.stationId ?? null,
        alightingStationId: alighting?.stationId ?? null,
      });
      if (outcome === 'unconfirmed') throw new EventNotReadyError(`booking ${p.bookingId} is not confirmed here yet`);
      logger.debug({ bookingId: p.bookingId, version: p.version, outcome }, 'booking stops renumbered');
    }),
    [EventTypes.BookingExpired]: handle(bookingClosed, async (p, { tx }) => {
      await new BookingRepository(tx).close(p, 'EXPIRED');
      await new MessageRepository(tx).giveUpHoldReminders(p.bookingId);
    }),
    [EventTypes.BookingClaimRequested]: handle(claimRequested, async (p, { tx, logger }) => {
      const expiresAt = new Date(p.expiresAt);
      // A code read after it lapsed (a consumer catching up) is no use to anyone.
      if (expiresAt.getTime() <= Date.now())
        return logger.info({ requestId: p.requestId }, 'claim code expired before it could be sent');
      const rendered = renderCode('CLAIM_CODE', p.language, { code: CODE_MASK, expiresAt });
      // SMS only, whatever anyone's preferences: the code proves the phone. To no account: the phone is
      // not yet proven to belong to one. Once per request (its dedupe key), however often it is delivered.
      const written = await new MessageRepository(tx).enqueue(
        [
          {
            dedupeKey: `claim-code:${p.requestId}`,
            userId: null,
            channel: 'SMS',
            kind: 'CLAIM_CODE',
            address: p.phone,
            language: rendered.language,
            subject: null,
            body: rendered.sms,
            code: p.code,
            bookingId: p.bookingIds?.length === 1 ? p.bookingIds[0] : null,
            tripId: null,
            // A code past its expiry claims nothing: a send still retried then is given up instead.
            sendBefore: expiresAt,
          },
        ],
        { perAddressPerHour: writing.perAddressPerHour },
      );
      logger.debug({ requestId: p.requestId, written: written.length }, 'claim code written');
    }),
    [EventTypes.PasswordResetRequested]: handle(passwordResetRequested, async (p, { tx, logger }) => {
      const expiresAt = new Date(p.expiresAt);
      if (expiresAt.getTime() <= Date.now())
        return logger.info({ requestId: p.requestId }, 'password reset code expired before it could be sent');
      const rendered = renderCode('PASSWORD_RESET', p.language, { code: CODE_MASK, expiresAt });
      // By e-mail only, whatever the account's preferences: the code proves the address. Once per request.
      const written = await new MessageRepository(tx).enqueue(
        [
          {
            dedupeKey: `password-reset:${p.requestId}`,
            userId: p.userId,
            channel: 'EMAIL',
            kind: 'PASSWORD_RESET',
            address: p.email,
            language: rendered.language,
            subject: rendered.subject,
            body: rendered.emailText,
            code: p.code,
            bookingId: null,
            tripId: null,
            sendBefore: expiresAt,
          },
        ],
        { perAddressPerHour: writing.perAddressPerHour },
      );
      logger.debug({ requestId: p.requestId, written: written.length }, 'password reset code written');
    }),
    [EventTypes.BookingClaimed]: handle(bookingClaimed, async (p, { tx }) => {
      const known = await new BookingRepository(tx).recordClaim(
        p.bookingId,
        p.userId,
        new Date(p.claimedAt),
        options.holdReminderMs,
      );
      // Retried until the booking's own events have arrived (its booking.held comes before any claim).
      if (!known) throw new EventNotReadyError(`booking ${p.bookingId} is not known yet`);
    }),
    [EventTypes.PaymentSucceeded]: handle(paymentSucceeded, async (p, { tx }) => {
      // Only cash payments matter here (their refunds are not texted).
      if (p.method === 'CASH') await new BookingRepository(tx).recordCashPayment(p.paymentId, p.bookingId);
    }),
    [EventTypes.PaymentRefunded]: handle(paymentRefunded, async (p, { tx, logger }, event) => {
      const bookings = new BookingRepository(tx);
      const booking = await bookings.find(p.bookingId);
      // Retried until the booking's own events have arrived (the refund text names its trip and seats, and goes to a
      // counter sale's walk-in passenger): a booking known only from its end is not yet.
      if (!isKnown(booking)) throw new EventNotReadyError(`booking ${p.bookingId} is not known yet`);
      // The refund of another payment than the one that confirmed the booking (a duplicate) leaves it CONFIRMED:
      // its tickets stay valid and its trip's alerts still reach it. One read while the booking is still HELD here
      // (its confirmation, on another stream, not read yet) closes nothing either: the booking's own events close
      // it if it ends. A confirmed booking whose payment is not known (confirmed before it was recorded) closes.
      const closes =
        !p.paymentId || booking.paymentId === p.paymentId || (!booking.paymentId && booking.status !== 'HELD');
      if (closes) {
        await bookings.close(booking, 'REFUNDED');
        await new MessageRepository(tx).giveUpHoldReminders(p.bookingId);
      } else
        logger.info(
          { bookingId: p.bookingId, paymentId: p.paymentId, bookingPaymentId: booking.paymentId },
          'refund of another payment of the booking; booking unchanged',
        );
      // Cash is handed back at the counter: no "it reaches your mobile money account" text.
      const cash = p.method === 'CASH' || (!!p.paymentId && (await bookings.isCashPayment(p.paymentId)));
      if (!news(event, logger) || cash) return;
      await notifyBooking(
        tx,
        booking.userId,
        { kind: 'REFUND_SENT', dedupeKey: `refund:${p.refundId}`, booking, money: p.amount },
        writing,
      );
    }),
    [EventTypes.PaymentRefundDue]: handle(paymentRefundDue, async (p, { tx, logger }) => {
      const booking = await new BookingRepository(tx).find(p.bookingId);
      // Retried until the booking's own events have arrived (the text names its trip and whom to send it to).
      if (!isKnown(booking)) throw new EventNotReadyError(`booking ${p.bookingId} is not known yet`);
      // The code proves the passenger is at the counter: an unclaimed counter sale's account is its seller's, so
      // the code goes to the walk-in's contact or nowhere (a company admin then hands the refund out).
      const walkIn = walkInOf(booking);
      if (p.channel === 'COUNTER' && !booking.claimedAt && !walkIn) {
        logger.warn(
          { bookingId: p.bookingId, refundId: p.refundId },
          'cash refund code not sent: the walk-in passenger left no phone or e-mail; an admin hands it out',
        );
        return;
      }
      // A code is sent however late the event is read: it stays valid until the refund is handed out or replaced.
      // A walk-in's by SMS only: the phone is what a claim proves, an e-mail typed at the sale is proven by nobody
      // (the seller could have typed their own).
      const written = await notifyBooking(
        tx,
        booking.userId,
        {
          kind: 'REFUND_DUE',
          dedupeKey: `refund-code:${p.refundId}:${p.codeNumber}`,
          booking,
          money: p.amount,
          code: p.code,
          ...(walkIn ? { channel: 'SMS' as const } : {}),
        },
        writing,
      );
      if (written === 0 && walkIn && !walkIn.phone)
        logger.warn(
          { bookingId: p.bookingId, refundId: p.refundId },
          'cash refund code not sent: the walk-in passenger left no phone; an admin hands it out',
        );
    }),
  };
}
