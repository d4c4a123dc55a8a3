import type { DomainEventHandler } from '@busline/shared';

/** Events the payment subgraph consumes (booking replicas and refunds come with the payments issue). */
export const handlers: Record<string, DomainEventHandler> = {};
