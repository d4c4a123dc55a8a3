import { Gauge, type Registry } from './metrics';

/** Open WebSocket connections and the subscriptions on them, read when scraped. */
export function registerWebSocketMetrics(registry: Registry, stats: () => { connections: number; subscriptions: number } | undefined): void {
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
