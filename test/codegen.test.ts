import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Generated files are committed (resolvers and clients import them), so they must be exactly what
 * `npm run codegen` would write from today's schemas and documents. The generator runs in memory
 * (nothing is written) in a child process: inside vitest, codegen.ts's supergraph composition would
 * meet a second copy of graphql (ESM next to the CJS one @apollo/composition requires).
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const GENERATE = `
  import { generate } from '@graphql-codegen/cli';
  const { default: config } = await import('./codegen.ts');
  const files = await generate({ ...config, cwd: process.cwd(), silent: true }, false);
  process.stdout.write(JSON.stringify({ targets: Object.keys(config.generates), files }));
`;
const run = JSON.parse(
  execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', GENERATE], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 256 << 20,
  }),
) as { targets: string[]; files: { filename: string; content: string }[] };
const outputs = run.files.map((file) => ({
  path: relative(root, resolve(root, file.filename)),
  content: file.content,
}));

describe('npm run codegen', () => {
  it('generates something for every target named in codegen.ts', () => {
    for (const target of run.targets) {
      expect(
        outputs.some((o) => o.path === target || o.path.startsWith(target)),
        `${target} generated nothing`,
      ).toBe(true);
    }
  });

  it.each(outputs.map((o) => [o.path, o.content] as const))('leaves %s unchanged', (path, content) => {
    const file = resolve(root, path);
    expect(existsSync(file), `${path} is missing: run \`npm run codegen\``).toBe(true);
    expect(
      readFileSync(file, 'utf8') === content,
      `${path} is stale: run \`npm run codegen\` and commit the result`,
    ).toBe(true);
  });

  it('leaves no files that codegen no longer writes in generated folders', () => {
    for (const folder of run.targets.filter((t) => t.endsWith('/'))) {
      const expected = outputs.filter((o) => o.path.startsWith(folder)).map((o) => relative(folder, o.path));
      const present = readdirSync(resolve(root, folder), { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => relative(resolve(root, folder), resolve(entry.parentPath, entry.name)));
      expect(present.sort(), `${folder} has files codegen no longer writes`).toEqual(expected.sort());
    }
  });
});
