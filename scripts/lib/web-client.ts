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
  // Vite builds for NODE_ENV when it is set, whatever the mode: under a test runner (NODE_ENV=test) that would be a
  // development build (React's development runtime, the development-only settings of src/lib/config.ts) that
  // `npm start` would then serve as up to date. The build is always the production one.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ root: webRoot, mode: 'production', logLevel: 'warn' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  return true;
}
