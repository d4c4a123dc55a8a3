// In-flight deduplication: identical subgraph fetches in flight at once (same caller, never mutations) go out once.
import { Counter, type Registry } from '@busline/shared';

/** What RemoteGraphQLDataSource hands its fetcher: the method, the headers as a plain object and the JSON body. */
export interface SubgraphFetchInit {
  method: string;
  headers: Record<string, string>;
  body: string;
}

export type SubgraphFetcher<R> = (url: string, init: SubgraphFetchInit) => Promise<R>;

export interface InflightDedupe<R> {
  fetcher: SubgraphFetcher<R>;
  /** Fetches answered by a request already in flight instead of a request of their own. */
  shared(): number;
  /** Distinct requests in flight now. */
  inflight(): number;
}

/**
 * Whether a subgraph request body carries a query. The gateway serialises `{ query, variables, ... }`
 * with the operation text first, so the body opens with the operation keyword (or `{` for an
 * anonymous query). Anything else, a mutation, a subscription or a body in another shape, is never
 * shared: a write must reach the subgraph once per caller.
 */
export function isQueryBody(body: string): boolean {
  return /^\{"query":"(?:query\b|\{)/.test(body);
}

/**
 * Wraps a subgraph fetcher so that identical queries in flight at the same time go out once and
 * every caller gets the answer. Identical means the same URL, the same body (operation and
 * variables) and the same Authorization: two callers with different tokens never share an answer,
 * even for a public query, since a subgraph may answer a signed-in caller differently. Headers
 * that only describe the request (request id, trace context, deadline, client address) are not part
 * of the key: the subgraph sees those of the first caller. The shared answer must be readable more
 * than once (the router's responses keep their body as text and parse it per reader), so no caller
 * can change what another one reads.
 */
export function dedupeInflight<R>(
  fetcher: SubgraphFetcher<R>,
  /** Told of each fetch answered by one already in flight (whose answer may predate the caller's request). */
  onShared?: (init: SubgraphFetchInit, leader: SubgraphFetchInit) => void,
): InflightDedupe<R> {
  const pending = new Map<string, { request: Promise<R>; init: SubgraphFetchInit }>();
  let shared = 0;
  return {
    fetcher: (url, init) => {
      if (!isQueryBody(init.body)) return fetcher(url, init);
      const key = `${url}\n${init.headers.authorization ?? ''}\n${init.body}`;
      const running = pending.get(key);
      if (running) {
        shared += 1;
        onShared?.(init, running.init);
        return running.request;
      }
      const request = fetcher(url, init).finally(() => pending.delete(key));
      pending.set(key, { request, init });
      return request;
    },
    shared: () => shared,
    inflight: () => pending.size,
  };
}

/** `busline_subgraph_fetches_shared_total`: how much deduplication saves, per subgraph (read when scraped). */
export function registerSharedFetchMetric(registry: Registry, read: () => Map<string, number> | undefined): void {
  new Counter({
    name: 'busline_subgraph_fetches_shared_total',
    help:
      'Router fetches to a subgraph answered by an identical query already in flight for the same' +
      ' caller, instead of a request of their own',
    labelNames: ['subgraph'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [subgraph, shared] of read() ?? []) this.inc({ subgraph }, shared);
    },
  });
}
