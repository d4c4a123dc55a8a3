import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventually,
  freePort,
  graphqlRequest,
  startOwnPostgres,
  startOwnRedis,
  type OwnServer,
} from '@busline/shared/testing';
import { PlatformDatabases, type Invariants } from './invariants';
import { BookingWorkload } from './workload';

/**
 * The fault suite (`npm run test:faults`, docs/reliability.md): the whole platform in a child process
 * on a Redis (append-only, fsync every second) and a Postgres of its own, five passengers booking in
 * a loop through the router, one fault per test. After each: money without ticket, double-sold
 * seats, stuck holds/payments/refunds, lost events and ghost holds must all be 0.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const PASSENGER = { email: 'passenger@busline.test', password: 'Passenger-demo-2026' };
const FAULT_MS = Number(process.env.FAULT_SECONDS ?? 8) * 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class PlatformProcess {
  private child: ChildProcess | undefined;
  routerUrl = '';

  constructor(private readonly settings: Record<string, unknown>) {}

  async start(seed: boolean): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'faults/platform-process.ts')], {
      cwd: root,
      env: { ...process.env, FAULTS_PLATFORM: JSON.stringify({ ...this.settings, seed }) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    let output = '';
    child.stderr!.on('data', (chunk) => (output = (output + chunk).slice(-4000)));
    // FAULTS_LOG_FILE (with FAULTS_LOG_LEVEL) keeps the platform's log of every start, to read a failure by.
    const logFile = process.env.FAULTS_LOG_FILE;
    if (logFile) child.stdout!.on('data', (chunk: Buffer) => appendFileSync(logFile, chunk));
    this.routerUrl = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`platform not ready after 180 s\n${output}`)), 180_000);
      child.stdout!.on('data', (chunk: Buffer) => {
        const ready = /READY (\S+)/.exec(String(chunk));
        if (ready) {
          clearTimeout(timer);
          resolve(ready[1]!);
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`platform exited (${code}) before it was ready\n${output}`));
      });
    });
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }
}

interface Row extends Invariants {
  fault: string;
  attempts: number;
  confirmed: number;
  refused: number;
  gaveUp: number;
  /** Bookings begun before the fault ended: the last of them confirmed this long after it ended. */
  settledAfterMs: number;
  /** Errors clients saw and retried (code: count). */
  retried: Record<string, number>;
  /** Why bookings were refused (answer: count). */
  refusals: Record<string, number>;
  /** Bookings left without an outcome, for the report of a failure. */
  unfinished: unknown[];
}

const rows: Row[] = [];

describe('booking under faults', () => {
  let redis: OwnServer;
  let postgres: OwnServer;
  let platform: PlatformProcess;
  let simulator: ChildProcess | undefined;
  let databases: PlatformDatabases;
  let dataDir: string;
  let token: string;
  let userId: string;
  let trips: { id: string; seats: string[] }[];
  /** Every booking id any workload was given. */
  const known = new Set<string>();

  beforeAll(async () => {
    [redis, postgres] = await Promise.all([startOwnRedis({ appendonly: true }), startOwnPostgres()]);
    dataDir = mkdtempSync(join(tmpdir(), 'busline-faults-'));
    const names = ['auth', 'user', 'company', 'ticketing', 'qr', 'payment', 'router'];
    const ports = Object.fromEntries(await Promise.all(names.map(async (name) => [name, await freePort()] as const)));
    // The provider simulator in a process of its own: a provider does not forget its requests when
    // Busline crashes.
    const [simulatorPort, simulatorSmtpPort] = [await freePort(), await freePort()];
    simulator = spawn(process.execPath, ['--import', 'tsx', join(root, 'packages/provider-simulator/src/index.ts')], {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(simulatorPort),
        SIMULATOR_SMTP_PORT: String(simulatorSmtpPort),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        SIMULATOR_CALLBACK_DELAY_MS: '500',
      },
      stdio: 'ignore',
    });
    await eventually(
      () =>
        fetch(`http://127.0.0.1:${simulatorPort}/`).then(
          () => true,
          () => false,
        ),
      60_000,
      200,
    );
    platform = new PlatformProcess({
      postgresUrl: postgres.url,
      redisUrl: redis.url,
      dataDir,
      ports,
      routerSecret: 'faults-router-secret-0123456789abcdef',
      supergraphConfigPath: join(root, 'supergraph.yaml'),
      env: {
        PAYMENT_SIMULATOR_URL: `http://127.0.0.1:${simulatorPort}`,
        MAX_HELD_SEATS_PER_TRIP: '1000',
        MAX_HELD_SEATS_PER_TRIP_PER_ADDRESS: '100000',
        MAX_OPEN_BOOKINGS: '1000',
        MAX_HOLDS_PER_HOUR: '1000000',
      },
    });
    await platform.start(true);
    databases = new PlatformDatabases(postgres.url);

    const login = await graphqlRequest<{ login: { accessToken: string } }>(
      `${platform.routerUrl}/graphql`,
      'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
      { e: PASSENGER.email, p: PASSENGER.password },
    );
    token = login.data!.login.accessToken;
    userId = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).sub as string;
    const tripRows = await databases.query<{ id: string; seats: string[] }>(
      'ticketing',
      `select t.id, array_agg(s.label) as seats from ticketing.trips t join ticketing.trip_seats s on s.trip_id = t.id
       where t.status = 'SCHEDULED' and t.departure_at > now() + interval '3 hours' group by t.id order by t.departure_at limit 40`,
    );
    trips = tripRows;
    expect(trips.length).toBeGreaterThan(10);
  }, 300_000);

  afterAll(async () => {
    if (rows.length > 0) {
      const header =
        '| fault | bookings | CONFIRMED with QR | refused (seat taken) | money without ticket | double-sold | stuck | lost events | ghost holds | in flight settled after | errors clients retried |';
      const lines = rows.map(
        (r) =>
          `| ${r.fault} | ${r.attempts} | ${r.confirmed} | ${r.refused} | ${r.moneyWithoutTicket} | ${r.doubleSold} | ${r.stuck} | ${r.lostEvents} | ${r.ghostHolds} | ${(r.settledAfterMs / 1000).toFixed(1)} s | ${
            Object.entries(r.retried)
              .map(([code, n]) => `${code} ${n}`)
              .join(', ') || 'none'
          } |`,
      );
      console.log([header, `|${'---|'.repeat(11)}`, ...lines].join('\n'));
    }
    await platform?.kill('SIGTERM');
    simulator?.kill('SIGTERM');
    await databases?.close();
    await Promise.all([redis?.destroy(), postgres?.destroy()]);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  /** Books through `fault`, lets everything settle, and checks the invariants. */
  async function underFault(name: string, fault: () => Promise<void>): Promise<Row> {
    const workload = new BookingWorkload(`${platform.routerUrl}/graphql`, token, trips);
    workload.start();
    await sleep(4000);
    await fault();
    const faultEnded = Date.now();
    await sleep(8000);
    await workload.stop();
    // Everything in flight settles: events published, payments decided.
    const settleBy = Date.now() + 90_000;
    while (Date.now() < settleBy) {
      const pending = await databases.query<{ n: string }>(
        'payment',
        `select count(*) as n from payment.payments where status = 'PENDING'`,
      );
      if ((await databases.unpublished()) === 0 && Number(pending[0]!.n) === 0) break;
      await sleep(500);
    }
    for (const id of workload.knownBookings()) known.add(id);
    const invariants = await databases.check({ userId, knownBookings: known, pendingPaymentMs: 0 });
    const records = workload.records;
    const retried: Record<string, number> = {};
    for (const record of records)
      for (const [code, n] of Object.entries(record.retried)) retried[code] = (retried[code] ?? 0) + n;
    const refusals: Record<string, number> = {};
    for (const record of records)
      if (record.refusedWith) refusals[record.refusedWith] = (refusals[record.refusedWith] ?? 0) + 1;
    const inFlight = records.filter((r) => r.startedAt < faultEnded && r.confirmedAt);
    const row: Row = {
      fault: name,
      attempts: records.length,
      confirmed: records.filter((r) => r.outcome === 'CONFIRMED').length,
      refused: records.filter((r) => r.outcome === 'REFUSED').length,
      gaveUp: records.filter((r) => r.outcome === 'GAVE_UP' || r.outcome === 'UNCONFIRMED').length,
      settledAfterMs: Math.max(0, ...inFlight.map((r) => r.confirmedAt! - faultEnded)),
      retried,
      refusals,
      unfinished: records
        .filter((r) => r.outcome !== 'CONFIRMED' && r.outcome !== 'REFUSED')
        .map((r) => ({ ...r, startedAt: new Date(r.startedAt).toISOString() })),
      ...invariants,
    };
    rows.push(row);
    return row;
  }

  function expectSafe(row: Row): void {
    if (process.env.FAULTS_VERBOSE) console.log(JSON.stringify(row, null, 2));
    expect(
      {
        moneyWithoutTicket: row.moneyWithoutTicket,
        doubleSold: row.doubleSold,
        stuck: row.stuck,
        lostEvents: row.lostEvents,
        ghostHolds: row.ghostHolds,
      },
      JSON.stringify(row.details),
    ).toEqual({
      moneyWithoutTicket: 0,
      doubleSold: 0,
      stuck: 0,
      lostEvents: 0,
      ghostHolds: 0,
    });
    // Honest answers: a dependency that is away is UNAVAILABLE (retryable), never a masked internal error.
    expect(row.retried.INTERNAL_SERVER_ERROR ?? 0).toBe(0);
    // Every booking the passengers were given was confirmed or refused: none was left hanging.
    expect(row.gaveUp).toBe(0);
    expect(row.confirmed).toBeGreaterThan(0);
  }

  it('keeps every invariant while Redis is paused', { timeout: 240_000 }, async () => {
    const row = await underFault(`Redis paused ${FAULT_MS / 1000} s`, async () => {
      redis.pause();
      await sleep(FAULT_MS);
      redis.resume();
    });
    expectSafe(row);
  });

  it(
    'keeps every invariant while Redis is killed and restarted from its append-only file',
    { timeout: 240_000 },
    async () => {
      const row = await underFault(`Redis killed, down ${FAULT_MS / 1000} s, AOF restart`, async () => {
        await redis.kill();
        await sleep(FAULT_MS);
        await redis.start();
      });
      expectSafe(row);
    },
  );

  it(
    'keeps every invariant while Postgres is killed and restarts with crash recovery',
    { timeout: 240_000 },
    async () => {
      const row = await underFault(`Postgres killed, down ${FAULT_MS / 1000} s, restart`, async () => {
        await postgres.kill();
        await sleep(FAULT_MS);
        await postgres.start();
      });
      expectSafe(row);
    },
  );

  it(
    'keeps every invariant when the whole platform process is SIGKILLed and restarted',
    { timeout: 300_000 },
    async () => {
      const row = await underFault('platform SIGKILL, restart', async () => {
        await platform.kill('SIGKILL');
        await platform.start(false);
      });
      expectSafe(row);
    },
  );

  it('keeps every invariant when Redis is replaced by an empty one', { timeout: 240_000 }, async () => {
    const row = await underFault('Redis replaced by an empty one', async () => {
      await redis.kill();
      rmSync(join(redis.dir, 'appendonlydir'), { recursive: true, force: true });
      await redis.start();
    });
    expectSafe(row);
  });
});
