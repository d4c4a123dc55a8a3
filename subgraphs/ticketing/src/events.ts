import { MalformedEventError, type DomainEvent, type DomainEventHandler, type EventContext } from '@busline/shared';
import type { z } from '@busline/shared';
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
import type { InventoryService } from './services/inventory';
import type { SagaService } from './services/saga';

/**
 * A handler that parses its payload first: a malformed event is dead-lettered at once (retrying
 * cannot fix it; an operator can read it, and replay it once the producer is fixed); a handler
 * that throws anything else is retried by the bus.
 */
function parsed<S extends z.ZodType>(
  schema: S,
  apply: (ctx: EventContext, payload: z.infer<S>, event: DomainEvent) => Promise<void>,
): DomainEventHandler {
  return async (event: DomainEvent, ctx: EventContext) => {
    const result = schema.safeParse(event.payload);
    if (!result.success) {
      throw new MalformedEventError(`malformed ${event.type} payload: ${result.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`, {
        cause: result.error,
      });
    }
    await apply(ctx, result.data, event);
  };
}

/** Events the ticketing subgraph consumes: trip inventory and the booking saga. */
export function createHandlers(inventory: InventoryService, saga: SagaService): Record<string, DomainEventHandler> {
  const companyPolicy = parsed(companySchema, (ctx, p, event) => inventory.applyCompanyPolicy(ctx, p, new Date(event.occurredAt)));
  return {
    'company.created': companyPolicy,
    'company.updated': companyPolicy,
    'trip.scheduled': parsed(tripSnapshotSchema, (ctx, p) => inventory.applySnapshot(ctx, p)),
    'trip.updated': parsed(tripSnapshotSchema, (ctx, p) => inventory.applySnapshot(ctx, p)),
    'trip.cancelled': parsed(tripCancelledSchema, (ctx, p) => inventory.applyCancelled(ctx, p)),
    'payment.started': parsed(paymentStartedSchema, (ctx, p) => saga.paymentStarted(ctx, p)),
    'payment.failed': parsed(paymentFailedSchema, (ctx, p) => saga.paymentFailed(ctx, p)),
    'payment.succeeded': parsed(paymentSucceededSchema, (ctx, p) => saga.paymentSucceeded(ctx, p)),
    'payment.refunded': parsed(paymentRefundedSchema, (ctx, p) => saga.paymentRefunded(ctx, p)),
    'ticket.boarded': parsed(ticketBoardedSchema, (ctx, p) => saga.ticketBoarded(ctx, p)),
  };
}
