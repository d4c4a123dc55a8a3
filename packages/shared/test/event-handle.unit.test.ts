import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { EventContext } from '../src/events/consumer';
import { MalformedEventError } from '../src/events/failures';
import { handle } from '../src/events/handle';
import type { DomainEvent } from '../src/events/types';

const event = (payload: unknown): DomainEvent => ({
  id: 'e1',
  type: 'booking.held',
  source: 'ticketing',
  occurredAt: new Date().toISOString(),
  payload,
});
const context = {} as EventContext;
const schema = z.object({ bookingId: z.string().uuid(), seats: z.number().int() });

describe('handle', () => {
  it('parses the payload once and hands the handler the typed fields (extra fields ignored)', async () => {
    const seen: unknown[] = [];
    const handler = handle(schema, async (payload) => void seen.push(payload));
    await handler(event({ bookingId: '0b8a5a3e-2f4e-4c1a-9a57-1f7e3c6d2b10', seats: 2, extra: true }), context);
    expect(seen).toEqual([{ bookingId: '0b8a5a3e-2f4e-4c1a-9a57-1f7e3c6d2b10', seats: 2 }]);
  });

  it('refuses a payload that does not parse as malformed, naming the fields, without running the handler', async () => {
    let ran = false;
    const handler = handle(schema, async () => void (ran = true));
    const failure = handler(event({ bookingId: 'nope', seats: 1.5 }), context);
    await expect(failure).rejects.toBeInstanceOf(MalformedEventError);
    await expect(failure).rejects.toThrow(/booking\.held e1 has a malformed payload: bookingId: .*; seats: /);
    expect(ran).toBe(false);
  });

  it("lets the handler's own errors through unchanged (they are retried, not dead-lettered at once)", async () => {
    const boom = new Error('trip not known yet');
    const handler = handle(schema, async () => {
      throw boom;
    });
    await expect(handler(event({ bookingId: '0b8a5a3e-2f4e-4c1a-9a57-1f7e3c6d2b10', seats: 1 }), context)).rejects.toBe(
      boom,
    );
  });
});
