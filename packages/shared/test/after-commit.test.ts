import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Outbox } from '../src/events/outbox';
import { TransactionRunner } from '../src/events/unit-of-work';
import { testLogger, type TestDatabase } from '../src/testing';
import { createFixtureDatabase } from './fixtures/setup';
import { applied, outbox as outboxTable } from './fixtures/schema';

let database: TestDatabase;
beforeAll(async () => {
  database = await createFixtureDatabase('after_commit');
});
afterAll(() => database.cleanup());

const runner = (waitMs?: number) =>
  new TransactionRunner(database.handle.db, new Outbox(outboxTable, 'fixture'), undefined, testLogger(), waitMs);
const stored = async (eventId: string) =>
  (await database.handle.db.select().from(applied).where(eq(applied.eventId, eventId))).length;

describe('after-commit steps', () => {
  it('are finished before the caller is answered when they are quick', async () => {
    const steps: string[] = [];
    await runner().run(async ({ tx, afterCommit }) => {
      await tx.insert(applied).values({ eventId: randomUUID(), note: 'quick' });
      afterCommit(async () => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        steps.push('live update published');
      });
    });
    expect(steps).toEqual(['live update published']);
  });

  // Without the bound the step below would hold the answer for ever (the test would time out).
  it('do not hold the answer of a committed change past their wait when one hangs (a paused Redis)', async () => {
    const eventId = randomUUID();
    const result = await runner(300).run(async ({ tx, afterCommit }) => {
      await tx.insert(applied).values({ eventId, note: 'held' });
      afterCommit(() => new Promise(() => undefined));
      return 'held';
    });
    expect(result).toBe('held');
    expect(await stored(eventId)).toBe(1);
  });

  it('never turn a committed change into a failure when they throw', async () => {
    const eventId = randomUUID();
    const result = await runner().run(async ({ tx, afterCommit }) => {
      await tx.insert(applied).values({ eventId, note: 'kept' });
      afterCommit(() => {
        throw new Error('publish failed');
      });
      return 'kept';
    });
    expect([result, await stored(eventId)]).toEqual(['kept', 1]);
  });
});
