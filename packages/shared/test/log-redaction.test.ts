import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger';
import { createTestDatabase, testEnv, uniqueName, type TestDatabase } from '../src/testing';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase('log_redaction');
  await database.handle.db.execute(sql`create table people (email text primary key, phone text not null)`);
  await database.handle.db.execute(sql`insert into people values ('grace@example.com', '+250788123456')`);
});
afterAll(() => database.cleanup());

/** A logger writing into an array of lines. */
function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger('test', { destination }), text: () => lines.join('') };
}

describe('log lines', () => {
  it('keep a failed statement but not its parameters, nor the values Postgres repeats', async () => {
    const { logger, text } = capture();
    const error = await database.handle.db
      .execute(sql`insert into people values (${'grace@example.com'}, ${'+250788999000'})`)
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(Error);
    logger.error({ err: error }, 'unexpected error (masked)');
    const line = text();
    expect(line).toContain('insert into people values ($1, $2)');
    expect(line).not.toContain('+250788999000');
    expect(line).not.toContain('grace@example.com');
  });

  it("keep a refused value's error but not the value Postgres quotes in its message", async () => {
    const { logger, text } = capture();
    // What a client's id that is not one, or a date that is not one, becomes (class 22: data exceptions).
    for (const statement of [
      sql`select ${'+250788555000'}::uuid`,
      sql`select ${'grace@example.com'}::timestamptz`,
      sql`select ${'2507885550001234'}::integer`,
      // Postgres quotes a value as it came: a closing quote or backslash in it is not escaped.
      sql`select ${'+250788555111\\'}::uuid`,
      sql`select ${'a" +250788555222 "b'}::uuid`,
    ]) {
      const error = await database.handle.db.execute(statement).then(
        () => undefined,
        (e: unknown) => e,
      );
      logger.error({ err: error }, 'value refused');
    }
    const line = text();
    expect(line).toContain('invalid input syntax for type uuid');
    expect(line).toContain('out of range for type integer');
    expect(line).not.toContain('+250788555000');
    expect(line).not.toContain('grace@example.com');
    expect(line).not.toContain('2507885550001234');
    expect(line).not.toContain('250788555111');
    expect(line).not.toContain('250788555222');
  });

  it('redact credentials and personal fields wherever a caller puts them', () => {
    const { logger, text } = capture();
    logger.info(
      {
        password: 'hunter2',
        token: 'qr.jws.token',
        phone: '+250788123456',
        input: { phone: '+250788123456', refreshToken: 'r-1', accessToken: 'a-1' },
        variables: { p: 'x' },
      },
      'something happened',
    );
    const entry = JSON.parse(text()) as Record<string, unknown>;
    expect(entry).toMatchObject({
      password: '[redacted]',
      token: '[redacted]',
      phone: '[redacted]',
      variables: '[redacted]',
      input: { phone: '[redacted]', refreshToken: '[redacted]', accessToken: '[redacted]' },
    });
    expect(text()).not.toMatch(/hunter2|250788123456|qr\.jws|r-1|a-1/);
  });

  it.runIf(testEnv.redisUrl)("keep a Redis command's name but not its arguments (a whole event, a code)", async () => {
    const { logger, text } = capture();
    const redis = new Redis(testEnv.redisUrl!);
    const key = uniqueName('log-redaction');
    try {
      await redis.set(key, 'a string, not a stream');
      const event = JSON.stringify({ type: 'booking.claim_requested', phone: '+250788123456', code: '904215' });
      // ioredis puts the command and its arguments on the error: here the event that could not be published.
      const error = await redis.xadd(key, '*', 'event', event).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect((error as { command?: { args?: unknown[] } }).command?.args).toContain(event);
      logger.warn({ err: error }, 'outbox relay could not publish');
      expect(text()).toContain('xadd');
      expect(text()).toContain('WRONGTYPE');
      expect(text()).not.toMatch(/904215|250788123456/);
    } finally {
      await redis.del(key);
      redis.disconnect();
    }
  });
});
