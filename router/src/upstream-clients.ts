// Upstream graphql-ws clients: one per subgraph and credential, shared by the subscription groups that use it.
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { ROUTER_SECRET_HEADER, webSocketWithHeaders } from '@busline/shared';
import type { RouterContext } from './context';
import { normalizedAuthorization } from './subscription-keys';

export interface UpstreamOptions {
  /** Subgraph name → GraphQL URL (http); graphql-ws uses the same path. */
  subgraphUrls: Map<string, string>;
  routerSecret?: string;
  /** Reconnection attempts to a subgraph that went away before its streams end (default 5). */
  retryAttempts?: number;
  /** Delay before reconnection attempt `n` (default exponential from 500 ms, at most 8 s). */
  retryDelayMs?: (attempt: number) => number;
}

/**
 * Closes `client`. A client reconnecting to a subgraph that went away (a restart under way) rejects its disposal with
 * the reconnection's failure: nothing is left open then, and the rejection, unhandled, would end the process.
 */
const disposed = (client: Client): Promise<void> =>
  Promise.resolve()
    .then(() => client.dispose())
    .catch(() => undefined);

/** Clients kept while a group uses them; the last group to leave closes its client. */
export class UpstreamClients {
  private readonly clients = new Map<string, { client: Client; users: number }>();

  constructor(private readonly options: UpstreamOptions) {}

  /** Open connections (tests count them for leaks). */
  get size(): number {
    return this.clients.size;
  }

  /** The client to `serviceName` with the caller's credentials, and what gives it back. */
  acquire(serviceName: string, context: RouterContext): { client: Client; release: () => void } {
    const authorization = context.authorization ?? '';
    const key = `${serviceName}\0${normalizedAuthorization(authorization)}`;
    let entry = this.clients.get(key);
    if (!entry) {
      entry = { client: this.connect(serviceName, authorization, context.requestId), users: 0 };
      this.clients.set(key, entry);
    }
    entry.users++;
    const held = entry;
    return {
      client: held.client,
      release: () => {
        held.users--;
        if (held.users === 0 && this.clients.get(key) === held) {
          this.clients.delete(key);
          void disposed(held.client);
        }
      },
    };
  }

  async close(): Promise<void> {
    await Promise.all([...this.clients.values()].map(({ client }) => disposed(client)));
    this.clients.clear();
  }

  private connect(serviceName: string, authorization: string, requestId: string): Client {
    const httpUrl = this.options.subgraphUrls.get(serviceName);
    if (!httpUrl) throw new Error(`unknown subgraph ${serviceName}`);
    return createClient({
      url: httpUrl.replace(/^http/, 'ws'),
      // The subgraph checks the router secret on the upgrade request, before any message.
      webSocketImpl: this.options.routerSecret
        ? webSocketWithHeaders({ [ROUTER_SECRET_HEADER]: this.options.routerSecret })
        : WebSocket,
      lazy: true,
      lazyCloseTimeout: 1000,
      // A restarted subgraph gets the open subscriptions again; one that stays away ends them.
      retryAttempts: this.options.retryAttempts ?? 5,
      retryWait: (attempt) =>
        new Promise((resolve) =>
          setTimeout(resolve, this.options.retryDelayMs?.(attempt) ?? Math.min(500 * 2 ** attempt, 8000)),
        ),
      shouldRetry: () => true,
      connectionParams: {
        ...(authorization ? { authorization } : {}),
        requestId,
      },
    });
  }
}
