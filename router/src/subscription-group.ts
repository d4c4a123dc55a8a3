// A subscription group: the subscribers sharing one upstream subscription, each event delivered to all, in order.
import { GraphQLError, type ExecutionResult } from 'graphql';
import type { DirectSink, Logger } from '@busline/shared';
import type { PushIterator } from './push-iterator';

/**
 * Subscribers that asked for the same operation with the same variables and credentials: they
 * share one upstream subscription and one plan execution per event.
 */
export class SubscriptionGroup {
  /** Each subscriber's stream, and the sink its events are written to directly (graphql-ws) if any. */
  readonly subscribers = new Map<PushIterator<ExecutionResult>, DirectSink | undefined>();
  /** Ends the upstream subscription (set once it is opened). */
  unsubscribe = () => {};
  private chain = Promise.resolve();
  private disposed = false;

  constructor(
    readonly key: string,
    private readonly log: () => Logger,
    /** Gives the upstream connection back. */
    private readonly release: () => void,
    /** Told when the upstream stream ends (the executor forgets the group). */
    private readonly onEnd: (group: SubscriptionGroup) => void,
  ) {}

  /**
   * One result to every subscriber: pushed to its stream, or serialized once for every direct sink. A stream that
   * queues it (its client reads slower than events come) is told its size, serialized once too.
   */
  broadcast(result: ExecutionResult): void {
    let json: Buffer | undefined;
    const serialized = () => (json ??= Buffer.from(JSON.stringify(result)));
    const sizeOf = () => serialized().length;
    let skipped = 0;
    let dropped = 0;
    for (const [iterator, sink] of this.subscribers) {
      if (!sink) dropped += iterator.push(result, sizeOf);
      else if (!sink.next(serialized())) skipped++;
    }
    if (skipped > 0) this.log().warn({ skipped }, 'live update skipped for subscribers too far behind');
    if (dropped > 0) this.log().warn({ dropped }, 'live updates dropped for subscribers too far behind');
  }

  /** Events of one stream are handled in order; a step that fails tells the subscribers, and the next runs. */
  step(work: () => void | Promise<void>): void {
    this.chain = this.chain.then(async () => {
      if (this.disposed) return;
      try {
        await work();
      } catch (error) {
        this.log().error({ err: error }, 'subscription event could not be delivered');
        this.broadcast({
          errors: [new GraphQLError('Unexpected error', { extensions: { code: 'INTERNAL_SERVER_ERROR' } })],
        });
      }
    });
  }

  /** The upstream stream ended: so does every subscriber's. */
  finish(): void {
    for (const subscriber of this.subscribers.keys()) subscriber.end();
    this.onEnd(this);
    this.dispose();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.unsubscribe();
    this.release();
  }
}
