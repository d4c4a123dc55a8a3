/**
 * Wraps a subscription's stream so that something outside it can end it with a last value (an
 * error result), even while it waits for an event that may never come. `watch` receives the
 * function that ends it and returns what stops watching; it stops when the stream ends either way.
 */
export function endableStream<T>(
  source: AsyncIterable<T>,
  watch: (end: (last: T) => void) => () => void,
): AsyncIterableIterator<T> {
  const iterator = source[Symbol.asyncIterator]();
  let ended = false;
  let last: { value: T } | undefined;
  /** Settles the next() call in progress, if any. */
  let waiting: ((result: IteratorResult<T, undefined>) => void) | undefined;
  let unwatch: (() => void) | undefined;

  const stop = () => {
    ended = true;
    unwatch?.();
    const resolve = waiting;
    waiting = undefined;
    return resolve;
  };
  const end = (value: T) => {
    if (ended) return;
    const resolve = stop();
    if (resolve) resolve({ value, done: false });
    else last = { value };
    void Promise.resolve(iterator.return?.()).catch(() => undefined);
  };
  unwatch = watch(end);
  if (ended) unwatch();

  const stream: AsyncIterableIterator<T> = {
    next() {
      if (ended) {
        const value = last;
        last = undefined;
        return Promise.resolve(value ? { value: value.value, done: false } : { value: undefined, done: true });
      }
      return new Promise((resolve, reject) => {
        waiting = resolve;
        iterator.next().then(
          (result) => {
            if (waiting !== resolve) return;
            waiting = undefined;
            if (result.done) stop();
            resolve(result.done ? { value: undefined, done: true } : result);
          },
          (error: unknown) => {
            if (waiting !== resolve) return;
            stop();
            reject(error);
          },
        );
      });
    },
    async return() {
      stop()?.({ value: undefined, done: true });
      last = undefined;
      await iterator.return?.();
      return { value: undefined, done: true };
    },
    async throw(error: unknown) {
      stop()?.({ value: undefined, done: true });
      last = undefined;
      await iterator.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return stream;
    },
  };
  return stream;
}
