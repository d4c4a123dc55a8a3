/**
 * `npm start`: the whole platform in one process. Embedded by default (PGlite under .data/,
 * in-memory events); with POSTGRES_URL and REDIS_URL it runs on real Postgres and Redis.
 * Demo data is seeded on first start (SEED=false skips it; production never seeds it).
 */
import { fileURLToPath } from 'node:url';
import { assertRedisKeepsKeys, createLogger, startTracing, stopOnSignals } from '@busline/shared';
import { serveWebClient, type WebClientServer } from '../clients/web/serve';
import { routerTuning } from '../router/src/settings';
import { startPlatform, type Platform } from './lib/platform';
import { seedDemoData } from './lib/seed';
import { buildWebClient } from './lib/web-client';
import { loadStartConfig, type StartConfig } from './lib/start-config';

const root = fileURLToPath(new URL('..', import.meta.url));
const SHUTDOWN_TIMEOUT_MS = 30_000;
let config: StartConfig;
try {
  config = loadStartConfig();
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
const { seed } = config;
const logger = createLogger('busline', {
  level: config.LOG_LEVEL,
  pretty: config.LOG_PRETTY ?? Boolean(process.stdout.isTTY),
});
try {
  await assertRedisKeepsKeys('platform', { NODE_ENV: config.NODE_ENV, REDIS_URL: config.REDIS_URL }, logger);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
const started = performance.now();
let platform: Platform | undefined;
let web: WebClientServer | undefined;
// Off unless OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_TRACES_EXPORTER) is set; each service names its own spans.
const tracing = startTracing('busline');
let starting: Promise<Platform> | undefined;
let stopped: Promise<void> | undefined;
const stopAll = () =>
  (stopped ??= (async () => {
    await web?.close();
    // A signal while the platform starts: it finishes opening (the embedded databases), then closes.
    await (platform ?? (await starting?.catch(() => undefined)))?.stop();
    await tracing?.shutdown();
    logger.info('Busline stopped');
  })());
/** A signal came while starting: the rest of the start is skipped; the signal's handler ends the process. */
const unlessStopping = () => (stopped ? new Promise<never>(() => undefined) : Promise.resolve());
// From here Ctrl-C or SIGTERM closes everything (the embedded database above all) whatever is under way; a stop
// that hangs ends the process after SHUTDOWN_TIMEOUT_MS, a second signal at once.
stopOnSignals(logger, stopAll, { timeoutMs: SHUTDOWN_TIMEOUT_MS });
try {
  platform = await (starting = startPlatform({
    logger,
    postgresUrl: config.POSTGRES_URL,
    redisUrl: config.REDIS_URL,
    databasePoolSize: config.DATABASE_POOL_SIZE,
    dataDir: config.DATA_DIR,
    host: config.HOST,
    routerSecret: config.routerSecret,
    introspection: config.introspection,
    routerTuning: routerTuning(config),
    supergraphConfigPath: `${root}supergraph.yaml`,
  }));
  await unlessStopping();
  // Builds on first start and after the client's sources changed; otherwise serves the existing build.
  await buildWebClient((message) => logger.info(message));
  web = await serveWebClient({ port: 5173, host: config.HOST, demoAccounts: seed });
  await unlessStopping();
  if (seed) {
    await seedDemoData(
      { auth: platform.subgraphs.get('auth')!.deps, company: platform.subgraphs.get('company')!.deps },
      logger,
    );
  }
  await unlessStopping();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const lines = [
    '',
    `  Busline is running (${platform.mode} mode, ready in ${seconds} s)`,
    '',
    `  Web client           ${web.url}${web.built ? '' : '  (build it first: npm run web:build)'}`,
    `  GraphQL + GraphiQL   ${platform.routerUrl}/graphql`,
    `  Apollo Sandbox       https://studio.apollographql.com/sandbox/explorer?endpoint=${encodeURIComponent(`${platform.routerUrl}/graphql`)}`,
    `  Health / readiness   ${platform.routerUrl}/healthz  ${platform.routerUrl}/readyz`,
    ...[...platform.subgraphs].map(([name, s]) => `  ${name.padEnd(20)} ${s.url}/graphql  (router only)`),
    ...(platform.simulator
      ? [`  Payment providers    simulator at ${platform.simulator.url} (MTN MoMo + Airtel Money; no money moves)`]
      : []),
    ...(platform.simulator && !process.env.AFRICASTALKING_API_KEY && !process.env.NOTIFICATION_SIMULATOR_URL
      ? [
          `  SMS and e-mail       simulator: ${platform.simulator.url}/simulator/sms and /simulator/mail (SMTP ${platform.simulator.smtpUrl}; nobody is texted)`,
        ]
      : []),
    '',
    ...(seed
      ? [
          '  Demo accounts: admin@busline.test / Admin-demo-2026, ops@volcano.busline.test / Company-demo-2026,',
          '                 driver@volcano.busline.test / Driver-demo-2026, agent@busline.test / Agent-demo-2026 (counter),',
          '                 passenger@busline.test / Passenger-demo-2026',
        ]
      : []),
    '  Ctrl-C (or SIGTERM) stops everything.',
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
} catch (error) {
  // Unless a signal stopped the platform while it was starting: that signal's handler ends the process.
  if (!stopped) {
    logger.fatal({ err: error }, 'Busline failed to start');
    await stopAll().catch(() => undefined);
    process.exit(1);
  }
}
