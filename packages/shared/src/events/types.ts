/** Domain event names (docs/events.md). Producers and consumers agree on these strings. */
export const EventTypes = {
  UserRegistered: 'user.registered',
  UserRoleChanged: 'user.role_changed',
  UserSuspended: 'user.suspended',
  UserReinstated: 'user.reinstated',
  UserProfileUpdated: 'user.profile_updated',
  PasswordResetRequested: 'password.reset_requested',
  CompanyCreated: 'company.created',
  CompanyUpdated: 'company.updated',
  TripScheduled: 'trip.scheduled',
  TripUpdated: 'trip.updated',
  TripCancelled: 'trip.cancelled',
  BookingHeld: 'booking.held',
  BookingConfirmed: 'booking.confirmed',
  BookingCancelled: 'booking.cancelled',
  BookingExpired: 'booking.expired',
  BookingClaimRequested: 'booking.claim_requested',
  BookingClaimed: 'booking.claimed',
  BookingStopsChanged: 'booking.stops_changed',
  BookingRefunded: 'booking.refunded',
  PaymentStarted: 'payment.started',
  PaymentSucceeded: 'payment.succeeded',
  PaymentFailed: 'payment.failed',
  PaymentRefunded: 'payment.refunded',
  PaymentRefundDue: 'payment.refund_due',
  RefundRequested: 'refund.requested',
  TicketBoarded: 'ticket.boarded',
} as const;
export type EventType = (typeof EventTypes)[keyof typeof EventTypes] | (string & {});

/** The envelope every domain event travels in. `id` is unique and stable across redeliveries. */
export interface DomainEvent<P = unknown> {
  id: string;
  type: string;
  /** Subgraph that produced it. */
  source: string;
  occurredAt: string;
  payload: P;
  /** W3C trace context of the change that caused the event: its handlers continue that trace. */
  traceparent?: string;
}

export type EventHandler = (event: DomainEvent) => Promise<void>;

export interface SubscribeOptions {
  /** Consumer group: one per consuming service; each event reaches one instance of the group. */
  group: string;
  types: readonly string[];
  handler: EventHandler;
}

/** Where an event stands in its producer's outbox (`seq` grows with every event of `source`). */
export interface OutboxPosition {
  source: string;
  seq: number;
  /**
   * The highest seq the producer's outbox holds as published (by any of its instances), read before the batch: a
   * Redis whose position is below it has lost events, whoever wrote them.
   */
  published?: number;
}

export interface EventSubscription {
  stop(): Promise<void>;
}

/** Transport between the outbox relay of a producer and the consumers of other services. */
export interface EventBus {
  readonly kind: 'redis' | 'memory';
  /**
   * Hands the event to the transport. With `position`, a transport that keeps state records the
   * highest position of that source atomically with the event (see `publishedPosition`).
   */
  publish(event: DomainEvent, position?: OutboxPosition): Promise<void>;
  /**
   * The highest outbox position of `source` the transport still holds, or null when it holds none
   * (a Redis that restarted empty). Lower than what the outbox marked published means the transport
   * came back with an older state and lost events; absent on transports that keep nothing.
   */
  publishedPosition?(source: string): Promise<number | null>;
  /** The relay has compared its outbox with `position` (as publishedPosition answered) and published what was lost. */
  positionCompared?(source: string, position: number | null): void;
  subscribe(options: SubscribeOptions): EventSubscription;
  /** Resolves when the transport is reachable; used by /readyz. */
  ping(): Promise<void>;
  /**
   * Calls `listener` each time the transport is reachable again after a loss, or is found to have lost data it held
   * (none in memory); returns the unsubscribe.
   */
  onReconnect?(listener: () => void): () => void;
  close(): Promise<void>;
}
