// Readiness: the router is ready while its subgraphs answer /readyz (per-subgraph report).
import { ROUTER_SECRET_HEADER, type HttpPluginOptions, type ReadinessResult } from '@busline/shared';

/** How long the router waits for a subgraph's /readyz (which gives its own checks 3 s). */
const PROBE_TIMEOUT_MS = 3500;

/** Why a subgraph's /readyz said no: its failing checks, as it reported them. */
async function notReadyReason(response: Response): Promise<string> {
  const body = (await response.json().catch(() => undefined)) as { checks?: ReadinessResult[] } | undefined;
  const failing = (body?.checks ?? [])
    .filter((check) => !check.ok)
    .map((check) => `${check.name} (${check.error ?? 'failed'})`);
  return failing.length > 0 ? `not ready: ${failing.join(', ')}` : `answered ${response.status}`;
}

/**
 * The router's readiness: one check per subgraph, against the subgraph's /readyz (its dependencies),
 * not /healthz (its process). The router stays ready while at least one subgraph is: it can still
 * route, and the subgraphs that are not ready are named in the body with their failing checks, so
 * an orchestrator does not take every router out when one subgraph's database blinks.
 */
export function subgraphReadiness(
  subgraphUrls: Map<string, string>,
  routerSecret?: string,
): Pick<HttpPluginOptions, 'readiness' | 'readyWhen' | 'readinessTimeoutMs'> {
  // With the secret, a subgraph says why it is not ready (its /readyz tells others only which check failed).
  const headers: Record<string, string> = routerSecret ? { [ROUTER_SECRET_HEADER]: routerSecret } : {};
  return {
    // Longer than the probe, so a slow subgraph's own answer (and its reason) still arrives.
    readinessTimeoutMs: PROBE_TIMEOUT_MS + 500,
    readiness: [...subgraphUrls].map(([name, base]) => ({
      name,
      check: async () => {
        const response = await fetch(`${base}/readyz`, { headers, signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
        if (!response.ok) throw new Error(await notReadyReason(response));
      },
    })),
    readyWhen: (checks) => checks.some((check) => check.ok),
  };
}
