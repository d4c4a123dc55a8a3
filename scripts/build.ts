/**
 * Bundles one service for its production image: `dist/<service>/index.js` (our code, the
 * shared kit included; npm packages stay external and come from node_modules) plus the
 * schema file the server reads next to it.
 *
 * A bundle resolves every package from the app's root node_modules, wherever in the repository the code importing
 * it lives: a package two workspaces need in different majors must be at the root in the version our code was
 * written for. The root package.json names those (the OpenTelemetry SDK's 2.x, which the shared kit uses;
 * @apollo/gateway keeps its 1.x nested under it). test/bundles.test.ts runs every bundle.
 *
 *   npx tsx scripts/build.ts <auth|user|company|ticketing|qr|payment|notification|router|provider-simulator>
 */
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';

const SERVICES = [
  'auth',
  'user',
  'company',
  'ticketing',
  'qr',
  'payment',
  'notification',
  'router',
  'provider-simulator',
];
const root = new URL('..', import.meta.url).pathname;

/** npm packages are installed in the image; only workspace packages (@busline/*) are bundled. */
const externalNpmPackages: Plugin = {
  name: 'external-npm-packages',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('@busline/')) return undefined;
      return { path: args.path, external: true };
    });
  },
};

export async function buildService(service: string): Promise<string> {
  if (!SERVICES.includes(service)) throw new Error(`Unknown service "${service}"; one of ${SERVICES.join(', ')}`);
  const sourceDir =
    service === 'router'
      ? join(root, 'router')
      : service === 'provider-simulator'
        ? join(root, 'packages', service)
        : join(root, 'subgraphs', service);
  const outDir = join(root, 'dist', service);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: [join(sourceDir, 'src', 'index.ts')],
    outfile: join(outDir, 'index.js'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    sourcemap: true,
    plugins: [externalNpmPackages],
    logLevel: 'warning',
  });
  const schema = join(sourceDir, 'src', 'schema.graphql');
  if (existsSync(schema)) copyFileSync(schema, join(outDir, 'schema.graphql'));
  return outDir;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const service = process.argv[2];
  if (!service) {
    console.error(`usage: tsx scripts/build.ts <${SERVICES.join('|')}>`);
    process.exit(2);
  }
  buildService(service).then(
    (out) => console.log(`built ${service} → ${out}`),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
