/**
 * At most `max` tasks of one key run at once; the others wait their turn in order, at most `maxWaiting` of them (past
 * it `refuse()` is thrown and the task never runs). A key with nothing running or waiting is forgotten.
 */
export class KeyedLimiter {
  private readonly keys = new Map<string, { running: number; waiting: (() => void)[] }>();

  constructor(
    private readonly max: number,
    private readonly maxWaiting = Infinity,
    private readonly refuse: () => Error = () => new Error('too many tasks waiting'),
  ) {}

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    let state = this.keys.get(key);
    if (!state) this.keys.set(key, (state = { running: 0, waiting: [] }));
    if (state.running >= this.max && state.waiting.length >= this.maxWaiting) throw this.refuse();
    if (state.running >= this.max) await new Promise<void>((resolve) => state.waiting.push(resolve));
    else state.running++;
    try {
      return await task();
    } finally {
      // The turn passes to the next task waiting (it keeps the running count), or the key is done.
      const next = state.waiting.shift();
      if (next) next();
      else if (--state.running === 0) this.keys.delete(key);
    }
  }

  /** Keys with tasks running or waiting (tests check that none is left behind). */
  get size(): number {
    return this.keys.size;
  }
}
