import { afterEach, expect, it, vi } from 'vitest';
import type { ExecutionResult } from 'graphql';
import { useApolloMultipartSubscriptions } from '../src/multipart';

/**
 * Apollo multipart subscription streams (router/src/multipart.ts) send a `{}` heartbeat every 5 s, but only while the
 * client reads: one that holds the stream open and never reads must not make the router queue a part every 5 s for as
 * long as it stays (Yoga's own SSE pings wait for room the same way).
 */
afterEach(() => vi.useRealTimers());

it('queues no more than a couple of heartbeats for a client that never reads', async () => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
  // A subscription that never has an event (a quiet booking, a trip nobody books).
  const never: AsyncIterableIterator<ExecutionResult> = {
    next: () => new Promise(() => undefined),
    return: async () => ({ value: undefined, done: true }),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
  let processor: ((result: unknown, fetchAPI: unknown) => Response) | undefined;
  const plugin = useApolloMultipartSubscriptions();
  (plugin.onResultProcess as (payload: unknown) => void)({
    request: new Request('http://router/graphql', {
      method: 'POST',
      headers: { accept: 'multipart/mixed;boundary="graphql";subscriptionSpec=1.0' },
    }),
    result: never,
    setResultProcessor: (p: typeof processor) => (processor = p),
  });
  const response = processor!(never, globalThis);
  // One hour of a client that never reads.
  vi.advanceTimersByTime(3600_000);
  // Now read what the router holds for it, without waiting for anything new.
  const reader = response.body!.getReader();
  let parts = 0;
  for (;;) {
    const chunk = await Promise.race([
      reader.read(),
      new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 50)),
    ]);
    if (!chunk || chunk.done) break;
    parts += new TextDecoder().decode(chunk.value).split('\r\n--graphql').length - 1;
  }
  await reader.cancel();
  expect(parts).toBeLessThanOrEqual(3);
});
