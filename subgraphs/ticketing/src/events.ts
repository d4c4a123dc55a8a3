import type { DomainEventHandler } from '@busline/shared';

/** Events the ticketing subgraph consumes (trip inventory and the booking saga come with the ticketing issue). */
export const handlers: Record<string, DomainEventHandler> = {};
