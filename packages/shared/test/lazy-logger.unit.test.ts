// The request context's logger is made when a request first logs, also once Yoga has copied the context (it copies
// every property with Object.assign, which read a getter and made a pino child for every request).
import { describe, expect, it, vi } from 'vitest';
import { createLogger, lazyChild } from '../src/logger';

describe('the request context logger', () => {
  it('is made on first use only, copied or not, and logs with its bindings', () => {
    const lines: string[] = [];
    const parent = createLogger('ticketing', {
      level: 'info',
      destination: { write: (line: string) => void lines.push(line) },
    });
    const child = vi.spyOn(parent, 'child');
    const context = { requestId: 'r1', logger: lazyChild(parent, { requestId: 'r1' }) };
    const copied = Object.assign({}, context);
    expect(child).not.toHaveBeenCalled();
    copied.logger.info({ step: 1 }, 'first');
    context.logger.warn('second');
    expect(child).toHaveBeenCalledTimes(1);
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({ requestId: 'r1', step: 1, msg: 'first', level: 30 }),
      expect.objectContaining({ requestId: 'r1', msg: 'second', level: 40 }),
    ]);
    expect(copied.logger.isLevelEnabled('debug')).toBe(false);
  });
});
