import { AggregatorRegistry, collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export { AggregatorRegistry, Counter, Gauge, Histogram, Registry };

/** Prefix of every Busline metric (process metrics keep their standard names). */
export const METRIC_PREFIX = 'busline_';

/** Latency buckets (seconds) shared by operations and subgraph fetches: 2.5 ms to 10 s. */
export const LATENCY_BUCKETS = [0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * One Prometheus registry per server instance, every series labelled with the service: in
 * embedded mode seven servers share one process, and their metrics must not collide.
 */
export function createMetricsRegistry(service: string, options: { processMetrics?: boolean } = {}): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  return registry;
}

/** Adds `metric` to `registry` unless a metric of that name is there already (a worker registered twice). */
export function registerOnce(
  registry: Registry,
  ...metrics: (Counter<string> | Gauge<string> | Histogram<string>)[]
): void {
  for (const metric of metrics as Counter<string>[]) {
    const name = (metric as unknown as { name: string }).name;
    if (!registry.getSingleMetric(name)) registry.registerMetric(metric);
  }
}

const NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

/**
 * Bounds a label whose values come from clients (operation names): a client that sends a new
 * operation name with every request must not grow the registry without end. Past `max` distinct
 * values every new one is reported as `other`.
 */
export class BoundedLabel {
  private readonly seen = new Set<string>();

  constructor(
    private readonly max = 200,
    private readonly empty = 'anonymous',
  ) {}

  value(raw: string | null | undefined): string {
    if (!raw) return this.empty;
    const name = raw.slice(0, 64);
    if (!NAME.test(name)) return 'invalid';
    if (this.seen.has(name)) return name;
    if (this.seen.size >= this.max) return 'other';
    this.seen.add(name);
    return name;
  }
}
