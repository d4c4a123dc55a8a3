import { Gauge, type Registry } from './metrics';

/** Open WebSocket connections and the subscriptions on them, read when scraped. */
export function registerWebSocketMetrics(
  registry: Registry,
  stats: () => { connections: number; subscriptions: number } | undefined,
): void {
  new Gauge({
    name: 'busline_websocket_connections',
    help: 'Open graphql-ws WebSocket connections',
    registers: [registry],
    collect() {
      this.set(stats()?.connections ?? 0);
    },
  });
  new Gauge({
    name: 'busline_websocket_subscriptions',
    help: 'Subscriptions running on graphql-ws connections',
    registers: [registry],
    collect() {
      this.set(stats()?.subscriptions ?? 0);
    },
  });
}

/** HTTP requests being answered: what a drain waits for. */
export function registerInFlightMetric(registry: Registry, inFlight: () => number): void {
  new Gauge({
    name: 'busline_http_requests_in_flight',
    help: 'HTTP requests being answered (open SSE streams included)',
    registers: [registry],
    collect() {
      this.set(inFlight());
    },
  });
}
