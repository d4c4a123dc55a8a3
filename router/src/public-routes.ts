// Transport: the few subgraph HTTP routes reachable through the router (provider callbacks, QR pass keys).
import { json, type Logger, type Route } from '@busline/shared';

/**
 * The only subgraph endpoints reachable through the router's port, each by its exact method and path:
 * the mobile-money providers' callbacks (payment; MTN calls back with POST or PUT) and the QR pass keys
 * scanners download (qr). Nothing else of a subgraph is exposed. The query string goes along (MTN's
 * callback URL carries payment's tag of the reference); credentials and cookies do not.
 */
export const FORWARDED: { method: Route['method']; path: string; subgraph: string; maxBodyBytes: number }[] = [
  { method: 'POST', path: '/webhooks/momo', subgraph: 'payment', maxBodyBytes: 16_384 },
  { method: 'PUT', path: '/webhooks/momo', subgraph: 'payment', maxBodyBytes: 16_384 },
  { method: 'POST', path: '/webhooks/airtel', subgraph: 'payment', maxBodyBytes: 16_384 },
  { method: 'GET', path: '/.well-known/qr-keys.json', subgraph: 'qr', maxBodyBytes: 0 },
];

export function forwardedRoutes(subgraphUrls: Map<string, string>, logger: Logger, timeoutMs = 10_000): Route[] {
  return FORWARDED.filter((route) => subgraphUrls.has(route.subgraph)).map((route) => ({
    method: route.method,
    path: route.path,
    maxBodyBytes: route.maxBodyBytes,
    handler: async (request) => {
      const target = `${subgraphUrls.get(route.subgraph)}${route.path}${new URL(request.url).search}`;
      try {
        const upstream = await fetch(target, {
          method: route.method,
          headers: { 'content-type': request.headers.get('content-type') ?? 'application/json' },
          body: route.method === 'GET' ? undefined : await request.text(),
          signal: AbortSignal.timeout(timeoutMs),
        });
        const headers: Record<string, string> = {
          'content-type': upstream.headers.get('content-type') ?? 'application/json',
        };
        const cache = upstream.headers.get('cache-control');
        if (cache) headers['cache-control'] = cache;
        return new Response(await upstream.arrayBuffer(), { status: upstream.status, headers });
      } catch (error) {
        logger.warn({ err: error, path: route.path, subgraph: route.subgraph }, 'forwarded endpoint unavailable');
        return json({ error: `${route.subgraph} is unavailable` }, 503, { 'retry-after': '5' });
      }
    },
  }));
}
