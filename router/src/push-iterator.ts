// An async iterator fed by pushes, for subscription fan-out.

/**
 * Bytes of events kept for a consumer that does not read them (an SSE or multipart stream whose client stopped
 * reading): as much as a graphql-ws socket may have waiting before its events are skipped (MAX_BUFFERED_BYTES,
 * packages/shared/src/server/graphql-ws.ts). Past it the oldest are dropped, whatever their count.
 */
export const MAX_QUEUED_BYTES = 1 << 20;

/**
 * An async iterator fed by pushes. `return()` (the consumer leaving) runs `onReturn` at once, so
 * whatever feeds it can let go of upstream resources eagerly instead of on the next event.
 */
export class PushIterator<T> implements AsyncIterableIterator<T> {
  private readonly queue: { value: T; bytes: number }[] = [];
  private waiting: ((result: IteratorResult<T>) => void) | undefined;
  private done = false;
  private bytes = 0;

  constructor(
    private readonly onReturn: () => void,
    /** Events kept for a slow consumer before the oldest are dropped (live updates may be lost). */
    private readonly maxQueue = 100,
    /** Bytes kept for a slow consumer before the oldest are dropped (one event is kept whatever its size). */
    private readonly maxQueuedBytes = MAX_QUEUED_BYTES,
  ) {}

  /** Events waiting for the consumer. */
  get queued(): number {
    return this.queue.length;
  }

  /** Bytes of the events waiting (as their sizes were given). */
  get queuedBytes(): number {
    return this.bytes;
  }

  /**
   * Hands `value` to a waiting consumer, or queues it: `sizeOf` (its size in bytes, asked only then) bounds what is
   * queued. The number of older events dropped to make room.
   */
  push(value: T, sizeOf: () => number = () => 0): number {
    if (this.done) return 0;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve({ value, done: false });
      return 0;
    }
    const bytes = sizeOf();
    let dropped = 0;
    while (this.queue.length > 0 && (this.queue.length >= this.maxQueue || this.bytes + bytes > this.maxQueuedBytes)) {
      this.bytes -= this.queue.shift()!.bytes;
      dropped++;
    }
    this.queue.push({ value, bytes });
    this.bytes += bytes;
    return dropped;
  }

  /** Ends the stream after what is queued. */
  end(): void {
    if (this.done) return;
    this.done = true;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve({ value: undefined, done: true });
    }
  }

  next(): Promise<IteratorResult<T>> {
    const next = this.queue.shift();
    if (next !== undefined) {
      this.bytes -= next.bytes;
      return Promise.resolve({ value: next.value, done: false });
    }
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  return(): Promise<IteratorResult<T>> {
    if (!this.done) {
      this.queue.length = 0;
      this.bytes = 0;
      this.end();
      this.onReturn();
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }
}
