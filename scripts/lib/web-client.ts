/**
 * The built web client in clients/web/dist, built when it is missing or older than its sources:
 * `npm start` calls it before serving the client, the browser tests' global setup before they run.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultDistDir } from '../../clients/web/serve';

const webRoot = fileURLToPath(new URL('../../clients/web/', import.meta.url));
/** What the build reads (a folder's own mtime also changes when a file in it is added or removed). */
const SOURCES = ['src', 'public', 'index.html', 'vite.config.ts', 'tsconfig.json', 'package.json'];

function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newestChange(join(path, entry))));
}

/** True when dist has an index.html written after the last change to any source. */
export function webClientUpToDate(): boolean {
  const index = join(defaultDistDir, 'index.html');
  if (!existsSync(index)) return false;
  const builtAt = statSync(index).mtimeMs;
  return SOURCES.every((source) => newestChange(join(webRoot, source)) <= builtAt);
}

/** Builds the client unless dist is up to date; resolves with whether it built. */
export async function buildWebClient(log: (message: string) => void = () => undefined): Promise<boolean> {
  if (webClientUpToDate()) return false;
  log('building the web client (dist is missing or older than its sources)');
  const { build } = await import('vite');
  await build({ root: webRoot, mode: 'production', logLevel: 'warn' });
  return true;
}
