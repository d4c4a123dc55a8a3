import type { DomainEventHandler } from '@busline/shared';

/** Events the company subgraph consumes (none yet: it produces company and trip events). */
export const handlers: Record<string, DomainEventHandler> = {};
