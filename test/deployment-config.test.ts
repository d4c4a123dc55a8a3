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
import { loadConfig as routerConfig, subgraphUrlOverrides } from '../router/src/env';
import { loadConfig as simulatorConfig } from '../packages/provider-simulator/src/env';
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
}
const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, ComposeService> };
const supergraph = parse(read('supergraph.yaml')) as {
  subgraphs: Record<string, { routing_url: string; schema: { file: string } }>;
};
const initSql = read('docker/postgres/init.sql');

/** Compose interpolation with sample secrets, as `docker compose` would do with a filled .env. */
function interpolate(env: Record<string, string> = {}): Record<string, string> {
  const sample: Record<string, string> = {
    POSTGRES_PASSWORD: 'pw',
    ROUTER_SECRET: 'a-router-secret-of-32-characters!',
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
  });

  it('generates with `npm run keys` secrets that auth, qr and payment accept in production', async () => {
    const env = generatedSecrets();
    expect(Object.keys(env).sort()).toEqual([
      'AUTH_SIGNING_KEYS',
      'MOMO_WEBHOOK_SECRET',
      'POSTGRES_PASSWORD',
      'QR_SIGNING_KEYS',
      'ROUTER_SECRET',
    ]);
    const production = { ...env, NODE_ENV: 'production' };
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
      'smtp://provider-simulator:8025',
    ]);
    expect((await notificationOptions(notification)).simulator).toBe(true);
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
    const unconfigured = { ...compose.services.notification!.environment, NOTIFICATION_SIMULATOR_URL: '' };
    await expect(notificationOptions(notificationConfig(interpolate(unconfigured)))).rejects.toThrow(
      /notification cannot reach passengers/,
    );
  });

  it('sends payments to the provider simulator by default, which calls back through the router, and goes live with empty PAYMENT_SIMULATOR_URL', () => {
    const simulator = compose.services['provider-simulator']!;
    expect(simulator.build?.args?.SERVICE).toBe('provider-simulator');
    expect(simulator.ports).toBeUndefined();
    const simulatorEnv = simulatorConfig(interpolate(simulator.environment));
    expect(simulatorEnv.PORT).toBe(8090);
    expect(simulatorEnv.SIMULATOR_AIRTEL_CALLBACK_URL).toBe('http://router:8080/webhooks/airtel');
    const payment = paymentConfig(interpolate(compose.services.payment!.environment));
    expect(payment.PAYMENT_SIMULATOR_URL).toBe('http://provider-simulator:8090');
    expect(payment.PAYMENT_WEBHOOK_URL).toBe('http://router:8080/webhooks/momo');
    expect(payment.AIRTEL_WEBHOOK_URL).toBe('http://router:8080/webhooks/airtel');
    expect(providersFromEnv(payment)?.simulatorUrl).toBe('http://provider-simulator:8090');
    // Going live: the simulator set empty and nothing else filled in is refused, naming what is missing.
    const live = {
      ...compose.services.payment!.environment,
      PAYMENT_SIMULATOR_URL: '',
      MTN_MOMO_API_USER: '',
      MTN_MOMO_API_KEY: '',
      MTN_MOMO_SUBSCRIPTION_KEY: '',
      MTN_MOMO_DISBURSEMENT_API_USER: '',
      MTN_MOMO_DISBURSEMENT_API_KEY: '',
      MTN_MOMO_DISBURSEMENT_SUBSCRIPTION_KEY: '',
      AIRTEL_MONEY_CLIENT_ID: '',
      AIRTEL_MONEY_CLIENT_SECRET: '',
      AIRTEL_MONEY_CALLBACK_SECRET: '',
    };
    expect(() => providersFromEnv(paymentConfig(interpolate(live)))).toThrow(/mtn-momo needs MTN_MOMO_API_USER/);
  });

  it('publishes Postgres on host port 5433 and keeps demo passwords out of compose', () => {
    expect(compose.services.postgres?.ports).toEqual(['5433:5432']);
    const raw = read('docker-compose.yml');
    expect(raw).not.toMatch(/demo-2026/i);
    expect(raw).not.toMatch(/^\s*POSTGRES_PASSWORD:\s*[^$\s]/m);
  });
});
