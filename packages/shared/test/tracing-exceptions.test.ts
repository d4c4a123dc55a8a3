// A span records what its work threw as a log line would tell it: a failed statement without its parameters.
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { traceEventHandler } from '../src/observability/request-tracing';
import { startTracing, type Tracing } from '../src/observability/tracing';
import {
  createTestDatabase,
  eventually,
  startOtlpCollector,
  testEvent,
  type OtlpCollector,
  type TestDatabase,
} from '../src/testing';

let collector: OtlpCollector;
let tracing: Tracing;
let database: TestDatabase;

beforeAll(async () => {
  collector = await startOtlpCollector();
  process.env.OTEL_EXPORTER_OTLP_ENDPOINT = collector.url;
  tracing = startTracing('exceptions')!;
  database = await createTestDatabase('span_exceptions');
  await database.handle.db.execute(
    sql`create table messages (
      event_id text primary key, recipient_phone text not null, recipient_email text, body text not null
    )`,
  );
});
afterAll(async () => {
  await tracing?.shutdown();
  delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  await database?.cleanup();
  await collector?.close();
});

describe('an event handler that fails on a statement', () => {
  it("exports no parameter of the failed statement in its span's exception event", async () => {
    const phone = '+250788555123';
    const email = 'aline.mukamana@example.com';
    const code = '904215';
    const event = testEvent('booking.claim_requested', { phone, email, code });
    // A delivery of the event already applied (a redelivery racing the first): the insert hits the primary key.
    const write = () =>
      database.handle.db.execute(
        sql`insert into messages values (${event.id}, ${phone}, ${email}, ${`Your claim code is ${code}`})`,
      );
    await write();
    const traceId = randomBytes(16).toString('hex');
    const handle = traceEventHandler('notification', async () => {
      await write();
    });
    await expect(
      handle({ ...event, traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` }),
    ).rejects.toThrow(/Failed query/);

    const span = await eventually(async () => {
      await tracing.flush();
      return collector.spans.find((s) => s.traceId === traceId && s.name === 'handle booking.claim_requested');
    }, 10_000);
    const exception = span.events.find((e) => e.name === 'exception');
    // The handler's failure is recorded (what operators need: the statement, the Postgres error)...
    expect(String(exception?.attributes['exception.message'])).toContain('insert into messages');
    // ...but never the values it carried: what sanitizeError keeps out of the logs.
    const exported = JSON.stringify(span);
    expect(exported).not.toContain(phone);
    expect(exported).not.toContain(email);
    expect(exported).not.toContain(code);
  });

  it("exports no value Postgres quotes in its refusal, in any span of the trace (the statement's too)", async () => {
    // Quoted by Postgres as it came: a backslash at its end is not taken for an escaped closing quote.
    const phone = '+250788555321\\';
    const event = testEvent('booking.claim_requested', { phone });
    const traceId = randomBytes(16).toString('hex');
    // A value that is not what the column takes: Postgres's message quotes it (SQLSTATE 22P02).
    const handle = traceEventHandler('notification', async () => {
      await database.handle.db.execute(sql`select ${phone}::uuid`);
    });
    await expect(
      handle({ ...event, traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` }),
    ).rejects.toThrow(/Failed query/);
    const spans = await eventually(async () => {
      await tracing.flush();
      const inTrace = collector.spans.filter((s) => s.traceId === traceId);
      return inTrace.some((s) => s.name.startsWith('pg.query')) ? inTrace : undefined;
    }, 10_000);
    // The statement's span says it failed, and how (the type it could not read), without the value.
    const statement = spans.find((s) => s.name.startsWith('pg.query'))!;
    expect(statement.status).toMatchObject({ code: 2, message: expect.stringContaining('invalid input syntax') });
    expect(JSON.stringify(spans)).not.toContain('250788555321');
  });
});
