import type { SQL } from 'drizzle-orm';
import { sessionOf, type CommitsWithLastStatement, type Db, type Tx } from '../db/database';
import { assertBeforeDeadline, DEADLINE_MARGIN_MS } from '../db/deadline';
import type { Logger } from '../logger';
import type { Outbox } from './outbox';
import type { DomainEvent } from './types';

/** What a transaction body gets: the transaction, a way to emit events in it, and after-commit hooks. */
export interface UnitOfWork {
  tx: Tx;
  /** Records a domain event in the outbox, in this transaction. */
  emit<P>(type: string, payload: P): Promise<DomainEvent<P>>;
  /**
   * Records a domain event in the outbox within a statement of the caller's, a round trip fewer than `emit`: `write`
   * runs its statement with `outboxInsert` in it (a data-modifying WITH query, which Postgres runs whether the rest of
   * the statement reads it or not) and resolves with what it returns. The event is recorded only if `write` runs it.
   */
  emitWith<P, T>(type: string, payload: P, write: (outboxInsert: SQL) => Promise<T>): Promise<T>;
  /**
   * The unit's last statement, recording a domain event as `emitWith` does, sent with the COMMIT right behind it (one
   * write and one round trip fewer than awaiting it and then committing): `return uow.commitWith(...)`, the body's last
   * step, `write` issuing one statement. From the moment it is sent the transaction ends with it, committed unless the
   * statement fails: nothing may run after it in the body, and a body that throws after it is logged as an error, its
   * change committed. With the router's `deadline` (boundByDeadline), the unit rolls back (UNAVAILABLE) past it:
   * checked first, and the statement given only the time left (its timeout set with it), so that it commits within
   * the deadline's margin or not at all. A database that cannot send them together (PGlite, a pool without
   * pipelining) runs the statement, checks the deadline again, then commits.
   */
  commitWith<P, T>(
    type: string,
    payload: P,
    write: (outboxInsert: SQL) => PromiseLike<T>,
    deadline?: number | null,
  ): Promise<T>;
  /**
   * Runs after commit only (live updates); failures are logged, never undo the commit. The caller is
   * answered once they finish, or after `afterCommitWaitMs` when one hangs (a paused Redis).
   */
  afterCommit(fn: () => unknown): void;
}

/** The transaction's client, when it can send the COMMIT behind the last statement (pipeliningClient). */
function committingClient(tx: Tx): CommitsWithLastStatement | undefined {
  const client = sessionOf(tx).client as Partial<CommitsWithLastStatement> | undefined;
  return typeof client?.commitWithNext === 'function' ? (client as CommitsWithLastStatement) : undefined;
}

/**
 * Runs a unit of work in one database transaction: state changes and the events they cause
 * commit together; after commit the outbox relay is woken and after-commit hooks run.
 */
export class TransactionRunner {
  constructor(
    private readonly db: Db,
    private readonly outbox: Outbox,
    private readonly relay: { kick(): void } | undefined,
    private readonly logger: Logger,
    /**
     * How long an answer waits for the after-commit steps. A committed change is answered even
     * when a step hangs: a client told "failed" for a hold that committed would find the seat
     * held in its name and its retry refused.
     */
    private readonly afterCommitWaitMs = 1000,
  ) {}

  async run<T>(fn: (uow: UnitOfWork) => Promise<T>): Promise<T> {
    const after: (() => unknown)[] = [];
    let emitted = false;
    /** The body's last statement went out with the COMMIT and succeeded: the transaction committed with it. */
    let committed = false;
    const result = await this.db.transaction(async (tx) => {
      try {
        return await fn({
          tx: tx as unknown as Tx,
          emit: (type, payload) => {
            emitted = true;
            return this.outbox.add(tx, type, payload);
          },
          emitWith: async (type, payload, write) => {
            const result = await write(this.outbox.insertOf(tx, type, payload));
            emitted = true;
            return result;
          },
          commitWith: async (type, payload, write, deadline = null) => {
            assertBeforeDeadline(deadline);
            const timeoutMs = deadline === null ? undefined : deadline - DEADLINE_MARGIN_MS - Date.now();
            const withCommit = committingClient(tx as unknown as Tx)?.commitWithNext(timeoutMs) ?? false;
            const result = await write(this.outbox.insertOf(tx, type, payload));
            emitted = true;
            committed = withCommit;
            // Sent alone, the statement is followed by the commit only now: past the deadline, rolled back.
            if (!withCommit) assertBeforeDeadline(deadline);
            return result;
          },
          afterCommit: (hook) => after.push(hook),
        });
      } catch (error) {
        // After a last statement that succeeded, the change has committed: the body broke commitWith's contract.
        if (committed)
          this.logger.error({ err: error }, 'unit of work failed after its last statement, which committed');
        throw error;
      }
    });
    if (emitted) this.relay?.kick();
    if (after.length > 0) await this.runAfterCommit(after);
    return result;
  }

  private async runAfterCommit(hooks: (() => unknown)[]): Promise<void> {
    const steps = (async () => {
      for (const hook of hooks) {
        try {
          await hook();
        } catch (error) {
          this.logger.warn({ err: error }, 'after-commit step failed');
        }
      }
    })();
    let timer: NodeJS.Timeout | undefined;
    const late = await Promise.race([
      steps.then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), this.afterCommitWaitMs);
      }),
    ]);
    clearTimeout(timer);
    if (late)
      this.logger.warn(
        { waitedMs: this.afterCommitWaitMs },
        'after-commit steps still running; answering without them',
      );
  }
}
