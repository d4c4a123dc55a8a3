// A second notification instance for race tests: the event handlers of events.ts applied in transactions of the
// test's, as the consumer applies them, against the subgraph's database (the subgraph's own sender sends what ends
// up committed).
import type { DomainEvent } from '@busline/shared';
import { inFlight, lockWaiters, testLogger, type InFlight } from '@busline/shared/testing';
import { createHandlers } from '../src/events';
import type { NotificationSubgraph } from './helpers';

export function secondInstance(subgraph: () => NotificationSubgraph) {
  const handlers = createHandlers({
    writing: { webUrl: 'https://busline.test', timeZone: 'Africa/Kigali', perAddressPerHour: 20 },
    holdReminderMs: 3 * 60_000,
    maxEventAgeMs: 3_600_000,
    tripAlertSettleMs: 0,
  });
  const logger = testLogger('replica');
  const db = () => subgraph().database.handle.db;
  const run = (event: DomainEvent, tx: unknown) =>
    handlers[event.type]!(event, {
      tx,
      logger,
      emit: () => Promise.reject(new Error('notification emits nothing')),
      emitWith: () => Promise.reject(new Error('notification emits nothing')),
      afterCommit: () => undefined,
    } as never);

  /** Applies `event` in a transaction that commits only once `commit` is called. */
  function applyHeld(event: DomainEvent) {
    let release!: () => void;
    let applied!: () => void;
    const isApplied = new Promise<void>((resolve) => (applied = resolve));
    const done = db().transaction(async (tx) => {
      await run(event, tx);
      applied();
      await new Promise<void>((resolve) => (release = resolve));
    });
    return { isApplied, done, commit: async () => (release(), await done) };
  }

  /** Applies `event` in a transaction of its own (another instance), committing at once. */
  const apply = (event: DomainEvent) => inFlight(db().transaction((tx) => run(event, tx)));

  /** Until `request` answered or is seen waiting for a lock (a fix may make it wait for the other transaction). */
  async function answeredOrWaiting(request: InFlight<unknown>) {
    const deadline = Date.now() + 10_000;
    while (!request.answered && (await lockWaiters(db())) < 1) {
      if (Date.now() > deadline) throw new Error('neither answered nor waiting');
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** `first` applied and held open, `second` applied meanwhile by the other instance; both committed. */
  async function race(first: DomainEvent, second: DomainEvent): Promise<void> {
    const held = applyHeld(first);
    await held.isApplied;
    const other = apply(second);
    await answeredOrWaiting(other);
    await held.commit();
    await other.answer;
  }

  return { race };
}
