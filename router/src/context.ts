// The router's per-request context, forwarded to subgraph fetches.
import type { Logger } from '@busline/shared';

/** Per-request state the router forwards to subgraphs. */
export interface RouterContext {
  requestId: string;
  authorization?: string;
  clientIp?: string;
  logger: Logger;
}
