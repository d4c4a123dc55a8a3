import { queryRows, sql, type Executor } from '../db/database';
import type { LivePubSub } from '../pubsub';

/**
 * Waits until a publish to `topic` would reach at least `count` subscribers (see
 * `LivePubSub.subscriberCount`: subscriptions in memory, instances with Redis). Key it on the topic
 * of the subscription under test, never on a total: a subscription left over from an earlier test
 * must not satisfy it. Publishing earlier would reach nobody, since live updates are not replayed.
 */
export async function untilSubscribed(
  pubsub: LivePubSub,
  topic: string,
  options: { count?: number; timeoutMs?: number } = {},
): Promise<void> {
  const { count = 1, timeoutMs = 10_000 } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const subscribers = await pubsub.subscriberCount(topic);
    if (subscribers >= count) return;
    if (Date.now() > deadline)
      throw new Error(`${subscribers} of ${count} subscriber(s) on ${topic} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A request a test has started but not awaited: whether it has answered yet, and its answer. */
export interface InFlight<T> {
  readonly answered: boolean;
  readonly answer: Promise<T>;
}

export function inFlight<T>(request: Promise<T>): InFlight<T> {
  const state = { answered: false, answer: request };
  const settle = () => void (state.answered = true);
  request.then(settle, settle);
  return state;
}

/**
 * The proof that a request waits for something the test has yet to cause: resolves once `waiting()`
 * holds while the request is still unanswered, and fails if the request answers first. Key
 * `waiting` on how the production code waits (its subscription to a topic, its polling query),
 * then cause the event and await `answer`.
 */
export async function untilWaiting<T>(request: InFlight<T>, waiting: () => unknown, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (request.answered)
      throw new Error(
        `the request answered before it was seen waiting: ${JSON.stringify(await request.answer.catch(String))}`,
      );
    if (await waiting()) {
      if (!request.answered) return;
      continue;
    }
    if (Date.now() > deadline) throw new Error(`the request was not seen waiting within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Sessions of `db`'s database waiting for a lock (only the session `pid`, when given: tests running side by side wait
 * for locks too). Read it through a connection of its own (a pool, not a transaction under way: pg_stat_activity
 * keeps a transaction's first snapshot), to see a request reach the lock a test holds.
 */
export async function lockWaiters(db: Executor, pid?: number): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'
        and (${pid ?? null}::int is null or pid = ${pid ?? null}::int)`,
  );
  return row!.n;
}
