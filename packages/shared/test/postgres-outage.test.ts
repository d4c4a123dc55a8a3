import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectPostgres,
  databaseUrl,
  dropDatabase,
  ensureDatabase,
  sql,
  type DatabaseHandle,
} from '../src/db/database';
import { unavailableDependency } from '../src/errors';
import { TcpProxy, testEnv, uniqueName } from '../src/testing';

/** A pool of one connection to Postgres through a proxy the test cuts, as when the database restarts. */
if (!testEnv.postgresUrl)
  console.warn(
    'Skipping the outage tests: they need real Postgres (set POSTGRES_URL), reached through a proxy they cut.',
  );
describe.skipIf(!testEnv.postgresUrl)('a Postgres pool whose connections are cut', () => {
  const server = new URL(testEnv.postgresUrl ?? 'postgres://localhost:5432/postgres');
  const proxy = new TcpProxy(server.hostname, Number(server.port || 5432));
  const name = `test_${uniqueName('outage')}`;
  let handle: DatabaseHandle;

  beforeAll(async () => {
    await ensureDatabase(testEnv.postgresUrl!, name);
    const proxied = new URL(databaseUrl(testEnv.postgresUrl!, name));
    proxied.port = String(await proxy.start());
    handle = connectPostgres(proxied.toString(), { poolSize: 1 });
  });
  afterAll(async () => {
    await handle?.close();
    await proxy.stop();
    await dropDatabase(testEnv.postgresUrl!, name);
  });

  /** Opens a transaction that holds the pool's one connection until `finish` is called. */
  async function openTransaction() {
    let finish!: () => void;
    const waiting = new Promise<void>((resolve) => (finish = resolve));
    let started!: () => void;
    const begun = new Promise<void>((resolve) => (started = resolve));
    const done = handle.db.transaction(async (tx) => {
      await tx.execute(sql`select 1`);
      started();
      await waiting;
      await tx.execute(sql`select 2`);
    });
    done.catch(() => undefined);
    await begun;
    return { done, finish };
  }

  it('fails an open transaction with an error of the database, without crashing the process', async () => {
    const transaction = await openTransaction();
    await proxy.stop();
    transaction.finish();
    const error = await transaction.done.then(
      () => undefined,
      (e: unknown) => e,
    );
    await proxy.start();
    expect(unavailableDependency(error)).toBe('database');
  });

  it('gives the connection of a transaction that never ends back to the pool when it breaks', async () => {
    // Like drizzle when BEGIN fails on a cut connection: the holder never releases the client.
    await openTransaction();
    await proxy.stop();
    await proxy.start();
    expect(await handle.db.execute(sql`select 42 as answer`)).toMatchObject({ rows: [{ answer: 42 }] });
  });
});
