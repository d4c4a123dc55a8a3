// Query planning per client address: an operation the router has not planned lately costs its thread its plan, up to
// half a second within every query limit (15 ms for each aliased lookup joining several subgraphs), and a literal
// changed makes a new operation. The planning one address causes in a minute is bounded; plans the gateway keeps are
// not planned again and cost nothing.
import { GraphQLError } from 'graphql';
import { LRUCache } from 'lru-cache';
import { addressBucket, ErrorCode } from '@busline/shared';
import type { RouterContext } from './context';

/** Thrown in place of a plan its address may not have now (the gateway passes it on as is). */
export class PlanningRefused extends Error {}

export class PlanBudget {
  /** Milliseconds of planning per address in its current minute (from its first plan: the entry's TTL). */
  private readonly spent = new LRUCache<string, { ms: number }>({ max: 10_000, ttl: 60_000 });

  /** `msPerMinute`: planning one address may cause in a minute; 0: no limit. */
  constructor(readonly msPerMinute: number) {}

  /**
   * Times every plan the gateway makes (its planner, synchronous) and charges it to the address of the operation
   * `current` names; a plan past that address's share is refused before it starts (PlanningRefused). Checked as each
   * plan starts, so operations sent at once cannot all pass before the first is charged. An IPv6 client's /64 is one
   * address, as for the rate limits.
   */
  guard(gateway: object, current: () => RouterContext | undefined): void {
    if (this.msPerMinute <= 0) return;
    // @apollo/gateway's planner, made by load() from a static supergraph (never replaced).
    const planner = (gateway as { queryPlanner?: { buildQueryPlan: (...args: unknown[]) => unknown } }).queryPlanner;
    if (!planner) throw new Error('the gateway has no query planner to time');
    const build = planner.buildQueryPlan.bind(planner);
    planner.buildQueryPlan = (...args: unknown[]) => this.charge(current()?.clientIp, () => build(...args));
  }

  /**
   * Runs `plan` (synchronous planning) charged to `clientIp`'s address, or throws PlanningRefused before it starts
   * when that address's share of the minute is spent. Every planner of the router plans through here: the gateway's
   * (guard) and the subscriptions' own.
   */
  charge<T>(clientIp: string | undefined, plan: () => T): T {
    if (this.msPerMinute <= 0) return plan();
    const address = addressBucket(clientIp) ?? 'unknown';
    const spent = this.spent.get(address);
    if (spent && spent.ms >= this.msPerMinute) throw new PlanningRefused();
    const started = performance.now();
    try {
      return plan();
    } finally {
      const ms = performance.now() - started;
      if (spent) spent.ms += ms;
      else this.spent.set(address, { ms });
    }
  }
}

/** The answer to an operation refused by the budget. */
export function planningRefusal(msPerMinute: number): GraphQLError {
  return new GraphQLError(
    `Operations from this address took the router more than ${msPerMinute} ms to plan in a minute (each operation ` +
      'it has not seen lately is planned anew; a literal changed makes a new one): send values as variables, or ' +
      'retry in a minute',
    { extensions: { code: ErrorCode.RATE_LIMITED, retryAfterSeconds: 60 } },
  );
}
