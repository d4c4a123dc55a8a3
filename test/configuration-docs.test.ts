import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONFIGURATION_DOC, configurationSections, NOT_SETTINGS, renderConfigurationDoc } from '../scripts/config-docs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Every TypeScript file of the repository outside node_modules and build output. */
function sourceFiles(dir = root): string[] {
  return readdirSync(dir).flatMap((entry) => {
    if (['node_modules', 'dist', '.git', '.data', 'test-results', 'coverage'].includes(entry)) return [];
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|mts)$/.test(entry) && !entry.endsWith('.d.ts') ? [path] : [];
  });
}

describe('configuration reference (docs/configuration.md)', () => {
  it('matches what `npm run docs:config` renders from the env schemas', () => {
    expect(readFileSync(CONFIGURATION_DOC, 'utf8'), 'docs/configuration.md is stale: run `npm run docs:config`').toBe(
      renderConfigurationDoc(),
    );
  });

  it('describes every variable', () => {
    const undescribed = configurationSections().flatMap((section) =>
      section.variables.filter((v) => !v.description?.trim()).map((v) => `${section.title}: ${v.name}`),
    );
    expect(undescribed, 'give these a .describe() text in their env schema').toEqual([]);
  });

  it('lists every variable the code reads from process.env', () => {
    const documented = new Set(configurationSections().flatMap((section) => section.variables.map((v) => v.name)));
    const unlisted: string[] = [];
    for (const file of sourceFiles()) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/process\.env(?:\.([A-Z_][A-Z0-9_]*)|\[['"]([A-Z_][A-Z0-9_]*)['"]\])/g)) {
        const name = match[1] ?? match[2]!;
        if (!documented.has(name) && !NOT_SETTINGS.includes(name)) unlisted.push(`${name} (${relative(root, file)})`);
      }
    }
    expect(
      unlisted,
      'add these to an env schema with .describe(), or to OTHER_VARIABLES in scripts/config-docs.ts',
    ).toEqual([]);
  });

  it('bounds every duration in milliseconds below what a Node timer takes (a longer one fires at once)', () => {
    const unbounded = configurationSections()
      .filter((section) => !section.title.startsWith('Tests'))
      .flatMap((section) => section.variables.filter((v) => v.name.endsWith('_MS')))
      .filter((v) => {
        const max = /(\d+)$/.exec(v.accepts.replace(/[^\d–]/g, ''))?.[1];
        return !v.accepts.includes('–') || max === undefined || Number(max) > 2_147_483_647;
      })
      .map((v) => `${v.name} (${v.accepts})`);
    expect(unbounded, 'give these a .max() of at most 2147483647').toEqual([]);
  });

  it('lists each variable once per section', () => {
    const repeated = configurationSections().flatMap((section) => {
      const names = section.variables.map((v) => v.name);
      return names.filter((name, i) => names.indexOf(name) !== i).map((name) => `${section.title}: ${name}`);
    });
    expect(repeated).toEqual([]);
  });

  it('gives every subgraph and the router a section with its port', () => {
    const titles = configurationSections().map((section) => section.title);
    for (const [name, port] of Object.entries({
      auth: 8001,
      user: 8002,
      company: 8003,
      ticketing: 8004,
      qr: 8005,
      payment: 8006,
      notification: 8007,
    })) {
      expect(titles).toContain(`${name} (port ${port})`);
    }
    expect(titles).toContain('Router (port 8080)');
  });
});
