// A statement built once (placeholders for every value) runs on the connection of whoever runs it: a transaction's
// sees the transaction's own writes, the pool's does not, and neither builds it again.
import { sql } from 'drizzle-orm';
import { pgTable, integer, text } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  connectPostgres,
  databaseUrl,
  dropDatabase,
  ensureDatabase,
  reusable,
  type DatabaseHandle,
  type Executor,
} from '../src';
import { testEnv, uniqueName } from '../src/testing';

const serverUrl = testEnv.postgresUrl;
const name = `test_${uniqueName('reusable')}`;
const probe = pgTable('probe', { id: integer('id').primaryKey(), label: text('label').notNull() });

describe.runIf(serverUrl)('statements built once, run on any connection', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    await ensureDatabase(serverUrl!, name);
    handle = connectPostgres(databaseUrl(serverUrl!, name), { poolSize: 2 });
    await handle.db.execute(sql`create table probe (id int primary key, label text not null)`);
    await handle.db.execute(sql`insert into probe values (1, 'kept')`);
  });
  afterAll(async () => {
    await handle?.close();
    await dropDatabase(serverUrl!, name);
  });

  const build = vi.fn((db: Executor) =>
    db
      .select({ label: probe.label })
      .from(probe)
      .where(sql`${probe.id} = any(${sql.placeholder('ids')}::int[])`)
      .orderBy(probe.id)
      .prepare(undefined as unknown as string),
  );
  const labels = (executor: Executor, ids: number[]) => reusable(executor, 'probe_labels', build).execute({ ids });

  it('reads in a transaction what it wrote, outside it only what was committed, and is built once', async () => {
    expect(await labels(handle.db, [1, 2])).toEqual([{ label: 'kept' }]);
    let inside: unknown;
    let outside: unknown;
    await expect(
      handle.db.transaction(async (tx) => {
        await tx.insert(probe).values({ id: 2, label: 'uncommitted' });
        inside = await labels(tx, [1, 2]);
        // Another connection of the pool, while the transaction is open.
        outside = await labels(handle.db, [1, 2]);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect({ inside, outside }).toEqual({
      inside: [{ label: 'kept' }, { label: 'uncommitted' }],
      outside: [{ label: 'kept' }],
    });
    expect(await labels(handle.db, [2])).toEqual([]);
    expect(build).toHaveBeenCalledTimes(1);
  });
});
