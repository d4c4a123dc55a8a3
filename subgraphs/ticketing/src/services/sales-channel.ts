import type { BookingRow } from '../db/schema';

/** `channel` and `soldBy` of every booking.* event (docs/events.md). */
export function channelFields(booking: Pick<BookingRow, 'channel' | 'soldBy'>) {
  return { channel: booking.channel, soldBy: booking.channel === 'COUNTER' ? (booking.soldBy ?? null) : null };
}

/**
 * `contact` of booking.held and booking.confirmed: the walk-in passenger of a counter sale not yet
 * claimed (notification writes to them instead of the seller's account); absent otherwise, and once
 * claimed, when messages go to the passenger's own account.
 */
export function contactFields(
  booking: Pick<BookingRow, 'channel' | 'claimedAt' | 'walkInName' | 'walkInPhone' | 'walkInEmail' | 'walkInLanguage'>,
) {
  if (booking.channel !== 'COUNTER' || booking.claimedAt !== null || !booking.walkInPhone) return {};
  return {
    contact: {
      name: booking.walkInName ?? '',
      phone: booking.walkInPhone,
      email: booking.walkInEmail ?? null,
      language: booking.walkInLanguage ?? 'rw',
    },
  };
}
