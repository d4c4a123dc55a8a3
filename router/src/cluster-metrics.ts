// Metrics across workers: a worker's /metrics asks the primary, which sums every worker's registry.
import type { Worker } from 'node:cluster';
import { AggregatorRegistry, Gauge, type Registry } from '@busline/shared';

/** IPC message kind of a worker's request for every worker's metrics, and of the primary's answer. */
const METRICS = 'busline:router-metrics';

/**
 * Runs in the primary: returns what makes a worker's requests for every worker's metrics answered.
 * prom-client's AggregatorRegistry asks every worker for its registry and sums them (counters and
 * histograms add up; gauges too).
 */
export function metricsAggregator(): (worker: Worker) => void {
  const aggregator = new AggregatorRegistry();
  return (worker) => {
    worker.on('message', (message: { kind?: string; id?: number }) => {
      if (message?.kind !== METRICS) return;
      const reply = (answer: { text: string } | { error: string }) => {
        if (worker.isConnected()) worker.send({ kind: METRICS, id: message.id, ...answer });
      };
      aggregator.clusterMetrics().then(
        (text) => reply({ text }),
        (error: Error) => reply({ error: error.message }),
      );
    });
  };
}

/**
 * Runs in a worker: `include(registry)` adds the worker's registry to the primary's sum, and
 * `exposition` (for /metrics) asks the primary for that sum, so a scrape sees every worker.
 * `busline_router_workers_reporting` (1 per worker) tells how many workers a scrape covers.
 */
export function clusterMetrics(timeoutMs = 10_000): {
  include(registry: Registry): void;
  exposition: () => Promise<string>;
} {
  let next = 0;
  return {
    include(registry) {
      // Constructing it makes prom-client answer the primary's requests in this worker.
      void new AggregatorRegistry();
      AggregatorRegistry.setRegistries([registry]);
      new Gauge({
        name: 'busline_router_workers_reporting',
        help: 'Router worker processes whose metrics this scrape sums (ROUTER_WORKERS)',
        registers: [registry],
        collect() {
          this.set(1);
        },
      });
    },
    exposition: () =>
      new Promise<string>((resolve, reject) => {
        const id = ++next;
        const timer = setTimeout(() => {
          process.off('message', onMessage);
          reject(new Error('the router primary did not answer the metrics request'));
        }, timeoutMs);
        const onMessage = (message: { kind?: string; id?: number; text?: string; error?: string }) => {
          if (message?.kind !== METRICS || message.id !== id) return;
          clearTimeout(timer);
          process.off('message', onMessage);
          if (message.text !== undefined) resolve(message.text);
          else reject(new Error(`router metrics could not be summed: ${message.error}`));
        };
        process.on('message', onMessage);
        process.send!({ kind: METRICS, id });
      }),
  };
}
