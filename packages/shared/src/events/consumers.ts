import { EventTypes } from './types';

/**
 * The subgraphs whose consumer groups read each event type (docs/events.md). A publisher creates these groups at the
 * start of the stream before it trims it, so a consumer that is not running yet (first deployed, or down while Redis
 * was replaced by an empty one and the outbox published its events again) still finds every event it has not read.
 * Optional readers (the router's response cache) are not listed: they must not keep a stream from being trimmed.
 * e2e/foundation.test.ts holds this to the groups the subgraphs really start.
 */
export const EVENT_CONSUMERS: Readonly<Record<string, readonly string[]>> = {
  [EventTypes.UserRegistered]: ['user', 'notification'],
  [EventTypes.UserRoleChanged]: ['auth'],
  [EventTypes.UserSuspended]: ['auth'],
  [EventTypes.UserReinstated]: ['auth'],
  [EventTypes.UserProfileUpdated]: ['notification'],
  [EventTypes.PasswordResetRequested]: ['notification'],
  [EventTypes.CompanyCreated]: ['user', 'ticketing', 'notification'],
  [EventTypes.CompanyUpdated]: ['user', 'ticketing', 'notification'],
  [EventTypes.TripScheduled]: ['user', 'ticketing', 'qr', 'notification'],
  [EventTypes.TripUpdated]: ['user', 'ticketing', 'qr', 'notification'],
  [EventTypes.TripCancelled]: ['user', 'ticketing', 'qr', 'notification'],
  [EventTypes.BookingHeld]: ['user', 'payment', 'notification'],
  [EventTypes.BookingConfirmed]: ['user', 'qr', 'notification'],
  [EventTypes.BookingCancelled]: ['user', 'qr', 'payment', 'notification'],
  [EventTypes.BookingExpired]: ['user', 'payment', 'notification'],
  [EventTypes.BookingClaimRequested]: ['notification'],
  [EventTypes.BookingClaimed]: ['user', 'qr', 'payment', 'notification'],
  [EventTypes.BookingStopsChanged]: ['user', 'qr', 'notification'],
  [EventTypes.PaymentStarted]: ['ticketing'],
  [EventTypes.PaymentSucceeded]: ['user', 'ticketing', 'notification'],
  [EventTypes.PaymentFailed]: ['ticketing'],
  [EventTypes.PaymentRefunded]: ['user', 'ticketing', 'qr', 'notification'],
  [EventTypes.PaymentRefundDue]: ['notification'],
  [EventTypes.RefundRequested]: ['payment'],
  [EventTypes.TicketBoarded]: ['user', 'ticketing'],
};
