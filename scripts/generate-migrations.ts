/**
 * Generates drizzle-kit migrations for every subgraph (drizzle/<name>/) and makes schema
 * creation idempotent: the migrator creates the subgraph's schema first (its migrations
 * table lives there), so the generated `CREATE SCHEMA "x"` must tolerate it.
 *
 *   npm run db:generate            all subgraphs
 *   npm run db:generate -- ticketing
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const SUBGRAPHS = ['auth', 'user', 'company', 'ticketing', 'qr', 'payment', 'notification'];

interface Target {
  config: string;
  out: string;
}

const targets: Target[] = SUBGRAPHS.map((name) => ({
  config: join('subgraphs', name, 'drizzle.config.ts'),
  out: join('drizzle', name),
}));
targets.push({
  config: 'packages/shared/test/fixtures/drizzle.config.ts',
  out: 'packages/shared/test/fixtures/migrations',
});

const only = process.argv.slice(2);

export function makeSchemaCreationIdempotent(sql: string): string {
  return sql.replace(/CREATE SCHEMA "([^"]+)";/g, 'CREATE SCHEMA IF NOT EXISTS "$1";');
}

for (const target of targets) {
  if (only.length > 0 && !only.some((name) => target.config.includes(`/${name}/`))) continue;
  if (!existsSync(join(root, target.config))) continue;
  execFileSync('npx', ['drizzle-kit', 'generate', '--config', target.config], { cwd: root, stdio: 'inherit' });
  const outDir = join(root, target.out);
  for (const file of readdirSync(outDir).filter((f) => f.endsWith('.sql'))) {
    const path = join(outDir, file);
    const sql = readFileSync(path, 'utf8');
    const fixed = makeSchemaCreationIdempotent(sql);
    if (fixed !== sql) writeFileSync(path, fixed);
  }
}
