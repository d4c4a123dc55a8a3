import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv } from '@busline/shared/testing';
import { holdBooking, passenger, paymentRows, sandboxWith, startPayment, startPaymentSubgraph } from './helpers';
import type { PaymentSubgraph } from './helpers';

/** Longer than the test: a payment left under its check's lease is not checked again while the test runs. */
const SLOW_PROVIDER_READ_MS = 600_000;

describe.skipIf(!testEnv.postgresUrl)('a status check cut by a database outage', () => {
  let subgraph: PaymentSubgraph;
  let admin: pg.Client;
  let database = '';
  /** The first status read cuts the database as it answers (the outage starts while the check is under way). */
  let cut: 'armed' | 'cut' | 'off' = 'off';

  /** Takes this subgraph's database away: no new connection, and the open ones ended (a Postgres restart). */
  async function cutDatabase(): Promise<void> {
    await admin.query(`alter database "${database}" with allow_connections false`);
    await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [database]);
  }

  beforeAll(async () => {
    subgraph = await startPaymentSubgraph({
      provider: sandboxWith((sandbox) => ({
        statusCheckMs: SLOW_PROVIDER_READ_MS,
        getStatus: async (reference, market) => {
          const answer = await sandbox.getStatus(reference, market);
          if (answer.status === 'SUCCESSFUL' && cut === 'armed') {
            cut = 'cut';
            await cutDatabase();
          }
          return answer;
        },
      })),
    });
    database = new URL(subgraph.database.url!).pathname.slice(1);
    admin = new pg.Client({ connectionString: testEnv.postgresUrl });
    await admin.connect();
  });

  afterAll(async () => {
    await admin?.query(`alter database "${database}" with allow_connections true`).catch(() => undefined);
    await admin?.end();
    await subgraph?.stop();
  });

  it('settles the approved payment once the database is back, not when the check lease lapses', async () => {
    const owner = passenger();
    const bookingId = await holdBooking(subgraph, owner);
    cut = 'armed';
    const started = await startPayment(subgraph, owner, { bookingId });
    expect(started.errors).toBeUndefined();
    // The payer approves; the check that reads it loses the database before it can record the success, and before
    // it can write when to look again.
    await expect.poll(() => cut, { timeout: 10_000 }).toBe('cut');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await admin.query(`alter database "${database}" with allow_connections true`);

    await expect
      .poll(async () => (await paymentRows(subgraph, bookingId).catch(() => []))[0]?.status, { timeout: 15_000 })
      .toBe('SUCCEEDED');
    const [payment] = await paymentRows(subgraph, bookingId);
    // Nothing is left under a lease: a settled payment is not checked again.
    expect(payment!.nextCheckAt).toBeNull();
  });
});
