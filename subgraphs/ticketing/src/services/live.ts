import type { LivePubSub, UnitOfWork } from '@busline/shared';

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
}

/** Publishes live updates once the unit of work has committed (never for a rolled-back change). */
export class LiveUpdates {
  constructor(private readonly pubsub: LivePubSub) {}

  bookingChanged(uow: Pick<UnitOfWork, 'afterCommit'>, booking: { id: string; tripId: string }, seatsChanged = true): void {
    uow.afterCommit(() => this.pubsub.publish(topics.booking(booking.id), { bookingId: booking.id } satisfies BookingChanged));
    if (seatsChanged) this.tripSeatsChanged(uow, booking.tripId);
  }

  tripSeatsChanged(uow: Pick<UnitOfWork, 'afterCommit'>, tripId: string): void {
    uow.afterCommit(() => this.pubsub.publish(topics.tripSeats(tripId), { tripId } satisfies TripSeatsChanged));
  }

  subscribe<T>(topic: string): AsyncIterableIterator<T> {
    return this.pubsub.subscribe<T>(topic);
  }
}
