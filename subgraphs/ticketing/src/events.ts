import { EventTypes, handle, type DomainEventHandler } from '@busline/shared';
import {
  companySchema,
  paymentFailedSchema,
  paymentRefundedSchema,
  paymentStartedSchema,
  paymentSucceededSchema,
  ticketBoardedSchema,
  tripCancelledSchema,
  tripSnapshotSchema,
} from './services/event-payloads';
import type { AdvanceBookingsService } from './services/advance-bookings';
import type { ReplicateTripsService } from './services/replicate-trips';

/** Events the ticketing subgraph consumes: trip inventory and the booking saga. */
export function createHandlers(
  inventory: ReplicateTripsService,
  saga: AdvanceBookingsService,
): Record<string, DomainEventHandler> {
  const companyPolicy = handle(companySchema, (p, ctx, event) =>
    inventory.applyCompanyPolicy(ctx, p, new Date(event.occurredAt)),
  );
  return {
    [EventTypes.CompanyCreated]: companyPolicy,
    [EventTypes.CompanyUpdated]: companyPolicy,
    [EventTypes.TripScheduled]: handle(tripSnapshotSchema, (p, ctx) => inventory.applySnapshot(ctx, p)),
    [EventTypes.TripUpdated]: handle(tripSnapshotSchema, (p, ctx) => inventory.applySnapshot(ctx, p)),
    [EventTypes.TripCancelled]: handle(tripCancelledSchema, (p, ctx) => inventory.applyCancelled(ctx, p)),
    [EventTypes.PaymentStarted]: handle(paymentStartedSchema, (p, ctx) => saga.paymentStarted(ctx, p)),
    [EventTypes.PaymentFailed]: handle(paymentFailedSchema, (p, ctx) => saga.paymentFailed(ctx, p)),
    [EventTypes.PaymentSucceeded]: handle(paymentSucceededSchema, (p, ctx) => saga.paymentSucceeded(ctx, p)),
    [EventTypes.PaymentRefunded]: handle(paymentRefundedSchema, (p, ctx) => saga.paymentRefunded(ctx, p)),
    [EventTypes.TicketBoarded]: handle(ticketBoardedSchema, (p, ctx) => saga.ticketBoarded(ctx, p)),
  };
}
