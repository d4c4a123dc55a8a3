import type { LivePubSub, UnitOfWork } from '@busline/shared';
import type { StopRange } from './segments';

/** Pub/sub topics of the ticketing subscriptions. */
export const topics = {
  booking: (bookingId: string) => `ticketing.booking.${bookingId}`,
  tripSeats: (tripId: string) => `ticketing.trip-seats.${tripId}`,
};

/** What a live update carries: ids only, so subscribers re-read the committed state. */
export interface BookingChanged {
  bookingId: string;
}
export interface TripSeatsChanged {
  tripId: string;
  /** The stretch of the trip whose seats changed; absent or null when it may be any (the whole trip). */
  segment?: StopRange | null;
}

/** Publishes live updates once the unit of work has committed (never for a rolled-back change). */
export class LiveUpdates {
  constructor(private readonly pubsub: LivePubSub) {}

  /**
   * `seatsChanged`: false when no seat changed, the segment whose seats did, or true when that
   * may be any stretch of the trip.
   */
  bookingChanged(
    uow: Pick<UnitOfWork, 'afterCommit'>,
    booking: { id: string; tripId: string },
    seatsChanged: boolean | StopRange = true,
  ): void {
    const bookingUpdate = () =>
      this.pubsub.publish(topics.booking(booking.id), { bookingId: booking.id } satisfies BookingChanged);
    if (!seatsChanged) {
      uow.afterCommit(bookingUpdate);
      return;
    }
    const seatsUpdate = this.seatsUpdate(booking.tripId, seatsChanged === true ? null : seatsChanged);
    // Both at once: published in this order, in one write to Redis (the publisher pipelines what one turn of the
    // event loop publishes), and the caller answered a round trip sooner than one after the other.
    uow.afterCommit(() => Promise.all([bookingUpdate(), seatsUpdate()]));
  }

  tripSeatsChanged(uow: Pick<UnitOfWork, 'afterCommit'>, tripId: string, segment: StopRange | null = null): void {
    uow.afterCommit(this.seatsUpdate(tripId, segment));
  }

  private seatsUpdate(tripId: string, segment: StopRange | null): () => Promise<void> {
    const changed: TripSeatsChanged = {
      tripId,
      segment: segment && { boardingStop: segment.boardingStop, alightingStop: segment.alightingStop },
    };
    return () => this.pubsub.publish(topics.tripSeats(tripId), changed);
  }

  subscribe<T>(topic: string): AsyncIterableIterator<T> {
    return this.pubsub.subscribe<T>(topic);
  }
}
