/**
 * `npm start`: the whole platform in one process. Embedded by default (PGlite under .data/,
 * in-memory events); with POSTGRES_URL and REDIS_URL it runs on real Postgres and Redis.
 * Demo data is seeded on first start (SEED=false skips it).
 */
import { fileURLToPath } from 'node:url';
import { booleanString, createLogger, parseEnv, stopOnSignals, z } from '@busline/shared';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDistDir, serveWebClient, type WebClientServer } from '../clients/web/serve';
import { startPlatform, type Platform } from './lib/platform';
import { seedDemoData } from './lib/seed';

const root = fileURLToPath(new URL('..', import.meta.url));
const config = parseEnv(
  'platform',
  z.object({
    POSTGRES_URL: z.string().url().optional(),
    REDIS_URL: z.string().url().optional(),
    DATA_DIR: z.string().default(`${root}.data`),
    HOST: z.string().default('127.0.0.1'),
    LOG_LEVEL: z.string().default('info'),
    LOG_PRETTY: booleanString.optional(),
    SEED: booleanString.default(true),
    ROUTER_SECRET: z.string().min(16).optional(),
  }),
);
const logger = createLogger('busline', { level: config.LOG_LEVEL, pretty: config.LOG_PRETTY ?? Boolean(process.stdout.isTTY) });
const started = performance.now();
let platform: Platform | undefined;
let web: WebClientServer | undefined;
const stopAll = async () => {
  await web?.close();
  await platform?.stop();
};
try {
  platform = await startPlatform({
    logger,
    postgresUrl: config.POSTGRES_URL,
    redisUrl: config.REDIS_URL,
    dataDir: config.DATA_DIR,
    host: config.HOST,
    routerSecret: config.ROUTER_SECRET,
    supergraphConfigPath: `${root}supergraph.yaml`,
  });
  // From here Ctrl-C closes everything (the embedded database above all) whatever is under way.
  stopOnSignals(logger, stopAll);
  // First start: build the web client once (later starts serve the existing build).
  if (!existsSync(join(defaultDistDir, 'index.html'))) {
    logger.info('building the web client (first start only)');
    const { build } = await import('vite');
    await build({ root: `${root}clients/web`, mode: 'production', logLevel: 'warn' });
  }
  web = await serveWebClient({ port: 5173, host: config.HOST });
  if (config.SEED) {
    await seedDemoData({ auth: platform.subgraphs.get('auth')!.deps, company: platform.subgraphs.get('company')!.deps }, logger);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const lines = [
    '',
    `  Busline is running (${platform.mode} mode, ready in ${seconds} s)`,
    '',
    `  Web client           ${web.url}${web.built ? '' : '  (build it first: npm run web:build)'}`,
    `  GraphQL + GraphiQL   ${platform.routerUrl}/graphql`,
    `  Apollo Sandbox       https://studio.apollographql.com/sandbox/explorer?endpoint=${encodeURIComponent(`${platform.routerUrl}/graphql`)}`,
    `  Health / readiness   ${platform.routerUrl}/healthz  ${platform.routerUrl}/readyz`,
    ...[...platform.subgraphs].map(([name, s]) => `  ${name.padEnd(20)} ${s.url}/graphql`),
    '',
    '  Demo accounts: admin@busline.test / Admin-demo-2026, ops@volcano.busline.test / Company-demo-2026,',
    '                 driver@volcano.busline.test / Driver-demo-2026, passenger@busline.test / Passenger-demo-2026',
    '  Ctrl-C stops everything.',
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
} catch (error) {
  logger.fatal({ err: error }, 'Busline failed to start');
  await stopAll().catch(() => undefined);
  process.exit(1);
}
