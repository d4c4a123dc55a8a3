import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig as authConfig, loadServerOptions as authOptions } from '../subgraphs/auth/src/public';
import { loadConfig as companyConfig } from '../subgraphs/company/src/public';
import {
  loadConfig as notificationConfig,
  loadServerOptions as notificationOptions,
} from '../subgraphs/notification/src/public';
import {
  loadConfig as paymentConfig,
  loadServerOptions as paymentOptions,
  providersFromEnv,
} from '../subgraphs/payment/src/public';
import { loadConfig as qrConfig, loadServerOptions as qrOptions } from '../subgraphs/qr/src/public';
import { loadConfig as ticketingConfig } from '../subgraphs/ticketing/src/public';
import { loadConfig as userConfig } from '../subgraphs/user/src/public';
import { loadConfig as routerConfig, subgraphUrlOverrides, urlsCarryingSecrets } from '../router/src/env';
import { loadConfig as simulatorConfig } from '../packages/provider-simulator/src/env';
import { assertProductionSecrets, assertProductionUrls } from '../packages/shared/src/config/env';
import { shutdownTimeoutMs } from '../packages/shared/src/runtime';
import { generatedSecrets } from './support/generated-secrets';

/**
 * There is no Docker engine to run docker-compose.yml here, so this checks that the compose
 * file, supergraph.yaml, the Postgres init script and the env each service parses agree.
 */
const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');

const PORTS = {
  auth: 8001,
  user: 8002,
  company: 8003,
  ticketing: 8004,
  qr: 8005,
  payment: 8006,
  notification: 8007,
} as const;
type Subgraph = keyof typeof PORTS;
const loaders: Record<Subgraph, (env: Record<string, string>) => { PORT: number; DATABASE_URL?: string }> = {
  auth: authConfig,
  user: userConfig,
  company: companyConfig,
  ticketing: ticketingConfig,
  qr: qrConfig,
  payment: paymentConfig,
  notification: notificationConfig,
};

interface ComposeService {
  environment?: Record<string, string>;
  build?: { args?: Record<string, string> };
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  read_only?: boolean;
  tmpfs?: string[];
  stop_grace_period?: string;
}
const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, ComposeService> };
const supergraph = parse(read('supergraph.yaml')) as {
  subgraphs: Record<string, { routing_url: string; schema: { file: string } }>;
};
const initSql = read('docker/postgres/init.sql');

/** Compose interpolation with sample secrets, as `docker compose` would do with a filled .env (plus `dotEnv`). */
function interpolate(env: Record<string, string> = {}, dotEnv: Record<string, string> = {}): Record<string, string> {
  const sample: Record<string, string> = {
    POSTGRES_PASSWORD: 'pw',
    ROUTER_SECRET: 'a-router-secret-of-32-characters!',
    ...dotEnv,
  };
  return Object.fromEntries(
    Object.entries(env).map(([key, value]) => [
      key,
      String(value).replace(
        /\$\{(\w+)(?::?[-?]([^}]*))?\}/g,
        (_, name: string, fallback: string | undefined) =>
          sample[name] ?? (fallback !== undefined && !fallback.startsWith('set ') ? fallback : `sample-${name}`),
      ),
    ]),
  );
}

describe('deployment configuration', () => {
  it('lists the seven subgraphs with the ports of README.md in supergraph.yaml', () => {
    expect(Object.keys(supergraph.subgraphs).sort()).toEqual(Object.keys(PORTS).sort());
    for (const [name, port] of Object.entries(PORTS)) {
      expect(supergraph.subgraphs[name]?.routing_url).toBe(`http://localhost:${port}/graphql`);
      expect(supergraph.subgraphs[name]?.schema.file).toBe(`./subgraphs/${name}/src/schema.graphql`);
    }
  });

  it('creates one database per subgraph in the Postgres init script', () => {
    for (const name of Object.keys(PORTS)) expect(initSql).toContain(`CREATE DATABASE db_${name};`);
  });

  it.each(Object.keys(PORTS) as Subgraph[])(
    'runs %s in compose with its port, its own database and an env it accepts',
    (name) => {
      const service = compose.services[name];
      expect(service?.build?.args?.SERVICE).toBe(name);
      const env = interpolate(service?.environment);
      expect(env.PORT).toBe(String(PORTS[name]));
      expect(new URL(env.DATABASE_URL!).pathname).toBe(`/db_${name}`);
      expect(new URL(env.DATABASE_URL!).host).toBe('postgres:5432');
      expect(env.REDIS_URL).toBe('redis://redis:6379');
      const config = loaders[name](env);
      expect(config.PORT).toBe(PORTS[name]);
      expect(service?.depends_on?.postgres?.condition).toBe('service_healthy');
    },
  );

  it('lets every service drain and close before Docker or Kubernetes kills it', () => {
    // What a service's shutdown may take with the default SHUTDOWN_GRACE_MS (25 s) before it exits on its own.
    const neededS = shutdownTimeoutMs(25_000) / 1000;
    const seconds = (value: string | undefined) => Number(/^(\d+)s$/.exec(value ?? '10s')?.[1]);
    for (const name of [...Object.keys(PORTS), 'router']) {
      expect(seconds(compose.services[name]?.stop_grace_period), name).toBeGreaterThan(neededS);
      const manifest = read(`deploy/k8s/base/${name}.yaml`);
      const terminationS = Number(/terminationGracePeriodSeconds: (\d+)/.exec(manifest)?.[1]);
      const preStopS = Number(/preStop:\s*sleep: \{ seconds: (\d+) \}/.exec(manifest)?.[1] ?? 0);
      expect(preStopS, name).toBeGreaterThan(0);
      expect(terminationS - preStopS, name).toBeGreaterThan(neededS);
    }
  });

  it('gives each subgraph its README.md port by default when run alone', () => {
    for (const [name, port] of Object.entries(PORTS)) expect(loaders[name as Subgraph]({}).PORT).toBe(port);
  });

  it('points the router at every subgraph by its compose name and port, after they are healthy', () => {
    const router = compose.services.router!;
    const env = interpolate(router.environment);
    expect(env.PORT).toBe('8080');
    expect(router.ports).toContain('8080:8080');
    for (const [name, port] of Object.entries(PORTS)) {
      expect(env[`SUBGRAPH_${name.toUpperCase()}_URL`]).toBe(`http://${name}:${port}/graphql`);
      expect(router.depends_on?.[name]?.condition).toBe('service_healthy');
    }
    const config = routerConfig(env);
    expect(config.PORT).toBe(8080);
    expect(config.ROUTER_WORKERS).toBe(1);
    expect(routerConfig({ ...env, ROUTER_WORKERS: '2' }).ROUTER_WORKERS).toBe(2);
    expect(Object.keys(subgraphUrlOverrides(config)).sort()).toEqual(Object.keys(PORTS).sort());
    // Plain http stays on compose's private network, where production allows it.
    expect(() => assertProductionUrls('router', config, urlsCarryingSecrets(config))).not.toThrow();
  });

  it('generates with `npm run keys` secrets that auth, qr and payment accept in production', async () => {
    const env = generatedSecrets();
    expect(Object.keys(env).sort()).toEqual([
      'AUTH_SIGNING_KEYS',
      'METRICS_TOKEN',
      'MOMO_WEBHOOK_SECRET',
      'POSTGRES_PASSWORD',
      'QR_SIGNING_KEYS',
      'ROUTER_SECRET',
    ]);
    const production = { ...env, NODE_ENV: 'production' };
    expect(() => assertProductionSecrets('router', production)).not.toThrow();
    expect((await authOptions(authConfig(production))).signingKeys).toHaveLength(1);
    expect((await qrOptions(qrConfig(production))).signingKeys).toHaveLength(1);
    // Payment also needs real provider credentials, or the simulator chosen explicitly as compose does.
    const payment = { ...production, PAYMENT_SIMULATOR_URL: 'http://provider-simulator:8090' };
    expect((await paymentOptions(paymentConfig(payment))).webhookSecret).toBe(env.MOMO_WEBHOOK_SECRET);
  });

  it('refuses to start payment in production without MOMO_WEBHOOK_SECRET', async () => {
    await expect(paymentOptions(paymentConfig({ NODE_ENV: 'production' }))).rejects.toThrow(
      new Error('MOMO_WEBHOOK_SECRET is required in production'),
    );
  });

  it('sends SMS and e-mail to the provider simulator by default, and reaches passengers with empty NOTIFICATION_SIMULATOR_URL and the credentials filled in', async () => {
    const notification = notificationConfig(interpolate(compose.services.notification!.environment));
    expect([notification.NOTIFICATION_SIMULATOR_URL, notification.SMTP_URL]).toEqual([
      'http://provider-simulator:8090',
      undefined,
    ]);
    const simulated = await notificationOptions(notification);
    expect([simulated.sms?.name, simulated.email?.name, simulated.simulator]).toEqual(['simulator', 'simulator', true]);
    expect((simulated.email as unknown as { config: { url: string } }).config.url).toBe(
      'smtp://provider-simulator:8025',
    );
    const live = {
      ...compose.services.notification!.environment,
      NOTIFICATION_SIMULATOR_URL: '',
      AFRICASTALKING_USERNAME: 'busline',
      AFRICASTALKING_API_KEY: 'key',
      SMTP_URL: 'smtps://u:p@smtp.example.rw:465',
      // Going live, messages must link to the public web client, not the development default.
      NOTIFICATION_WEB_URL: 'https://busline.example.rw',
    };
    const options = await notificationOptions(notificationConfig(interpolate(live)));
    expect([options.sms?.name, options.email?.name, options.simulator]).toEqual(['africastalking', 'smtp', false]);
    // Going live with Africa's Talking but no SMTP_URL: refused, never e-mail to the simulator behind real SMS.
    const { SMTP_URL: _, ...withoutSmtp } = live;
    await expect(notificationOptions(notificationConfig(interpolate(withoutSmtp)))).rejects.toThrow(/set SMTP_URL/);
    const unconfigured = { ...compose.services.notification!.environment, NOTIFICATION_SIMULATOR_URL: '' };
    await expect(notificationOptions(notificationConfig(interpolate(unconfigured)))).rejects.toThrow(
      /notification cannot reach passengers/,
    );
  });

  it('sends payments to the provider simulator only when .env chooses it, and otherwise refuses to start without a provider', async () => {
    const simulator = compose.services['provider-simulator']!;
    expect(simulator.build?.args?.SERVICE).toBe('provider-simulator');
    expect(simulator.ports).toBeUndefined();
    const simulatorEnv = simulatorConfig(interpolate(simulator.environment));
    expect(simulatorEnv.PORT).toBe(8090);
    expect(simulatorEnv.SIMULATOR_AIRTEL_CALLBACK_URL).toBe('http://router:8080/webhooks/airtel');
    // A .env with the secrets of `npm run keys` alone: no money is ever collected, so payment does not start.
    const unconfigured = paymentConfig(interpolate(compose.services.payment!.environment));
    expect(unconfigured.NODE_ENV).toBe('production');
    expect(unconfigured.PAYMENT_SIMULATOR_URL).toBeUndefined();
    expect(() => providersFromEnv(unconfigured)).toThrow(/mtn-momo needs MTN_MOMO_API_USER/);
    await expect(paymentOptions(unconfigured)).rejects.toThrow(/payment cannot take payments/);
    // The operator's explicit choice: the simulator, which calls back through the router.
    const chosen = { PAYMENT_SIMULATOR_URL: 'http://provider-simulator:8090' };
    const payment = paymentConfig(interpolate(compose.services.payment!.environment, chosen));
    expect(payment.PAYMENT_SIMULATOR_URL).toBe('http://provider-simulator:8090');
    expect(payment.PAYMENT_WEBHOOK_URL).toBe('http://router:8080/webhooks/momo');
    expect(payment.AIRTEL_WEBHOOK_URL).toBe('http://router:8080/webhooks/airtel');
    expect(providersFromEnv(payment)?.simulatorUrl).toBe('http://provider-simulator:8090');
  });

  it('gives the router and every subgraph the METRICS_TOKEN of .env, and none when .env has none', () => {
    const metricsToken = 'Zq3-vK9_pL2xR7mN4tY8wB1cD6fG0hJ5';
    for (const name of ['router', ...Object.keys(PORTS)]) {
      const environment = compose.services[name]!.environment;
      expect({ name, token: interpolate(environment, { METRICS_TOKEN: metricsToken }).METRICS_TOKEN }).toEqual({
        name,
        token: metricsToken,
      });
      const config =
        name === 'router'
          ? routerConfig(interpolate(environment))
          : loaders[name as Subgraph](interpolate(environment));
      expect({ name, token: (config as { METRICS_TOKEN?: string }).METRICS_TOKEN }).toEqual({ name, token: undefined });
    }
  });

  it('runs every service of the image on a read-only filesystem with a tmpfs /tmp', () => {
    const ofImage = Object.entries(compose.services).filter(([, service]) => service.build);
    expect(ofImage.map(([name]) => name).sort()).toEqual(
      [...Object.keys(PORTS), 'provider-simulator', 'router'].sort(),
    );
    for (const [name, service] of ofImage)
      expect({ name, readOnly: service.read_only, tmpfs: service.tmpfs }).toEqual({
        name,
        readOnly: true,
        tmpfs: ['/tmp'],
      });
  });

  it('publishes Postgres on host port 5433 of the loopback interface alone and keeps demo passwords out of compose', () => {
    // A published port bypasses the host's firewall: on every interface the database would be public.
    expect(compose.services.postgres?.ports).toEqual(['127.0.0.1:5433:5432']);
    expect(compose.services.redis?.ports).toBeUndefined();
    const raw = read('docker-compose.yml');
    expect(raw).not.toMatch(/demo-2026/i);
    expect(raw).not.toMatch(/^\s*POSTGRES_PASSWORD:\s*[^$\s]/m);
  });
});

/**
 * Whether .dockerignore leaves a path out of the build context: Docker's patterns (`*` within a folder, `**` across
 * folders, `!` re-includes, the last match wins, a matched folder takes its files along).
 */
const GLOB: Record<string, string> = { '**/': '(.*/)?', '**': '.*', '*': '[^/]*', '?': '[^/]' };

function leftOutOfBuildContext(dockerignore: string, path: string): boolean {
  let excluded = false;
  for (const line of dockerignore.split('\n').map((raw) => raw.trim())) {
    if (!line || line.startsWith('#')) continue;
    const negated = line.startsWith('!');
    const pattern = (negated ? line.slice(1) : line).replace(/^\/+|\/+$/g, '');
    const source = pattern
      .split(/(\*\*\/?|\*|\?)/)
      .map((part) => GLOB[part] ?? part.replace(/[.+^${}()|[\]\\]/g, '\\$&'))
      .join('');
    if (new RegExp(`^${source}(/.*)?$`).test(path)) excluded = !negated;
  }
  return excluded;
}

describe('docs/operations.md', () => {
  it('scrapes the router and every subgraph by its compose name in its Prometheus example', () => {
    const example = /```yaml\n(scrape_configs:[\s\S]*?)```/.exec(read('docs/operations.md'))?.[1];
    const config = parse(example ?? '') as { scrape_configs: { static_configs?: { targets: string[] }[] }[] };
    const targets = config.scrape_configs.flatMap((job) => (job.static_configs ?? []).flatMap((s) => s.targets));
    expect(targets.sort()).toEqual(
      ['router:8080', ...Object.entries(PORTS).map(([name, port]) => `${name}:${port}`)].sort(),
    );
  });
});

describe('container image', () => {
  it('keeps the code it runs owned by root, out of reach of the runtime user', () => {
    const dockerfile = read('Dockerfile');
    const runtime = dockerfile.slice(dockerfile.search(/^FROM .* AS runtime$/m));
    expect(/^USER\s+node$/m.test(runtime)).toBe(true);
    expect(runtime.split('\n').filter((line) => /^COPY\b.*--chown/.test(line))).toEqual([]);
  });

  it('leaves the secret files the docs have operators write out of the build context', () => {
    const dockerignore = read('.dockerignore');
    const secrets = [
      '.env',
      '.env.production',
      'deploy/k8s/overlays/example/keys.env',
      'deploy/k8s/overlays/example/datastores.env',
      'deploy/k8s/overlays/example/providers.env',
      'deploy/k8s/overlays/example/notification.env',
      'deploy/k8s/overlays/staging/keys.env',
    ];
    expect(secrets.filter((path) => !leftOutOfBuildContext(dockerignore, path))).toEqual([]);
    const needed = ['.env.example', 'deploy/k8s/overlays/example/keys.env.example', 'scripts/build.ts', 'Dockerfile'];
    expect(needed.filter((path) => leftOutOfBuildContext(dockerignore, path))).toEqual([]);
  });
});
