// The one shape of a subgraph (docs/architecture.md, "The shape of a subgraph"), checked in the subgraphs that
// follow it throughout: resolver files by role, resolvers reaching data only through ctx.services, SQL only in
// repositories. The others are listed under "Where the code does not follow the shape yet".
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const SHAPED = ['auth', 'user', 'company', 'ticketing', 'qr', 'payment', 'notification'];
/** What a resolvers/ folder may hold: the map, its parts by root type and entity, and their helpers. */
const RESOLVER_FILES = [
  'index.ts',
  'queries.ts',
  'mutations.ts',
  'subscriptions.ts',
  'types.ts',
  'mappers.ts',
  'access.ts',
];

/** Where statements may be: the repositories, the tables and migrations, and generated code. */
const LAYERS_WITH_SQL = ['repositories', 'db', 'generated'];

const filesOf = (subgraph: string, folder: string) =>
  readdirSync(join(root, 'subgraphs', subgraph, 'src', folder))
    .filter((file) => file.endsWith('.ts'))
    .map((file) => ({ file, text: readFileSync(join(root, 'subgraphs', subgraph, 'src', folder, file), 'utf8') }));

/** Imports that bring values (not only types) from a module whose path matches `from`. */
const valueImports = (text: string, from: RegExp) =>
  [...text.matchAll(/^import\s+(type\s+)?[^;]*?from\s+'([^']+)';/gms)]
    .filter((m) => !m[1] && from.test(m[2]!))
    .map((m) => m[2]);

describe.each(SHAPED)('the %s subgraph', (subgraph) => {
  it('keeps its resolvers in files named by role, assembled by index.ts', () => {
    const files = filesOf(subgraph, 'resolvers').map((f) => f.file);
    expect(files).toContain('index.ts');
    expect(files.filter((file) => !RESOLVER_FILES.includes(file))).toEqual([]);
  });

  it('has resolvers that reach data only through ctx.services (no repositories, loaders or SQL)', () => {
    for (const { file, text } of filesOf(subgraph, 'resolvers')) {
      expect(valueImports(text, /repositories\/|drizzle-orm/), `resolvers/${file}`).toEqual([]);
      expect(text, `resolvers/${file}`).not.toMatch(/new \w+Repository\(|\.load\(|\.prime\(/);
    }
  });

  it('names its service files by use case or by what they share, never by kind of row (no *-service.ts)', () => {
    const files = filesOf(subgraph, 'services').map((f) => f.file);
    expect(files.filter((file) => file.endsWith('-service.ts'))).toEqual([]);
  });

  it('runs SQL only in its repositories', () => {
    for (const { file, text } of filesOf(subgraph, 'services')) {
      expect(valueImports(text, /^drizzle-orm/), `services/${file}`).toEqual([]);
      expect(text, `services/${file}`).not.toMatch(/\.execute\(/);
    }
  });

  it('runs SQL nowhere else either (the folders beside the layers, e.g. provider/, channels/, and src/ itself)', () => {
    const src = join(root, 'subgraphs', subgraph, 'src');
    const beside = readdirSync(src, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !LAYERS_WITH_SQL.includes(entry.name))
      .map((entry) => entry.name);
    for (const folder of ['.', ...beside]) {
      for (const { file, text } of filesOf(subgraph, folder)) {
        expect(valueImports(text, /^drizzle-orm/), `${folder}/${file}`).toEqual([]);
        expect(text, `${folder}/${file}`).not.toMatch(/\.execute\(/);
      }
    }
  });
});
