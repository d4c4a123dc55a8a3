import { EventNotReadyError, phoneNumberProblem, type Executor } from '@busline/shared';
import type { BookingRow, Channel, MessageKind, RecipientRow, TripRow } from '../db/schema';
import { bookingReference, renderMessage } from '../i18n/render';
import { MessageRepository, type NewMessage } from '../repositories/message-repository';
import { NetworkRepository } from '../repositories/network-repository';
import { RecipientRepository } from '../repositories/recipient-repository';

/**
 * How messages are written: where links point, and the time zone times are in when the trip's company
 * has none (a company's own time zone, from its events, comes first).
 */
export interface Writing {
  webUrl: string;
  timeZone: string;
  /** Messages one phone number or e-mail address is written at most in an hour (MessageRepository.enqueue). */
  perAddressPerHour: number;
}

/** Someone to tell: an account's recipient row, or the contact a booking carried (a walk-in passenger). */
export type Addressee = Pick<
  RecipientRow,
  'userId' | 'fullName' | 'email' | 'phone' | 'profileLanguage' | 'channels' | 'language'
>;

/** What one message is about. */
export interface Occasion {
  kind: MessageKind;
  /** Names the cause: with the recipient and channel, unique (a redelivered event sends nothing new). */
  dedupeKey: string;
  booking: Pick<BookingRow, 'bookingId' | 'tripId' | 'tickets' | 'boardingStop' | 'alightingStop'> &
    Partial<Pick<BookingRow, 'userId' | 'contact' | 'claimedAt'>>;
  trip: TripRow;
  /** When the bus was to leave the passenger's stop before it moved, as they were last told (delay alerts). */
  previousDepartureAt?: Date | null;
  /** The passenger's segment when not the booking's stop orders read against `trip` (segmentAcross). */
  segment?: Segment;
  /** When it is sent at the earliest (now when absent). */
  sendAt?: Date;
  /** Only on this channel (every channel the recipient has when absent). */
  channel?: Channel;
  money?: { amount: number; currency: string } | null;
  expiresAt?: Date | null;
  /** REFUND_DUE: the code that collects the refund. */
  code?: string | null;
}

/** Where the passenger gets on and off, and when the bus leaves their stop. */
export interface Segment {
  origin: string;
  destination: string;
  departureAt: Date;
}

/**
 * Where the passenger gets on and off, and when the bus leaves their stop: the booking's segment of the
 * trip's stops, else the whole route. `departureAt` is the trip's (its first stop's) departure.
 */
export function segmentOf(
  trip: Pick<TripRow, 'origin' | 'destination' | 'stops'>,
  booking: Pick<BookingRow, 'boardingStop' | 'alightingStop'> &
    Partial<Pick<BookingRow, 'boardingStationId' | 'alightingStationId'>>,
  departureAt: Date,
): Segment {
  return segmentAcross(trip, trip, booking, departureAt);
}

/**
 * The booking's segment on `trip` when its stop orders name stops of `before` (the trip's previous stops: a route
 * edit may have renumbered them, the booking's own renumbering still on its way): each stop found on `trip` by its
 * station when both name it, else by order.
 */
export function segmentAcross(
  before: Pick<TripRow, 'stops'>,
  trip: Pick<TripRow, 'origin' | 'destination' | 'stops'>,
  booking: Pick<BookingRow, 'boardingStop' | 'alightingStop'> &
    Partial<Pick<BookingRow, 'boardingStationId' | 'alightingStationId'>>,
  departureAt: Date,
): Segment {
  const stops = [...trip.stops].sort((a, b) => a.order - b.order);
  const find = (order: number | null, stationId: string | null | undefined) => {
    // The booking's own station first: it names the stop whatever the orders have become.
    const own = stationId ? stops.find((s) => s.stationId === stationId) : undefined;
    if (own || order === null) return own;
    const station = before.stops.find((s) => s.order === order)?.stationId;
    return (station && stops.find((s) => s.stationId === station)) || stops.find((s) => s.order === order);
  };
  const boarding = find(booking.boardingStop, booking.boardingStationId) ?? stops[0];
  const alighting = find(booking.alightingStop, booking.alightingStationId) ?? stops.at(-1);
  return {
    origin: boarding?.city ?? trip.origin,
    destination: alighting?.city ?? trip.destination,
    departureAt: new Date(departureAt.getTime() + (boarding?.minutesFromDeparture ?? 0) * 60_000),
  };
}

/**
 * The walk-in passenger of a counter sale not claimed yet, as an addressee (recorded under the seller's
 * user id, the booking's); null for online bookings and claimed ones, whose messages follow the account.
 */
export function walkInOf(booking: Partial<Pick<BookingRow, 'userId' | 'contact' | 'claimedAt'>>): Addressee | null {
  const contact = booking.contact;
  if (!booking.userId || !contact || booking.claimedAt || (!contact.phone && !contact.email)) return null;
  return {
    userId: booking.userId,
    fullName: contact.name,
    phone: contact.phone,
    email: contact.email,
    profileLanguage: contact.language,
    channels: null,
    language: null,
  };
}

/**
 * Channels a message goes out on: the passenger's choice, else every channel there is an address for. A choice
 * without an address (SMS chosen, then the phone removed) falls back to every channel there is one for: the
 * passenger is never left unreachable. A phone in a premium-rate or non-geographic range (phoneNumberProblem: kept
 * from before such numbers were refused) is no address to text.
 */
export function channelsFor(recipient: Addressee): { channel: Channel; address: string }[] {
  const phone = recipient.phone && !phoneNumberProblem(recipient.phone) ? recipient.phone : null;
  const on = (channels: readonly Channel[]) =>
    channels.flatMap((channel) => {
      const address = channel === 'SMS' ? phone : recipient.email;
      return address ? [{ channel, address }] : [];
    });
  const chosen = recipient.channels && recipient.channels.length > 0 ? on(recipient.channels) : [];
  return chosen.length > 0 ? chosen : on(['SMS', 'EMAIL']);
}

/**
 * How a code (a claim or cash refund code) stands in the text kept: the code itself is kept apart until the message
 * is delivered (messages.code), so no list of messages, and no copy of the database, holds a code that still works.
 */
export const CODE_MASK = '******';

/** The text to send: `text` as kept, with its masked code put back. */
export function withCode(text: string, code: string | null): string {
  return code ? text.replaceAll(CODE_MASK, code) : text;
}

/** The messages of one occasion for one recipient, one per channel, in the recipient's language. */
export async function writeMessages(
  db: Executor,
  recipient: Addressee,
  occasion: Occasion,
  writing: Writing,
): Promise<NewMessage[]> {
  const company = await new NetworkRepository(db).findCompany(occasion.trip.companyId);
  const segment = occasion.segment ?? segmentOf(occasion.trip, occasion.booking, occasion.trip.departureAt);
  const rendered = renderMessage(
    occasion.kind,
    recipient.language ?? recipient.profileLanguage,
    {
      name: recipient.fullName,
      company: company?.name ?? 'Busline',
      origin: segment.origin,
      destination: segment.destination,
      departureAt: segment.departureAt,
      previousDepartureAt: occasion.previousDepartureAt ?? null,
      seats: occasion.booking.tickets.map((t) => t.seatNumber),
      ref: bookingReference(occasion.booking.bookingId),
      link: `${writing.webUrl.replace(/\/$/, '')}/bookings/${occasion.booking.bookingId}`,
      money: occasion.money,
      expiresAt: occasion.expiresAt,
      code: occasion.code ? CODE_MASK : null,
    },
    // The trip's company's time zone: its departures are local times there.
    company?.timeZone ?? writing.timeZone,
  );
  const createdAt = new Date();
  const channels = channelsFor(recipient).filter((c) => !occasion.channel || c.channel === occasion.channel);
  return channels.map(({ channel, address }) => ({
    dedupeKey: occasion.dedupeKey,
    userId: recipient.userId,
    channel,
    kind: occasion.kind,
    address,
    language: rendered.language,
    subject: channel === 'EMAIL' ? rendered.subject : null,
    body: channel === 'EMAIL' ? rendered.emailText : rendered.sms,
    code: occasion.code ?? null,
    bookingId: occasion.booking.bookingId,
    tripId: occasion.trip.tripId,
    previousDepartureAt: occasion.previousDepartureAt ?? null,
    ...(occasion.sendAt ? { nextAttemptAt: occasion.sendAt } : {}),
    createdAt,
  }));
}

/** How to reach a booking's passenger is not known: their account's user.registered is not read yet (or never was). */
export class RecipientUnknownError extends EventNotReadyError {
  constructor(message: string) {
    super(message);
    this.name = 'RecipientUnknownError';
  }
}

/**
 * Records the messages of one occasion for the booking's passenger: `contact` when given, else the
 * walk-in passenger of a counter sale not claimed yet, else the account `userId`'s preferences. Throws
 * while the passenger or the trip is not known yet (their events may arrive later): the consumer retries.
 */
export async function notifyBooking(
  db: Executor,
  userId: string,
  occasion: Omit<Occasion, 'trip'> & { trip?: TripRow },
  writing: Writing,
  contact?: Addressee | null,
): Promise<number> {
  const trip = occasion.trip ?? (await new NetworkRepository(db).findTrip(occasion.booking.tripId));
  if (!trip) throw new EventNotReadyError(`trip ${occasion.booking.tripId} is not known yet`);
  const walkIn = contact ? null : walkInOf(occasion.booking);
  // Share-locked: a phone or address removed by two instances' work at once gets no message written for it.
  const recipient = contact ?? walkIn ?? (await new RecipientRepository(db).findForShare(userId));
  if (!recipient || (!recipient.phone && !recipient.email))
    throw new RecipientUnknownError(`how to reach user ${userId} is not known yet`);
  const rows = await writeMessages(db, recipient, { ...occasion, trip }, writing);
  // An address a seller typed is limited per company: the trip's, whose counter sold the seat.
  const limits = {
    perAddressPerHour: writing.perAddressPerHour,
    typedByCompanyId: walkIn ? trip.companyId : undefined,
  };
  return (await new MessageRepository(db).enqueue(rows, limits)).length;
}
