// Router metrics: operations, subgraph fetches, connections and subscriptions (prom-client).
import { Counter, Gauge, Histogram, LATENCY_BUCKETS, type Registry } from '@busline/shared';

/** Outcome of one fetch from a subgraph: answered, answered with errors, or no answer (down, timed out). */
export type FetchOutcome = 'ok' | 'error' | 'failed';

export type FetchObserver = (subgraph: string, seconds: number, outcome: FetchOutcome) => void;

/**
 * Rate, errors and latency of the router's fetches to each subgraph (queries, mutations and subscription events'
 * entity fetches).
 */
export function subgraphFetchMetrics(registry: Registry): FetchObserver {
  const fetches = new Counter({
    name: 'busline_subgraph_fetches_total',
    help:
      'Fetches from the router to a subgraph, by subgraph and outcome (ok, error: answered with ' +
      'errors, failed: no answer)',
    labelNames: ['subgraph', 'outcome'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'busline_subgraph_fetch_duration_seconds',
    help: 'Time from sending a fetch to a subgraph to having its whole answer, by subgraph',
    labelNames: ['subgraph'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  return (subgraph, seconds, outcome) => {
    fetches.inc({ subgraph, outcome });
    duration.observe({ subgraph }, seconds);
  };
}

/** Subscription streams over HTTP (SSE, multipart) and the upstream subscriptions the router holds on subgraphs. */
export function registerRouterSubscriptionMetrics(
  registry: Registry,
  read: () => { httpStreams: number; upstreamSubscriptions: number; subscribers: number; upstreamConnections: number },
): void {
  const gauge = (name: string, help: string, pick: (figures: ReturnType<typeof read>) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(pick(read()));
      },
    });
  gauge(
    'busline_http_subscription_streams',
    'Open subscription streams over HTTP (SSE and multipart)',
    (f) => f.httpStreams,
  );
  gauge('busline_router_subscribers', 'Client subscriptions the router feeds (every transport)', (f) => f.subscribers);
  gauge(
    'busline_upstream_subscriptions',
    'Subscriptions the router holds on subgraphs (identical client subscriptions share one)',
    (f) => f.upstreamSubscriptions,
  );
  gauge(
    'busline_upstream_connections',
    'graphql-ws connections from the router to subgraphs',
    (f) => f.upstreamConnections,
  );
}

/** TCP connections refused for their address's count (router/src/socket-limits.ts). */
export function registerRefusedConnectionsMetric(registry: Registry, read: () => number): void {
  new Counter({
    name: 'busline_router_connections_refused_total',
    help: 'TCP connections answered 429 and closed because their address had too many open',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(read());
    },
  });
}
