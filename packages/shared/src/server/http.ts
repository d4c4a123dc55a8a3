import { timingSafeEqual } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';

/** An extra HTTP endpoint next to /graphql (webhooks, key sets). Fetch API in, Response out. */
export interface Route {
  method: 'GET' | 'POST';
  path: string;
  handler: (request: Request) => Response | Promise<Response>;
}

export type ReadinessCheck = { name: string; check: () => Promise<unknown> };

export const ROUTER_SECRET_HEADER = 'x-router-secret';

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

async function runChecks(checks: ReadinessCheck[], timeoutMs: number) {
  const results = await Promise.all(
    checks.map(async ({ name, check }) => {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          check(),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
          }),
        ]);
        return { name, ok: true as const };
      } catch (error) {
        return { name, ok: false as const, error: (error as Error).message };
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return { ready: results.every((r) => r.ok), checks: results };
}

export interface HttpPluginOptions {
  service: string;
  graphqlPath?: string;
  routes?: Route[];
  readiness?: ReadinessCheck[];
  /** When set, GraphQL requests without this secret in `x-router-secret` are refused. */
  routerSecret?: string;
}

/**
 * Health (`/healthz`: process up), readiness (`/readyz`: dependencies answer), extra routes,
 * and the router-secret gate in front of /graphql.
 */
export function useServiceHttp(options: HttpPluginOptions): Plugin {
  const graphqlPath = options.graphqlPath ?? '/graphql';
  const routes = options.routes ?? [];
  return {
    async onRequest({ request, url, endResponse }) {
      const { pathname } = url;
      if (pathname === '/healthz') {
        endResponse(json({ status: 'ok', service: options.service }));
        return;
      }
      if (pathname === '/readyz') {
        const result = await runChecks(options.readiness ?? [], 3000);
        endResponse(json({ status: result.ready ? 'ready' : 'unavailable', service: options.service, ...result }, result.ready ? 200 : 503));
        return;
      }
      const route = routes.find((r) => r.path === pathname && r.method === request.method);
      if (route) {
        endResponse(await route.handler(request));
        return;
      }
      if (pathname === graphqlPath && options.routerSecret) {
        if (!secretsEqual(request.headers.get(ROUTER_SECRET_HEADER), options.routerSecret)) {
          endResponse(
            json({ errors: [{ message: 'This service only accepts requests through the router', extensions: { code: 'FORBIDDEN' } }] }, 403),
          );
        }
      }
    },
  };
}
