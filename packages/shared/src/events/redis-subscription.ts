import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { reconnectOnReadOnly, watchConnection } from '../redis';
import { keptErrorMessage, type Logger } from '../logger';
import {
  DeadLetterStore,
  eventKeys,
  fieldMap,
  readEvent,
  replayOriginOf,
  type DeadLetterInput,
  type ReplayOrigin,
} from './dead-letters';
import { classifyFailure } from './failures';
import { decideRetry, type RetryPolicy } from './retry-policy';
import type { DomainEvent, SubscribeOptions } from './types';

export interface RedisSubscriptionOptions {
  url: string;
  prefix: string;
  logger: Logger;
  claimIdleMs: number;
  /** Consumers of the group idle longer than this, with nothing pending, are deleted at start. */
  staleConsumerMs: number;
  blockMs: number;
  retry: RetryPolicy;
  subscribe: SubscribeOptions;
}

type StreamEntry = [id: string, fields: string[] | null];
type ReadReply = [stream: string, entries: StreamEntry[]][] | null;

/** An event whose handler failed and that waits, pending on this consumer, for its next attempt. */
interface Failure {
  stream: string;
  id: string;
  attempts: number;
  firstFailedAt: number;
  retryAt: number;
}

const PAGE = 50;
/** How long a stop waits for the events in hand to be finished and acknowledged before it cuts the connection. */
const STOP_GRACE_MS = 10_000;

/**
 * Deletes consumer ARGV[2] of group ARGV[1] on stream KEYS[1] unless it holds a pending event (deleting it would
 * leave those unclaimable); 1 when deleted.
 */
const DELETE_IDLE_CONSUMER = `
if #redis.call('XPENDING', KEYS[1], ARGV[1], '-', '+', 1, ARGV[2]) > 0 then return 0 end
redis.call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], ARGV[2])
return 1`;

/**
 * One consumer of a group. A handler failure is retried by its cause: a transient one (a
 * dependency away) pauses the whole consumer, since every event would fail alike, and keeps
 * order; any other failure waits for its own retry while later events go on; a malformed event
 * and one out of retries go to the group's dead letters.
 */
export class RedisStreamSubscription {
  private readonly redis: Redis;
  private readonly consumer: string;
  private readonly streams: string[];
  /** This group's replay stream: only this group reads it, so what it acknowledges there is deleted. */
  private readonly replayStream: string;
  private readonly logger: Logger;
  private readonly deadLetters: DeadLetterStore;
  private readonly failures = new Map<string, Failure>();
  private running = false;
  private loop: Promise<void> | undefined;
  private readPending = true;
  private pausedUntil = 0;
  private lastClaim = 0;
  private wake: (() => void) | undefined;
  private readonly unwatch: () => void;
  /** Deliveries under way (a handler running or its outcome being recorded). */
  private inHand = 0;
  /**
   * Events handled from a read and not acknowledged yet, per stream: their XACK goes out with the next read, in the
   * same write (one system call where there were two; every read's events are acknowledged so), or on its own before
   * anything else is read or the consumer stops.
   */
  private readonly unacknowledged = new Map<string, string[]>();

  constructor(private readonly options: RedisSubscriptionOptions) {
    this.redis = new Redis(options.url, {
      maxRetriesPerRequest: null,
      reconnectOnError: reconnectOnReadOnly,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    });
    this.redis.on('error', () => undefined);
    // A PING waits behind a blocking read: the timeout leaves room for one.
    this.unwatch = watchConnection(this.redis, { timeoutMs: Math.max(10_000, 2 * options.blockMs) });
    const keys = eventKeys(options.prefix);
    const { group, types } = options.subscribe;
    this.consumer = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
    this.replayStream = keys.replay(group);
    this.streams = [...types.map((type) => keys.stream(type)), this.replayStream];
    this.logger = options.logger.child({ group, consumer: this.consumer });
    this.deadLetters = new DeadLetterStore(this.redis, options.prefix);
  }

  private get group(): string {
    return this.options.subscribe.group;
  }

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake?.();
    // Idle, a blocking XREADGROUP is ended at once. With events in hand, they are finished and acknowledged first (no
    // further one is started): cut off, a handled event's XACK was refused and it stayed pending under a consumer
    // that was gone, to be applied again by another once idle. Bounded, should Redis be away.
    this.unwatch();
    if (this.inHand === 0 && this.unacknowledged.size === 0) this.redis.disconnect();
    else await Promise.race([this.loop, new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS).unref())]);
    this.redis.disconnect();
    await this.loop;
    await this.leaveGroup();
  }

  /**
   * Deletes this consumer from its group where it holds nothing pending, so a group does not collect a consumer
   * per process start; where it does, the consumer stays for another to claim its events. Best effort: a Redis
   * away now leaves it to the next start's clean-up (deleteStaleConsumers).
   */
  private async leaveGroup(): Promise<void> {
    const redis = new Redis(this.options.url, {
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      commandTimeout: 2000,
      lazyConnect: true,
    });
    redis.on('error', () => undefined);
    try {
      await redis.connect();
      for (const stream of this.streams) await redis.eval(DELETE_IDLE_CONSUMER, 1, stream, this.group, this.consumer);
    } catch (error) {
      this.logger.debug({ err: error }, 'event consumer could not leave its group');
    } finally {
      redis.disconnect();
    }
  }

  /** Consumers of the group gone without stopping (idle past staleConsumerMs, nothing pending): deleted. */
  private async deleteStaleConsumers(): Promise<void> {
    let deleted = 0;
    for (const stream of this.streams) {
      const consumers = (await this.redis.xinfo('CONSUMERS', stream, this.group)) as string[][];
      for (const fields of consumers) {
        const info = fieldMap(fields);
        const name = String(info.get('name'));
        if (name === this.consumer || Number(info.get('pending')) > 0) continue;
        if (Number(info.get('idle')) < this.options.staleConsumerMs) continue;
        deleted += Number(await this.redis.eval(DELETE_IDLE_CONSUMER, 1, stream, this.group, name));
      }
    }
    if (deleted > 0) this.logger.info({ deleted }, 'event consumers gone without stopping deleted from the group');
  }

  private async ensureGroups(): Promise<void> {
    for (const stream of this.streams) {
      try {
        // From the start of the stream: a group created after events were published still gets them.
        await this.redis.xgroup('CREATE', stream, this.group, '0', 'MKSTREAM');
      } catch (error) {
        if (!String((error as Error).message).includes('BUSYGROUP')) throw error;
      }
    }
    // Housekeeping only: a Redis that refuses it (an ACL without XINFO or XGROUP DELCONSUMER) must not stop reading.
    await this.deleteStaleConsumers().catch((error: unknown) =>
      this.logger.warn({ err: error }, 'event consumer could not delete the stale consumers of its group'),
    );
  }

  private async run(): Promise<void> {
    let failures = 0;
    let groupsReady = false;
    while (this.running) {
      try {
        if (!groupsReady) {
          await this.ensureGroups();
          groupsReady = true;
        }
        await this.claimAbandoned();
        // Stopped while it applied an event taken over: no further read (new events would wait on a gone consumer).
        if (!this.running) break;
        const pausedFor = this.pausedUntil - Date.now();
        if (pausedFor > 0) {
          await this.acknowledgeHandled();
          // Wake up now and then to keep our pending events from being claimed as abandoned.
          await this.sleep(Math.min(pausedFor, this.claimInterval()));
          continue;
        }
        if (this.readPending) {
          // Read again from the start of what is pending: the events handled already are not.
          await this.acknowledgeHandled();
          await this.readOwnPending();
        } else if (!(await this.retryDue())) await this.readNew();
        failures = 0;
      } catch (error) {
        if (!this.running) break;
        const message = String((error as Error).message);
        if (message.includes('NOGROUP')) {
          // Redis lost the group (restart without persistence): create it again.
          groupsReady = false;
          continue;
        }
        failures++;
        if (failures === 1 || failures % 20 === 0) {
          this.logger.warn({ err: error, failures }, 'event consumer cannot read; will retry');
        }
        await this.sleep(Math.min(200 * 2 ** Math.min(failures, 6), 5000));
      }
    }
    // Stopping: what was handled is acknowledged before the connection is cut (a stop waits for this loop). Cut
    // already (a stop while the loop waited on a read), what is left went out with that read, or cannot go now.
    if (this.redis.status === 'end') return;
    await this.acknowledgeHandled().catch((error: unknown) =>
      this.logger.warn({ err: error }, 'event consumer could not acknowledge handled events before stopping'),
    );
  }

  /** Sends the acknowledgements kept for the next read now, on their own. */
  private async acknowledgeHandled(): Promise<void> {
    if (this.unacknowledged.size === 0) return;
    // In hand until Redis answers: a stop meanwhile waits for them instead of cutting the connection under them.
    this.inHand++;
    try {
      const { handled, batch } = this.acknowledgements();
      const refusal = this.refusalOf(handled, await this.sent(handled, batch));
      if (refusal) throw refusal;
    } finally {
      this.inHand--;
    }
  }

  /** The acknowledgements kept so far, taken, and a pipeline (one write) sending them. */
  private acknowledgements() {
    const handled = [...this.unacknowledged];
    this.unacknowledged.clear();
    const batch = this.redis.pipeline();
    for (const [stream, ids] of handled) batch.xack(stream, this.group, ...ids);
    return { handled, batch };
  }

  /** Sends `batch`; should it fail as a whole, its acknowledgements are kept for the next attempt. */
  private async sent(handled: [string, string[]][], batch: ReturnType<Redis['pipeline']>) {
    try {
      return (await batch.exec()) ?? [];
    } catch (error) {
      this.keepUnacknowledged(handled);
      throw error;
    }
  }

  /** Keeps the acknowledgements Redis refused (the first replies) for the next attempt; the first refusal. */
  private refusalOf(handled: [string, string[]][], replies: [Error | null, unknown][]): Error | undefined {
    const refused = handled.filter((_, i) => replies[i]?.[0]);
    this.keepUnacknowledged(refused);
    return replies.slice(0, handled.length).find(([error]) => error)?.[0] ?? undefined;
  }

  /** Acknowledgements that did not reach Redis, kept for the next attempt (acknowledging twice changes nothing). */
  private keepUnacknowledged(handled: [string, string[]][]): void {
    for (const [stream, ids] of handled)
      this.unacknowledged.set(stream, [...ids, ...(this.unacknowledged.get(stream) ?? [])]);
  }

  /** Events delivered to this consumer before (a restart, a pause) and not acknowledged, oldest first. */
  private async readOwnPending(): Promise<void> {
    for (const stream of this.streams) {
      let cursor = '0';
      for (;;) {
        const reply = (await this.redis.xreadgroup(
          'GROUP',
          this.group,
          this.consumer,
          'COUNT',
          String(PAGE),
          'STREAMS',
          stream,
          cursor,
        )) as ReadReply;
        const entries = reply?.[0]?.[1] ?? [];
        for (const [id, fields] of entries) {
          cursor = id;
          const waiting = this.failures.get(failureKey(stream, id));
          if (waiting && waiting.retryAt > Date.now()) continue;
          if (!(await this.deliver(stream, id, fields))) return;
        }
        if (entries.length < PAGE) break;
      }
    }
    this.readPending = false;
  }

  /** Delivers again the events whose back-off is over; false when none was due. */
  private async retryDue(): Promise<boolean> {
    const now = Date.now();
    const due = [...this.failures.values()].filter((f) => f.retryAt <= now).sort((a, b) => a.retryAt - b.retryAt);
    // Retries may keep the next read waiting: what was handled is acknowledged now.
    if (due.length > 0) await this.acknowledgeHandled();
    for (const failure of due) {
      const claimed = (await this.redis.xclaim(
        failure.stream,
        this.group,
        this.consumer,
        0,
        failure.id,
      )) as StreamEntry[];
      if (claimed.length === 0) {
        // Acknowledged elsewhere or gone with its stream.
        this.failures.delete(failureKey(failure.stream, failure.id));
        continue;
      }
      if (!(await this.deliver(failure.stream, failure.id, claimed[0]![1]))) break;
    }
    return due.length > 0;
  }

  private async readNew(): Promise<void> {
    const nextRetry = Math.min(...[...this.failures.values()].map((f) => f.retryAt));
    const block = Math.max(1, Math.min(this.options.blockMs, nextRetry - Date.now()));
    // The last read's acknowledgements go out with this read, in one write: Redis runs them before it blocks.
    const { handled, batch } = this.acknowledgements();
    batch.xreadgroup(
      'GROUP',
      this.group,
      this.consumer,
      'COUNT',
      String(PAGE),
      'BLOCK',
      String(Math.ceil(block)),
      'STREAMS',
      ...this.streams,
      ...this.streams.map(() => '>'),
    );
    const replies = await this.sent(handled, batch);
    const refusal = this.refusalOf(handled, replies);
    const [readError, read] = replies.at(-1) ?? [new Error('no reply to the read')];
    if (readError) throw readError;
    const reply = read as ReadReply;
    await this.deliverAll((reply ?? []).flatMap(([stream, entries]) => entries.map((entry) => ({ stream, entry }))));
    // Kept for the next attempt; the loop says so and waits before it reads on.
    if (refusal) throw refusal;
  }

  /**
   * Hands every entry of a read to the handler at once, so that it can apply them together (one
   * transaction: createIdempotentHandler), then takes each outcome in order as `deliver` does, and
   * acknowledges those handled with one XACK per stream, which goes out with the next read. False when
   * the consumer paused: the entries after the one that paused it stay pending, read again (and skipped
   * if done) after the pause.
   */
  private async deliverAll(entries: { stream: string; entry: StreamEntry }[]): Promise<boolean> {
    // Stopping: read but not started, they stay pending for this consumer's next start (or another's claim).
    if (entries.length === 0 || !this.running) return this.running;
    this.inHand++;
    try {
      return await this.deliverAllInHand(entries);
    } finally {
      this.inHand--;
    }
  }

  private async deliverAllInHand(entries: { stream: string; entry: StreamEntry }[]): Promise<boolean> {
    type Handed =
      | { raw: string; event: DomainEvent; outcome: Promise<{ error: unknown } | undefined> }
      | { raw: string; unreadable: Error };
    const started = entries.map(({ entry: [, fields] }): Handed | undefined => {
      if (!fields) return undefined;
      const raw = fieldMap(fields).get('event') ?? '';
      try {
        const event = readEvent(raw);
        let outcome: Promise<{ error: unknown } | undefined>;
        try {
          outcome = this.options.subscribe.handler(event).then(
            () => undefined,
            (error: unknown) => ({ error }),
          );
        } catch (error) {
          outcome = Promise.resolve({ error });
        }
        return { raw, event, outcome };
      } catch (error) {
        return { raw, unreadable: error as Error };
      }
    });
    const done = new Map<string, string[]>();
    try {
      for (const [i, { stream, entry }] of entries.entries()) {
        const [id, fields] = entry;
        const handed = started[i];
        const origin = this.originOf(stream, fields);
        if (handed && 'event' in handed) {
          const failed = await handed.outcome;
          if (failed) {
            if (!(await this.failed(stream, id, handed.raw, handed.event, failed.error, origin))) return false;
            continue;
          }
        } else if (handed) {
          await this.unreadable(stream, id, handed.raw, handed.unreadable, origin);
          continue;
        }
        // Handled, or trimmed away before it could be.
        this.failures.delete(failureKey(stream, id));
        done.set(stream, [...(done.get(stream) ?? []), id]);
      }
      return true;
    } finally {
      for (const [stream, ids] of done) {
        // The replay stream's are deleted with their acknowledgement (a MULTI): at once.
        if (stream === this.replayStream) await this.acknowledge(stream, ids);
        else this.unacknowledged.set(stream, [...(this.unacknowledged.get(stream) ?? []), ...ids]);
      }
    }
  }

  private claimInterval(): number {
    return Math.min(this.options.claimIdleMs / 2, 10_000);
  }

  /**
   * Takes over messages that another consumer of the group received but never acknowledged,
   * and touches our own that wait for a retry so that nobody takes them for abandoned.
   */
  private async claimAbandoned(): Promise<void> {
    const now = Date.now();
    if (now - this.lastClaim < this.claimInterval()) return;
    this.lastClaim = now;
    // What this consumer handled is acknowledged first: a read that took longer than claimIdleMs to handle would
    // otherwise be among the idle events claimed below, and handled again.
    await this.acknowledgeHandled();
    for (const failure of [...this.failures.values()]) {
      const kept = await this.redis.xclaim(failure.stream, this.group, this.consumer, 0, failure.id, 'JUSTID');
      if (kept.length === 0) this.failures.delete(failureKey(failure.stream, failure.id));
    }
    // Paused by a transient failure: the events read behind it wait too, in order. Touched like the failing
    // one, or after claimIdleMs another consumer (or our own XAUTOCLAIM below) would apply them ahead of it.
    const paused = this.pausedUntil > now;
    if (paused) await this.touchOwnPending();
    for (const stream of this.streams) {
      const [, entries] = (await this.redis.xautoclaim(
        stream,
        this.group,
        this.consumer,
        this.options.claimIdleMs,
        '0-0',
        'COUNT',
        '100',
      )) as [string, (StreamEntry | null)[], string[]?];
      for (const entry of entries) {
        if (!entry) continue;
        this.logger.info({ stream, id: entry[0] }, 'claimed an event abandoned by another consumer');
        if (paused) {
          // Ours now: read with our other pending events, in order, once the pause ends.
          this.readPending = true;
          continue;
        }
        if (!(await this.deliver(stream, entry[0], entry[1]))) return;
      }
    }
  }

  /** Resets the idle time of every event this consumer holds unacknowledged (XCLAIM JUSTID counts no delivery). */
  private async touchOwnPending(): Promise<void> {
    for (const stream of this.streams) {
      for (let start = '-'; ;) {
        const pending = (await this.redis.xpending(stream, this.group, start, '+', PAGE, this.consumer)) as [
          string,
          ...unknown[],
        ][];
        const ids = pending.map(([id]) => id);
        if (ids.length > 0) await this.redis.xclaim(stream, this.group, this.consumer, 0, ...ids, 'JUSTID');
        if (ids.length < PAGE) break;
        start = `(${ids[ids.length - 1]}`;
      }
    }
  }

  /** Hands one entry to the handler; false when the consumer paused and should read no further. */
  private async deliver(stream: string, id: string, fields: string[] | null): Promise<boolean> {
    if (!this.running) return false;
    this.inHand++;
    try {
      return await this.deliverInHand(stream, id, fields);
    } finally {
      this.inHand--;
    }
  }

  private async deliverInHand(stream: string, id: string, fields: string[] | null): Promise<boolean> {
    const key = failureKey(stream, id);
    if (!fields) {
      // Trimmed away before it could be processed.
      await this.acknowledge(stream, [id]);
      this.failures.delete(key);
      return true;
    }
    const raw = fieldMap(fields).get('event') ?? '';
    const origin = this.originOf(stream, fields);
    let event: DomainEvent;
    try {
      event = readEvent(raw);
    } catch (error) {
      await this.unreadable(stream, id, raw, error as Error, origin);
      return true;
    }
    try {
      await this.options.subscribe.handler(event);
    } catch (error) {
      return this.failed(stream, id, raw, event, error, origin);
    }
    await this.acknowledge(stream, [id]);
    this.failures.delete(key);
    return true;
  }

  /** Where an entry of this group's replay stream first came from (what its dead letter names), if it says. */
  private originOf(stream: string, fields: string[] | null | undefined): ReplayOrigin | undefined {
    return stream === this.replayStream && fields ? replayOriginOf(fields) : undefined;
  }

  private async unreadable(
    stream: string,
    id: string,
    raw: string,
    error: Error,
    origin?: ReplayOrigin,
  ): Promise<void> {
    await this.deadLetter({
      stream,
      streamId: id,
      origin,
      raw,
      reason: 'unreadable',
      error: keptErrorMessage(error),
      attempts: 1,
    });
  }

  /**
   * An event whose handler failed: dead-lettered, or kept pending for its retry; false when the failure
   * pauses the consumer (transient), which should then read no further.
   */
  private async failed(
    stream: string,
    id: string,
    raw: string,
    event: DomainEvent,
    error: unknown,
    origin?: ReplayOrigin,
  ): Promise<boolean> {
    const key = failureKey(stream, id);
    const kind = classifyFailure(error);
    const now = Date.now();
    const previous = this.failures.get(key);
    const attempts = (previous?.attempts ?? 0) + 1;
    const firstFailedAt = previous?.firstFailedAt ?? now;
    const decision = decideRetry(this.options.retry, kind, attempts, firstFailedAt, now);
    const log = { err: error, eventId: event.id, type: event.type, kind, attempts };
    if (decision.deadLetter) {
      this.failures.delete(key);
      await this.deadLetter(
        { stream, streamId: id, origin, raw, reason: kind, error: keptErrorMessage(error), attempts },
        log,
      );
      return true;
    }
    this.failures.set(key, { stream, id, attempts, firstFailedAt, retryAt: now + decision.delayMs });
    this.logger.warn({ ...log, retryInMs: decision.delayMs }, 'event handler failed; will retry');
    if (kind !== 'transient') return true;
    this.pausedUntil = now + decision.delayMs;
    this.readPending = true;
    return false;
  }

  /**
   * Acknowledges `ids` of `stream` for this group; on the group's replay stream, which no other group reads,
   * also deletes them (in the same MULTI), so that replayed events do not stay in Redis for good.
   */
  private async acknowledge(stream: string, ids: string[]): Promise<void> {
    if (stream !== this.replayStream) {
      await this.redis.xack(stream, this.group, ...ids);
      return;
    }
    const replies = await this.redis
      .multi()
      .xack(stream, this.group, ...ids)
      .xdel(stream, ...ids)
      .exec();
    const failure = replies?.find(([error]) => error)?.[0];
    if (failure) throw failure;
  }

  /**
   * Writes the dead letter and acknowledges the event in one MULTI: a crash between the two made a second
   * dead letter of the same event when another consumer claimed it again.
   */
  private async deadLetter(input: DeadLetterInput, log: Record<string, unknown> = {}): Promise<void> {
    const deadLetterId = await this.deadLetters.add(this.group, input, {
      group: this.group,
      deleteAfter: input.stream === this.replayStream,
    });
    this.logger.error(
      { ...log, stream: input.stream, id: input.streamId, reason: input.reason, deadLetterId },
      'event dead-lettered',
    );
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

function failureKey(stream: string, id: string): string {
  return `${stream} ${id}`;
}
