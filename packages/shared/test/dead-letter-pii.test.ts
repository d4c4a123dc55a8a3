// A dead letter kept the raw message of the handler's error: a failed SQL statement's message carries its
// parameters (drizzle: "Failed query: …\nparams: …"), which the logger cuts (sanitizeError) but the dead letter —
// kept in Redis until an operator acts, and printed by `npm run events -- dead-letters list` — did not: a phone
// number or an e-mail a handler looked up stayed there.
import { Redis } from 'ioredis';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEventsCli } from '../../../scripts/lib/dead-letters';
import { RedisStreamBus } from '../src/events/redis-bus';
import { DeadLetterStore } from '../src/events/dead-letters';
import { createLogger } from '../src/logger';
import { eventually, testEnv, uniqueName } from '../src/testing';

const PHONE = '+250788123456';
const EMAIL = 'aline.passenger@example.com';
let pool: pg.Pool;
let redis: Redis;
beforeAll(() => {
  pool = new pg.Pool({ connectionString: testEnv.postgresUrl });
  redis = new Redis(testEnv.redisUrl!);
});
afterAll(async () => {
  await pool.end();
  redis.disconnect();
});

describe('dead letters and personal data', () => {
  it('keeps no SQL parameter (a phone number, an e-mail) of the error that dead-lettered an event', async () => {
    const prefix = `test:${uniqueName('dead-letter-pii')}`;
    const logged: string[] = [];
    const logger = createLogger('consumer', { destination: { write: (line: string) => void logged.push(line) } });
    const bus = new RedisStreamBus({
      url: testEnv.redisUrl!,
      logger,
      prefix,
      blockMs: 100,
      claimIdleMs: 1000,
      retryDelayMs: 10,
      maxDeliveries: 1,
      retry: { maxDelayMs: 50, retryForMs: 60_000 },
    });
    const db = drizzle(pool);
    // A handler whose statement fails for a value it looked up (a passenger's contact, as notification does).
    const subscription = bus.subscribe({
      group: 'contacts-consumer',
      types: ['contact.looked_up'],
      handler: async () => {
        await db.execute(sql`select ${PHONE} as phone, ${EMAIL} as email from no_such_table_of_contacts`);
      },
    });
    try {
      const event = {
        id: crypto.randomUUID(),
        type: 'contact.looked_up',
        source: 'test',
        occurredAt: new Date().toISOString(),
        payload: { userId: 'u-1' },
      };
      await bus.publish(event);
      const store = new DeadLetterStore(redis, prefix);
      const [letter] = await eventually(async () => {
        const letters = await store.list('contacts-consumer');
        return letters.length > 0 ? letters : undefined;
      });
      // The log line of the same failure is cut (the logger's err serializer) ... (logged just after the letter is
      // written: waited for, or a busy machine finds the letter first)
      const line = await eventually(() => logged.find((l) => l.includes('event dead-lettered')));
      expect(line).not.toContain(PHONE);
      // ... the dead letter, and the operator's `list`, are not.
      const out: string[] = [];
      await runEventsCli(
        ['dead-letters', 'list', '--group', 'contacts-consumer', '--prefix', prefix],
        testEnv as never,
        {
          out: (t) => out.push(t),
          err: (t) => out.push(t),
        },
      );
      expect(letter!.error).toMatch(/Failed query/);
      expect(letter!.error).not.toContain(PHONE);
      expect(letter!.error).not.toContain(EMAIL);
      expect(out.join('\n')).not.toContain(PHONE);
    } finally {
      await subscription.stop();
      await bus.close();
    }
  });
});
