import type { Registry } from 'prom-client';
import { json, ROUTER_SECRET_HEADER, secretsEqual } from './http';

/** Who may read a service's /metrics. */
export interface MetricsAccess {
  registry: Registry;
  /** A scraper that sends `Authorization: Bearer <token>` is let in (METRICS_TOKEN). */
  token?: string;
  /** A caller with the router secret is let in too (the gate every subgraph endpoint has). */
  routerSecret?: string;
  /**
   * Whether /metrics answers without any credential when neither a token nor a router secret is
   * set: a subgraph in development (its GraphQL is as open), never a production router.
   */
  openWithoutCredentials: boolean;
  /**
   * The exposition to answer with instead of the registry's own: a router with workers answers
   * with every worker's metrics summed (router/src/cluster-metrics.ts), whichever worker takes the scrape.
   */
  exposition?: () => Promise<string>;
}

const refused = (status: number, message: string) =>
  json({ errors: [{ message, extensions: { code: status === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN' } }] }, status, {
    connection: 'close',
    ...(status === 401 ? { 'www-authenticate': 'Bearer realm="metrics"' } : {}),
  });

/** Whether this request may read the metrics; a refusal when it may not. */
export function metricsRefusal(request: Request, access: MetricsAccess): Response | undefined {
  const { token, routerSecret } = access;
  const authorization = request.headers.get('authorization');
  if (token && secretsEqual(authorization, `Bearer ${token}`)) return undefined;
  if (routerSecret && secretsEqual(request.headers.get(ROUTER_SECRET_HEADER), routerSecret)) return undefined;
  if (!token && !routerSecret) {
    return access.openWithoutCredentials
      ? undefined
      : refused(403, 'Metrics are disabled: set METRICS_TOKEN and scrape with it as a bearer token');
  }
  // Without a token configured, the refusal is the router-secret gate's, word for word.
  return token
    ? refused(401, 'Metrics need a bearer token (METRICS_TOKEN)')
    : refused(403, 'This service only accepts requests through the router');
}

/** The Prometheus text exposition of `registry`, or the refusal. */
export async function metricsResponse(request: Request, access: MetricsAccess): Promise<Response> {
  if (request.method !== 'GET')
    return json({ errors: [{ message: 'Use GET', extensions: { code: 'BAD_REQUEST' } }] }, 405, { allow: 'GET' });
  const refusal = metricsRefusal(request, access);
  if (refusal) return refusal;
  const text = await (access.exposition ?? (() => access.registry.metrics()))();
  return new Response(text, { status: 200, headers: { 'content-type': access.registry.contentType } });
}
