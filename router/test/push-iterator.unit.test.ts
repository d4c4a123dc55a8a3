import { describe, expect, it } from 'vitest';
import { PushIterator } from '../src/push-iterator';

describe('a subscriber stream that its consumer reads slower than events come', () => {
  it('keeps at most its bytes and its count of the newest events, one event whatever its size', async () => {
    const stream = new PushIterator<number>(() => {}, 100, 1000);
    let dropped = 0;
    for (let i = 0; i < 10; i++) dropped += stream.push(i, () => 300);
    // 300-byte events: three fit in 1,000 bytes; the seven oldest were dropped.
    expect(dropped).toBe(7);
    expect([stream.queued, stream.queuedBytes]).toEqual([3, 900]);
    expect(stream.push(10, () => 5000)).toBe(3);
    expect([stream.queued, stream.queuedBytes]).toEqual([1, 5000]);
    expect(await stream.next()).toEqual({ value: 10, done: false });
    expect(stream.queuedBytes).toBe(0);
    // A waiting consumer takes the event at once: nothing queued, its size never asked.
    const next = stream.next();
    stream.push(11, () => {
      throw new Error('not asked');
    });
    expect(await next).toEqual({ value: 11, done: false });
    const counted = new PushIterator<number>(() => {}, 2, 1000);
    for (let i = 0; i < 5; i++) counted.push(i, () => 1);
    expect(counted.queued).toBe(2);
  });
});
