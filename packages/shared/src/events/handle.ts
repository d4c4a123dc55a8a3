// One policy for event payloads: parsed once, by the consumer's own schema, before the handler runs.
import { z } from 'zod';
import type { DomainEventHandler, EventContext } from './consumer';
import { MalformedEventError } from './failures';
import type { DomainEvent } from './types';

/**
 * A consumer's handler for one event type: `schema` parses the payload (consumers read only the fields
 * they need and ignore the rest, docs/events.md) and `apply` gets it typed. A payload that does not
 * parse can never apply: it is refused as malformed, so the bus dead-letters it at its first delivery
 * instead of retrying it (docs/events.md, "Retries, dead letters and the CLI").
 */
export function handle<S extends z.ZodType>(
  schema: S,
  apply: (payload: z.infer<S>, context: EventContext, event: DomainEvent) => Promise<void>,
  /** Applies several events at once (a batch the consumer took in one read), as `apply` one by one would. */
  applyMany?: (payloads: z.infer<S>[], context: EventContext, events: DomainEvent[]) => Promise<void>,
): DomainEventHandler {
  const parse = (event: DomainEvent): z.infer<S> => {
    const parsed = schema.safeParse(event.payload);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(payload)'}: ${issue.message}`);
      throw new MalformedEventError(`${event.type} ${event.id} has a malformed payload: ${problems.join('; ')}`, {
        cause: parsed.error,
      });
    }
    return parsed.data;
  };
  const handler: DomainEventHandler = async (event, context) => apply(parse(event), context, event);
  if (applyMany) handler.many = async (events, context) => applyMany(events.map(parse), context, events);
  return handler;
}
