import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const read = (path: string) => readFileSync(`${root}${path}`, 'utf8');

/** The package.json of each workspace (patterns `dir/*` or a folder). */
function workspaceManifests(patterns: string[]): string[] {
  const folders = patterns.flatMap((pattern) =>
    pattern.endsWith('/*')
      ? readdirSync(`${root}${pattern.slice(0, -2)}`).map((name) => `${pattern.slice(0, -1)}${name}`)
      : [pattern],
  );
  return folders.map((folder) => `${folder}/package.json`).filter((path) => existsSync(`${root}${path}`));
}

describe('license', () => {
  it('ships the Apache License 2.0 text as LICENSE', () => {
    const text = read('LICENSE');
    expect(text).toContain('Apache License');
    expect(text).toContain('Version 2.0, January 2004');
    expect(text).toContain('END OF TERMS AND CONDITIONS');
  });

  it('states Apache-2.0 in the root package.json and in every workspace package', () => {
    const workspaces = (JSON.parse(read('package.json')) as { workspaces: string[] }).workspaces;
    const manifests = ['package.json', ...workspaceManifests(workspaces)];
    expect(manifests.length).toBeGreaterThan(8);
    const licenses = Object.fromEntries(
      manifests.map((path) => [path, (JSON.parse(read(path)) as { license?: string }).license]),
    );
    expect(Object.entries(licenses).filter(([, license]) => license !== 'Apache-2.0')).toEqual([]);
  });
});
