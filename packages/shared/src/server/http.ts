import { timingSafeEqual } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import { metricsRefusal, metricsResponse, type MetricsAccess } from './metrics-endpoint';

/** An extra HTTP endpoint next to /graphql (webhooks, key sets). Fetch API in, Response out. */
export interface Route {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  handler: (request: Request) => Response | Promise<Response>;
  /** Largest request body accepted (bytes); the service's limit when omitted. */
  maxBodyBytes?: number;
}

export type ReadinessCheck = { name: string; check: () => Promise<unknown> };
/** One check's outcome in /readyz's body: why it failed, when it did. */
export type ReadinessResult = { name: string; ok: boolean; error?: string };

export const ROUTER_SECRET_HEADER = 'x-router-secret';

/**
 * Yoga's `healthCheckEndpoint` that turns its health check off: that check answers 200 to any URL ending in its path,
 * ahead of every plugin (a subgraph's router-secret gate included) and whatever the body. No request URL ends with a
 * NUL. /healthz and /readyz are the services' own.
 */
export const NO_YOGA_HEALTH_CHECK = '\u0000';

/**
 * The body of an answer from another party's server (a provider's API) as text, or an error as soon as it passes
 * `maxBytes`: the rest is not read, so a proxy's page or a stream that never ends is not held in memory whole.
 */
export async function boundedText(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.byteLength;
    if (length > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new Error(`answer longer than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

/** Constant-time comparison of two secrets. */
export function secretsEqual(a: string | null | undefined, b: string): boolean {
  if (typeof a !== 'string') return false;
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * The refusal of a body over `maxBytes` (413) or of unknown length (411), decided from the headers
 * alone, before a byte of the body is read. `connection: close` ends the exchange there: the rest of
 * an oversized body is never read into the process.
 */
export function bodyLimitResponse(request: Request, maxBytes: number): Response | undefined {
  // Whatever the method: a GET with a body is read (and thrown away) as much as a POST's.
  const length = request.headers.get('content-length');
  const tooLarge = length !== null && !(Number(length) <= maxBytes);
  const unknown = length === null && request.headers.get('transfer-encoding') !== null;
  if (!tooLarge && !unknown) return undefined;
  return json(
    {
      errors: [
        {
          message: `Request body must be at most ${maxBytes} bytes, with a Content-Length`,
          extensions: { code: 'BAD_REQUEST' },
        },
      ],
    },
    tooLarge ? 413 : 411,
    { connection: 'close' },
  );
}

async function runChecks(checks: ReadinessCheck[], timeoutMs: number): Promise<ReadinessResult[]> {
  return Promise.all(
    checks.map(async ({ name, check }) => {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          check(),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
          }),
        ]);
        return { name, ok: true };
      } catch (error) {
        return { name, ok: false, error: (error as Error).message };
      } finally {
        clearTimeout(timer);
      }
    }),
  );
}

/** How long one round of readiness checks answers every /readyz: a flood of probes costs one round a second. */
const READINESS_REUSE_MS = 1000;

/**
 * The /readyz answer: 200 while `ready`; `degraded` when ready with some checks failing. Why a check
 * failed (an address, a driver's message) is for whoever may read the metrics; others see which failed.
 */
async function readinessResponse(
  options: HttpPluginOptions,
  request: Request,
  checks: () => Promise<ReadinessResult[]>,
): Promise<Response> {
  // A draining service is taken out of rotation at once, whatever its dependencies say.
  if (options.draining?.())
    return json({ status: 'draining', service: options.service, ready: false, checks: [] }, 503);
  const results = await checks();
  const ready = (options.readyWhen ?? ((all) => all.every((r) => r.ok)))(results);
  const status = !ready ? 'unavailable' : results.every((r) => r.ok) ? 'ready' : 'degraded';
  const detailed = !options.metrics || !metricsRefusal(request, options.metrics);
  const shown = detailed ? results : results.map(({ name, ok }) => ({ name, ok }));
  return json({ status, service: options.service, ready, checks: shown }, ready ? 200 : 503);
}

/** `run`, shared by every caller within `reuseMs` of the round that is running or just ran. */
function sharedRounds<T>(run: () => Promise<T>, reuseMs: number): () => Promise<T> {
  let last: { at: number; round: Promise<T> } | undefined;
  return () => {
    // The monotonic clock: a wall clock set back would keep an old answer until it caught up.
    const now = performance.now();
    if (!last || now - last.at >= reuseMs) last = { at: now, round: run() };
    return last.round;
  };
}

export interface HttpPluginOptions {
  service: string;
  graphqlPath?: string;
  /** Public endpoints next to /graphql (key sets, signed webhooks): served without the router secret. */
  routes?: Route[];
  readiness?: ReadinessCheck[];
  /**
   * Whether the service is ready, given its checks (default: every check passed). A service that
   * still serves with some failing (the router, with one subgraph down) stays ready and reports them.
   */
  readyWhen?: (checks: ReadinessResult[]) => boolean;
  /** How long each readiness check may take before it counts as failed (default 3 s). */
  readinessTimeoutMs?: number;
  /** How long a round of checks answers later /readyz requests too (default 1 s; 0: every request checks). */
  readinessReuseMs?: number;
  /** When set, every request but health, readiness and `routes` must carry this secret in `x-router-secret`. */
  routerSecret?: string;
  /** Largest request body (bytes), refused before it is read (default 1 MB). */
  maxBodyBytes?: number;
  /** Serves the Prometheus metrics on GET /metrics to the callers `MetricsAccess` lets in. */
  metrics?: MetricsAccess;
  /** True once the service is shutting down: /readyz answers 503 from then on. */
  draining?: () => boolean;
}

/** Subgraphs take entity batches from the router, larger than any client body the router accepts. */
export const DEFAULT_MAX_BODY_BYTES = 1_000_000;

// Refusals close the connection: the body of a refused request is never read.
const forbidden = () =>
  json(
    {
      errors: [{ message: 'This service only accepts requests through the router', extensions: { code: 'FORBIDDEN' } }],
    },
    403,
    {
      connection: 'close',
    },
  );
const notFound = () =>
  json({ errors: [{ message: 'Not found', extensions: { code: 'NOT_FOUND' } }] }, 404, { connection: 'close' });

/**
 * Health (`/healthz`: process up), readiness (`/readyz`: dependencies answer), the public routes,
 * and in front of everything else the router-secret gate and the body limit. The gate does not
 * look at the path: GraphQL servers answer on more paths than their endpoint (a trailing slash,
 * a prefix), so a request is either public by exact path or needs the secret, whatever it asks for.
 */
export function useServiceHttp(options: HttpPluginOptions): Plugin {
  const graphqlPath = options.graphqlPath ?? '/graphql';
  const routes = options.routes ?? [];
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const checks = sharedRounds(
    () => runChecks(options.readiness ?? [], options.readinessTimeoutMs ?? 3000),
    options.readinessReuseMs ?? READINESS_REUSE_MS,
  );
  return {
    async onRequest({ request, url, endResponse }) {
      const { pathname } = url;
      if (pathname === '/healthz') {
        endResponse(json({ status: 'ok', service: options.service }));
        return;
      }
      if (pathname === '/readyz') {
        endResponse(await readinessResponse(options, request, checks));
        return;
      }
      if (pathname === '/metrics' && options.metrics) {
        endResponse(await metricsResponse(request, options.metrics));
        return;
      }
      const route = routes.find((r) => r.path === pathname && r.method === request.method);
      if (route) {
        endResponse(bodyLimitResponse(request, route.maxBodyBytes ?? maxBodyBytes) ?? (await route.handler(request)));
        return;
      }
      if (options.routerSecret && !secretsEqual(request.headers.get(ROUTER_SECRET_HEADER), options.routerSecret)) {
        endResponse(forbidden());
        return;
      }
      if (pathname !== graphqlPath) {
        endResponse(notFound());
        return;
      }
      const tooLarge = bodyLimitResponse(request, maxBodyBytes);
      if (tooLarge) endResponse(tooLarge);
    },
  };
}
