import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MalformedEventError } from '../src/events/failures';
import { MemoryEventBus } from '../src/events/memory-bus';
import type { DomainEvent } from '../src/events/types';
import { eventually, testLogger } from '../src/testing/infra';

const event = (): DomainEvent => ({
  id: randomUUID(),
  type: 'booking.confirmed',
  source: 'test',
  occurredAt: new Date().toISOString(),
  payload: {},
});
const databaseDown = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

describe('in-memory event bus retries', () => {
  it('retries an event past its attempt limit while the database is unreachable, and delivers it when it answers', async () => {
    const bus = new MemoryEventBus(testLogger(), {
      maxDeliveries: 5,
      retryDelayMs: 1,
      retry: { maxDelayMs: 5, retryForMs: 60_000 },
    });
    let calls = 0;
    const applied: string[] = [];
    bus.subscribe({
      group: 'qr',
      types: ['booking.confirmed'],
      handler: async (e) => {
        calls++;
        if (calls <= 12) throw databaseDown();
        applied.push(e.id);
      },
    });
    const published = event();
    await bus.publish(published);
    expect(calls).toBe(13);
    expect(applied).toEqual([published.id]);
    await bus.close();
  });

  it('gives up on a malformed event at its first delivery', async () => {
    const bus = new MemoryEventBus(testLogger(), { maxDeliveries: 5, retryDelayMs: 1 });
    let calls = 0;
    bus.subscribe({
      group: 'qr',
      types: ['booking.confirmed'],
      handler: async () => {
        calls++;
        throw new MalformedEventError('no tickets in booking.confirmed');
      },
    });
    await bus.publish(event());
    expect(calls).toBe(1);
    await bus.close();
  });

  it('stops a consumer group that waits a long back-off at once, failing the publish so the outbox keeps the event', async () => {
    const bus = new MemoryEventBus(testLogger(), {
      retryDelayMs: 600_000,
      retry: { maxDelayMs: 600_000, retryForMs: 3600_000 },
    });
    let calls = 0;
    const subscription = bus.subscribe({
      group: 'qr',
      types: ['booking.confirmed'],
      handler: async () => {
        calls++;
        throw databaseDown();
      },
    });
    const publishing = bus.publish(event());
    await eventually(() => calls === 1);
    await subscription.stop();
    await expect(publishing).rejects.toThrow(/stopped/);
  });
});
