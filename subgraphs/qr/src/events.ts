import type { DomainEventHandler } from '@busline/shared';

/** Events the qr subgraph consumes (boarding passes come with the payments and boarding issue). */
export const handlers: Record<string, DomainEventHandler> = {};
