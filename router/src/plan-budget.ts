// Planning time per client address: an operation the router has not planned lately costs its thread its plan, up to
// half a second within every query limit (15 ms for each aliased lookup joining several subgraphs), and a literal
// changed makes a new operation. The time the gateway spends on one address's operations before their first fetch
// (validation and planning; next to nothing for a plan it keeps) is bounded per minute.
import { GraphQLError } from 'graphql';
import { LRUCache } from 'lru-cache';
import { ErrorCode } from '@busline/shared';

export class PlanBudget {
  /** Milliseconds spent per address in its current minute (from its first charge: the entry's TTL). */
  private readonly spent = new LRUCache<string, { ms: number }>({ max: 10_000, ttl: 60_000 });

  /** `msPerMinute`: planning one address may cost in a minute; 0: no limit. */
  constructor(readonly msPerMinute: number) {}

  /** Whether an operation of `address` may be planned: its minute's share is not spent yet. */
  allows(address: string): boolean {
    return this.msPerMinute <= 0 || (this.spent.get(address)?.ms ?? 0) < this.msPerMinute;
  }

  charge(address: string, ms: number): void {
    if (this.msPerMinute <= 0) return;
    const spent = this.spent.get(address);
    if (spent) spent.ms += ms;
    else this.spent.set(address, { ms });
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
