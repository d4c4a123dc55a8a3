import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testEnv, type TestDatabase } from '@busline/shared/testing';

/**
 * The migration step of the Kubernetes manifests runs `node service/migrate.js` in a subgraph's image.
 * This builds that file with the very command of the Dockerfile and runs it against a fresh database.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const SERVICE = 'ticketing';
const outDir = `dist/k8s-migrate-test-${randomBytes(4).toString('hex')}`;

/** The Dockerfile's command that bundles scripts/migrate.ts, aimed at a folder of this test. */
function dockerfileMigrateBuild(): string {
  const line = readFileSync(join(root, 'Dockerfile'), 'utf8')
    .split('\n')
    .find((l) => l.startsWith('RUN ') && l.includes('scripts/migrate.ts'));
  if (!line) throw new Error('the Dockerfile has no RUN step that bundles scripts/migrate.ts');
  const command = /\) (npx esbuild .+?);; esac$/.exec(line)?.[1];
  if (!command) throw new Error(`unexpected form of the migrate step: ${line}`);
  return command.replaceAll('"dist/${SERVICE}/', `"${outDir}/`).replaceAll('${SERVICE}', SERVICE);
}

function runMigrate(env: Record<string, string>) {
  return spawnSync(process.execPath, ['--enable-source-maps', join(root, outDir, 'migrate.js')], {
    cwd: root,
    encoding: 'utf8',
    env: { PATH: process.env.PATH!, SERVICE, MIGRATIONS_DIR: join(root, 'drizzle'), ...env },
  });
}

async function query<Row>(text: string, values: unknown[] = []): Promise<Row[]> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as Row[];
  } finally {
    await client.end();
  }
}

let database: TestDatabase;

describe.skipIf(!testEnv.postgresUrl)("the images' migration step (node service/migrate.js)", () => {
  beforeAll(async () => {
    execFileSync('sh', ['-c', dockerfileMigrateBuild()], { cwd: root, stdio: 'pipe' });
    database = await createTestDatabase('k8s_migrate');
  }, 120_000);

  afterAll(async () => {
    rmSync(join(root, outDir), { recursive: true, force: true });
    await database?.cleanup();
  });

  it('imports only Node built-ins and production dependencies of the shared kit (what the image installs)', () => {
    const bundle = readFileSync(join(root, outDir, 'migrate.js'), 'utf8');
    const dependencies = Object.keys(
      (
        JSON.parse(readFileSync(join(root, 'packages/shared/package.json'), 'utf8')) as {
          dependencies: Record<string, string>;
        }
      ).dependencies,
    );
    const imported = [...bundle.matchAll(/(?:from|import)\s*["']([^"'./][^"']*)["']/g)].map((m) => m[1]!);
    const packageOf = (specifier: string) =>
      specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
    const foreign = imported.filter(
      (s) => !s.startsWith('node:') && !builtinModules.includes(s) && !dependencies.includes(packageOf(s)),
    );
    expect(imported.length).toBeGreaterThan(0);
    expect(foreign).toEqual([]);
  });

  it("applies the subgraph's migrations to its database and exits 0", async () => {
    const result = runMigrate({ DATABASE_URL: database.url! });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout.trim().split('\n').at(-1)!)).toMatchObject({
      name: `${SERVICE}-migrate`,
      msg: 'migrations applied (schema current)',
    });
    const tables = await query<{ table_name: string }>(
      'select table_name from information_schema.tables where table_schema = $1',
      [SERVICE],
    );
    expect(tables.map((row) => row.table_name)).toEqual(
      expect.arrayContaining(['bookings', 'tickets', 'outbox', '__drizzle_migrations']),
    );
  });

  it('finds nothing to do the second time (every pod of a rollout runs it)', async () => {
    const count = async () =>
      (await query<{ n: number }>(`select count(*)::int as n from "${SERVICE}"."__drizzle_migrations"`))[0]!.n;
    const before = await count();
    expect(runMigrate({ DATABASE_URL: database.url! }).status).toBe(0);
    expect(await count()).toBe(before);
  });

  it('fails with the reason when the database cannot be reached, so the pod stays in Init:Error', () => {
    const url = new URL(database.url!);
    url.pathname = `/missing_${randomBytes(4).toString('hex')}`;
    const result = runMigrate({ DATABASE_URL: url.toString() });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/does not exist/);
  });

  it('refuses to run without a database URL, naming the variable', () => {
    const result = runMigrate({});
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('DATABASE_URL');
  });

  it('refuses in production, before connecting, a clear-text URL to a public host, as the subgraph does', () => {
    // The subgraph in the same pod would refuse it: the step must not send that host the password first.
    const result = runMigrate({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://busline:the-password@db.example.com:5432/db_ticketing',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('DATABASE_URL: must ask for TLS');
    // A private host (the cluster's network) is taken as the subgraph takes it.
    const privateHost = new URL(database.url!);
    expect(runMigrate({ NODE_ENV: 'production', DATABASE_URL: privateHost.toString() }).status).toBe(0);
  });
});
