import type { DomainEventHandler } from '@busline/shared';

/** Events the auth subgraph consumes (role and suspension changes arrive with the identity issue). */
export const handlers: Record<string, DomainEventHandler> = {};
