import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { describe, expect, it } from 'vitest';
import { assertProductionSecrets } from '@busline/shared';
import { kustomizeKeysEnv } from '../deploy/k8s/keys-env';
import { loadConfig as routerConfig } from '../router/src/env';
import { FORWARDED } from '../router/src/public-routes';
import { configurationSections } from '../scripts/config-docs';
import { schema as migrateEnv } from '../scripts/migrate';
import { JWKS_PATH, loadConfig as authConfig, loadServerOptions as authOptions } from '../subgraphs/auth/src/public';
import { loadConfig as companyConfig } from '../subgraphs/company/src/public';
import {
  loadConfig as notificationConfig,
  loadServerOptions as notificationOptions,
} from '../subgraphs/notification/src/public';
import { loadConfig as paymentConfig, loadServerOptions as paymentOptions } from '../subgraphs/payment/src/public';
import { loadConfig as qrConfig, loadServerOptions as qrOptions } from '../subgraphs/qr/src/public';
import { loadConfig as ticketingConfig } from '../subgraphs/ticketing/src/public';
import { loadConfig as userConfig } from '../subgraphs/user/src/public';
import { containersOf, kustomize, type Container, type K8sObject } from './support/kustomize';

/**
 * There is no cluster or kustomize binary here: this renders deploy/k8s (base and the example
 * overlay) with the subset of kustomize it uses, validates every object against the Kubernetes API
 * schemas (kubernetes-models), and checks that the manifests agree with the services: ports, env
 * names and values each service accepts in production, probes, migrations, scaling, network access.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const overlay = join(root, 'deploy', 'k8s', 'overlays', 'example');

const PORTS = {
  router: 8080,
  auth: 8001,
  user: 8002,
  company: 8003,
  ticketing: 8004,
  qr: 8005,
  payment: 8006,
  notification: 8007,
} as const;
type ServiceName = keyof typeof PORTS;
const SERVICES = Object.keys(PORTS) as ServiceName[];
const SUBGRAPHS = SERVICES.filter((name) => name !== 'router');

// The Secrets' files stay out of git: keys.env from `npm run keys` through keys-env.ts (as the overlay
// says to make it), the others from their committed examples, with the operator's own Airtel callback key in
// providers.env (production refuses the example's, which is published).
const keysOutput = execFileSync('npx', ['tsx', 'scripts/keys.ts'], { cwd: root, encoding: 'utf8' });
const operatorsAirtelKey = randomBytes(32).toString('base64url');
const objects = kustomize(overlay, (path) => {
  if (path === join(overlay, 'keys.env')) return kustomizeKeysEnv(keysOutput);
  if (path === join(overlay, 'providers.env'))
    return readFileSync(`${path}.example`, 'utf8').replace(
      /^AIRTEL_MONEY_CALLBACK_SECRET=.*$/m,
      `AIRTEL_MONEY_CALLBACK_SECRET=${operatorsAirtelKey}`,
    );
  if (path.startsWith(overlay) && path.endsWith('.env')) return readFileSync(`${path}.example`, 'utf8');
  return readFileSync(path, 'utf8');
});
const base = kustomize(join(root, 'deploy', 'k8s', 'base'));

const ofKind = (kind: string, from = objects) => from.filter((o) => o.kind === kind);
function get(kind: string, name: string, from = objects): K8sObject {
  const found = from.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind}/${name} in the rendered manifests`);
  return found;
}

interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  terminationGracePeriodSeconds?: number;
  automountServiceAccountToken?: boolean;
  securityContext?: { runAsNonRoot?: boolean; seccompProfile?: { type: string } };
}
interface DeploymentSpec {
  replicas?: number;
  selector: { matchLabels: Record<string, string> };
  template: { metadata: { labels: Record<string, string>; annotations?: Record<string, string> }; spec: PodSpec };
}
const deployment = (name: ServiceName, from = objects) => get('Deployment', name, from).spec as DeploymentSpec;
const mainContainer = (name: ServiceName, from = objects) =>
  deployment(name, from).template.spec.containers.find((c) => c.name === name)!;

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    secretKeyRef?: { name: string; key: string; optional?: boolean };
    configMapKeyRef?: { name: string; key: string; optional?: boolean };
  };
}
interface EnvFrom {
  configMapRef?: { name: string };
  secretRef?: { name: string };
}

function dataOf(kind: 'Secret' | 'ConfigMap', name: string): Record<string, string> {
  const data = (get(kind, name).data ?? {}) as Record<string, string>;
  return kind === 'Secret'
    ? Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]))
    : data;
}

/** The environment a container starts with, every reference resolved against the rendered objects. */
function environmentOf(container: Container): Record<string, string> {
  const env: Record<string, string> = {};
  for (const source of (container.envFrom ?? []) as EnvFrom[]) {
    if (source.configMapRef) Object.assign(env, dataOf('ConfigMap', source.configMapRef.name));
    if (source.secretRef) Object.assign(env, dataOf('Secret', source.secretRef.name));
  }
  for (const variable of (container.env ?? []) as EnvVar[]) {
    if (variable.value !== undefined) {
      env[variable.name] = variable.value;
      continue;
    }
    const ref = variable.valueFrom?.secretKeyRef ?? variable.valueFrom?.configMapKeyRef;
    const kind = variable.valueFrom?.secretKeyRef ? 'Secret' : 'ConfigMap';
    if (!ref) throw new Error(`${container.name}: ${variable.name} has neither a value nor a reference`);
    const value = dataOf(kind, ref.name)[ref.key];
    if (value === undefined && !ref.optional)
      throw new Error(
        `${container.name}: ${variable.name} refers to ${kind} ${ref.name} key ${ref.key}, which is not there`,
      );
    if (value !== undefined) env[variable.name] = value;
  }
  return env;
}

/** The variables docs/configuration.md lists for a service (its env schema, plus what it reads directly). */
function documentedNames(name: ServiceName): Set<string> {
  const sections = configurationSections();
  const titles =
    name === 'router'
      ? ['Router (port 8080)', 'Read directly by the router']
      : ['Every subgraph', `${name} (port ${PORTS[name]})`];
  return new Set(sections.filter((s) => titles.includes(s.title)).flatMap((s) => s.variables.map((v) => v.name)));
}

const loaders: Record<
  Exclude<ServiceName, 'router'>,
  (env: Record<string, string>) => {
    PORT: number;
    NODE_ENV: string;
    DATABASE_URL?: string;
    REDIS_URL?: string;
    ROUTER_SECRET?: string;
  }
> = {
  auth: authConfig,
  user: userConfig,
  company: companyConfig,
  ticketing: ticketingConfig,
  qr: qrConfig,
  payment: paymentConfig,
  notification: notificationConfig,
};

const MODELS: Record<string, { new (data: never): { validate(): void } }> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'v1/Namespace': Namespace,
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'networking.k8s.io/v1/Ingress': Ingress,
};

describe('Kubernetes manifests (deploy/k8s)', () => {
  it('render the router and the seven subgraphs, each with a Deployment, a Service and a PodDisruptionBudget', () => {
    for (const kind of ['Deployment', 'Service', 'PodDisruptionBudget']) {
      expect(
        ofKind(kind)
          .map((o) => o.metadata.name)
          .sort(),
        kind,
      ).toEqual([...SERVICES].sort());
    }
    expect(
      ofKind('Deployment', base)
        .map((o) => o.metadata.name)
        .sort(),
    ).toEqual([...SERVICES].sort());
  });

  it('validate against the Kubernetes API schemas, base and overlay', () => {
    const problems: string[] = [];
    for (const object of [...base, ...objects]) {
      const Model = MODELS[`${object.apiVersion}/${object.kind}`];
      if (!Model) {
        problems.push(`${object.apiVersion} ${object.kind} ${object.metadata.name}: no schema registered in this test`);
        continue;
      }
      try {
        new Model(object as never).validate();
      } catch (error) {
        problems.push(`${object.kind} ${object.metadata.name}: ${(error as Error).message}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('put every object of the overlay in its namespace, which enforces the restricted Pod Security Standard', () => {
    const namespace = get('Namespace', 'busline');
    expect(namespace.metadata.labels?.['pod-security.kubernetes.io/enforce']).toBe('restricted');
    expect(
      objects
        .filter((o) => o.kind !== 'Namespace' && o.metadata.namespace !== 'busline')
        .map((o) => `${o.kind}/${o.metadata.name}`),
    ).toEqual([]);
  });

  it.each(SERVICES)(
    'run %s from its image: busline/<name> in the base, the registry and tag of the overlay',
    (name) => {
      for (const container of containersOf(get('Deployment', name, base)))
        expect(container.image).toBe(`busline/${name}`);
      for (const container of containersOf(get('Deployment', name)))
        expect(container.image).toBe(`registry.example.com/busline/${name}:0.1.0`);
    },
  );

  it.each(SERVICES)('listen for %s on its port, named http, behind a Service of the same port', (name) => {
    const container = mainContainer(name);
    expect(container.ports).toEqual([{ name: 'http', containerPort: PORTS[name], protocol: 'TCP' }]);
    const service = get('Service', name).spec as {
      selector: Record<string, string>;
      ports: { name: string; port: number; targetPort: string }[];
    };
    expect(service.ports).toEqual([{ name: 'http', port: PORTS[name], targetPort: 'http', protocol: 'TCP' }]);
    const podLabels = deployment(name).template.metadata.labels;
    for (const [key, value] of Object.entries(service.selector)) expect(podLabels[key]).toBe(value);
    expect(deployment(name).selector.matchLabels).toEqual(service.selector);
  });

  it.each(SERVICES)('probe %s: /readyz for readiness, /healthz for liveness and start-up, on its port', (name) => {
    const container = mainContainer(name) as Container &
      Record<
        'readinessProbe' | 'livenessProbe' | 'startupProbe',
        { httpGet: { path: string; port: string }; timeoutSeconds?: number }
      >;
    expect(container.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
    expect(container.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(container.startupProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
    // The router's /readyz asks every subgraph's, waiting up to 3.5 s for each (docs/operations.md).
    if (name === 'router') expect(container.readinessProbe.timeoutSeconds).toBeGreaterThan(3.5);
  });

  it.each(SERVICES)(
    'start %s with an environment its env schema accepts in production, every name documented',
    (name) => {
      const env = environmentOf(mainContainer(name));
      const documented = documentedNames(name);
      expect(
        Object.keys(env).filter((key) => !documented.has(key)),
        'not in docs/configuration.md for this service',
      ).toEqual([]);
      expect(env.NODE_ENV).toBe('production');
      const config = name === 'router' ? routerConfig(env) : loaders[name](env);
      expect(config.PORT).toBe(PORTS[name]);
      expect(config.REDIS_URL).toMatch(/^redis:\/\//);
      expect(() => assertProductionSecrets(name, config)).not.toThrow();
      if (name !== 'router')
        expect(new URL((config as { DATABASE_URL: string }).DATABASE_URL).pathname).toBe(`/db_${name}`);
    },
  );

  it('give auth, qr and payment the keys they refuse to start without in production', async () => {
    const env = (name: ServiceName) => environmentOf(mainContainer(name));
    expect((await authOptions(authConfig(env('auth')))).signingKeys).toHaveLength(1);
    expect((await qrOptions(qrConfig(env('qr')))).signingKeys).toHaveLength(1);
    const payment = await paymentOptions(paymentConfig(env('payment')));
    expect(payment.webhookSecret).toBe(environmentOf(mainContainer('payment')).MOMO_WEBHOOK_SECRET);
    expect(payment.webhookUrl).toBe('https://tickets.example.rw/webhooks/momo');
    // Only the service that signs with a key gets it.
    for (const name of SERVICES) {
      const names = Object.keys(env(name));
      expect(names.includes('AUTH_SIGNING_KEYS'), name).toBe(name === 'auth');
      expect(names.includes('QR_SIGNING_KEYS'), name).toBe(name === 'qr');
      expect(names.includes('MOMO_WEBHOOK_SECRET'), name).toBe(name === 'payment');
    }
  });

  it("give notification Africa's Talking and an SMTP server, which it refuses to start without in production", async () => {
    const env = environmentOf(mainContainer('notification'));
    const options = await notificationOptions(notificationConfig(env));
    expect([options.sms?.name, options.email?.name, options.simulator]).toEqual(['africastalking', 'smtp', false]);
    expect(options.webUrl).toBe('https://tickets.example.rw');
    const { SMTP_URL: _, ...withoutSmtp } = env;
    await expect(notificationOptions(notificationConfig(withoutSmtp))).rejects.toThrow(/set SMTP_URL/);
  });

  it('turn the output of `npm run keys` into the env file kustomize reads, quotes removed', () => {
    const keys = dataOf('Secret', 'busline-keys');
    expect(Object.keys(keys).sort()).toEqual([
      'AUTH_SIGNING_KEYS',
      'METRICS_TOKEN',
      'MOMO_WEBHOOK_SECRET',
      'QR_SIGNING_KEYS',
      'ROUTER_SECRET',
    ]);
    expect(JSON.parse(keys.AUTH_SIGNING_KEYS!)).toHaveLength(1);
    expect(keys.METRICS_TOKEN!.length).toBeGreaterThanOrEqual(32);
    expect(() => kustomizeKeysEnv('POSTGRES_PASSWORD=x\n')).toThrow(
      'ROUTER_SECRET, MOMO_WEBHOOK_SECRET, AUTH_SIGNING_KEYS, QR_SIGNING_KEYS missing',
    );
  });

  it.each(SUBGRAPHS)(
    'migrate %s in an init container of the same image, on the same database, before it starts',
    (name) => {
      const spec = deployment(name).template.spec;
      expect(spec.initContainers?.map((c) => c.name)).toEqual(['migrate']);
      const migrate = spec.initContainers![0]!;
      expect(migrate.image).toBe(mainContainer(name).image);
      expect(migrate.command).toEqual(['node', '--enable-source-maps', 'service/migrate.js']);
      const env = environmentOf(migrate);
      expect(Object.keys(env).filter((key) => !(key in migrateEnv.shape) && !documentedNames(name).has(key))).toEqual(
        [],
      );
      expect(env.DATABASE_URL).toBe(environmentOf(mainContainer(name)).DATABASE_URL);
      expect(migrateEnv.parse(env).DATABASE_URL).toBe(env.DATABASE_URL);
    },
  );

  it("point the router at every subgraph and auth's key set through their Services", () => {
    const env = environmentOf(mainContainer('router'));
    for (const name of SUBGRAPHS) {
      const url = new URL(env[`SUBGRAPH_${name.toUpperCase()}_URL`]!);
      expect(url.hostname).toBe(name);
      expect(Number(url.port)).toBe(PORTS[name]);
      expect(url.pathname).toBe('/graphql');
    }
    for (const name of SERVICES) {
      const jwks = new URL(environmentOf(mainContainer(name)).AUTH_JWKS_URL!);
      expect(`${jwks.hostname}:${jwks.port}${jwks.pathname}`).toBe(`auth:${PORTS.auth}${JWKS_PATH}`);
    }
    expect(routerConfig(env).TRUST_PROXY).toBe(1);
  });

  it('scale the router and ticketing with HorizontalPodAutoscalers and run two or more of every other service', () => {
    const scaled = ofKind('HorizontalPodAutoscaler').map(
      (o) => o.spec as { scaleTargetRef: { kind: string; name: string }; minReplicas: number; maxReplicas: number },
    );
    expect(scaled.map((s) => `${s.scaleTargetRef.kind}/${s.scaleTargetRef.name}`).sort()).toEqual([
      'Deployment/router',
      'Deployment/ticketing',
    ]);
    for (const hpa of scaled) {
      expect(hpa.minReplicas).toBeGreaterThanOrEqual(2);
      expect(hpa.maxReplicas).toBeGreaterThan(hpa.minReplicas);
      // A replicas field would reset the autoscaler's choice on every apply.
      expect(deployment(hpa.scaleTargetRef.name as ServiceName).replicas).toBeUndefined();
    }
    for (const name of ['auth', 'user', 'company', 'qr', 'payment', 'notification'] as const)
      expect(deployment(name).replicas).toBeGreaterThanOrEqual(2);
  });

  it.each(SERVICES)('let a drain take one %s pod at a time', (name) => {
    const budget = get('PodDisruptionBudget', name).spec as {
      maxUnavailable: number;
      selector: { matchLabels: Record<string, string> };
    };
    expect(budget.maxUnavailable).toBe(1);
    expect(budget.selector.matchLabels).toEqual(deployment(name).selector.matchLabels);
  });

  it.each(SERVICES)('give a stopping %s pod time for its preStop pause and the shutdown grace', (name) => {
    const spec = deployment(name).template.spec;
    const preStopSeconds = (mainContainer(name).lifecycle as { preStop: { sleep: { seconds: number } } }).preStop.sleep
      .seconds;
    const env = environmentOf(mainContainer(name));
    const config = (name === 'router' ? routerConfig(env) : loaders[name](env)) as { SHUTDOWN_GRACE_MS?: number };
    expect(spec.terminationGracePeriodSeconds! * 1000).toBeGreaterThanOrEqual(
      preStopSeconds * 1000 + (config.SHUTDOWN_GRACE_MS ?? 25_000) + 5000,
    );
  });

  it.each(SERVICES)("ask a metrics scraper to read %s's /metrics on its own port", (name) => {
    expect(deployment(name).template.metadata.annotations).toMatchObject({
      'prometheus.io/scrape': 'true',
      'prometheus.io/port': String(PORTS[name]),
      'prometheus.io/path': '/metrics',
    });
    expect(Object.keys(environmentOf(mainContainer(name)))).toContain('METRICS_TOKEN');
  });

  it.each(SERVICES)('request CPU and memory for every %s container, limit its memory, run it unprivileged', (name) => {
    const spec = deployment(name).template.spec;
    expect(spec.automountServiceAccountToken).toBe(false);
    expect(spec.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    for (const container of containersOf(get('Deployment', name))) {
      expect(container.resources, container.name).toMatchObject({
        requests: { cpu: expect.any(String), memory: expect.any(String) },
        limits: { memory: expect.any(String) },
      });
      expect(container.securityContext, container.name).toEqual({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
      });
    }
  });

  it("let only the router and the metrics scraper reach a subgraph, and the other subgraphs auth's key set", () => {
    type Selector = {
      matchLabels?: Record<string, string>;
      matchExpressions?: { key: string; operator: string; values: string[] }[];
    };
    type Peer = { podSelector?: Selector; namespaceSelector?: Selector };
    type Policy = {
      podSelector: Selector;
      policyTypes: string[];
      ingress: { from?: Peer[]; ports?: { port: string }[] }[];
    };
    const matches = (selector: Selector, labels: Record<string, string>) =>
      Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v) &&
      (selector.matchExpressions ?? []).every((e) => e.operator === 'In' && e.values.includes(labels[e.key] ?? ''));
    const describePeer = (peer: Peer) => {
      const labels = (s?: Selector) =>
        Object.entries(s?.matchLabels ?? {})
          .map(([k, v]) => `${k}=${v}`)
          .join(',');
      if (peer.namespaceSelector && peer.podSelector)
        return `pods ${labels(peer.podSelector)} in namespaces ${labels(peer.namespaceSelector) || 'any'}`;
      if (peer.namespaceSelector) return `namespace ${labels(peer.namespaceSelector)}`;
      return `pods ${labels(peer.podSelector)}`;
    };
    const policies = ofKind('NetworkPolicy').map((o) => o.spec as Policy);
    const router = 'pods app.kubernetes.io/name=router';
    const scraper = 'pods busline.io/metrics-scraper=true in namespaces any';
    for (const name of SUBGRAPHS) {
      const labels = deployment(name).template.metadata.labels;
      const selecting = policies.filter((p) => matches(p.podSelector, labels));
      expect(
        selecting.length,
        `${name} must be selected by a policy, else it takes connections from anywhere`,
      ).toBeGreaterThan(0);
      const rules = selecting.flatMap((p) => (p.policyTypes.includes('Ingress') ? p.ingress : []));
      expect(
        rules.every((rule) => (rule.from?.length ?? 0) > 0),
        `${name}: a rule without "from" admits everyone`,
      ).toBe(true);
      expect(
        rules.every((rule) => rule.ports?.length === 1 && rule.ports[0]!.port === 'http'),
        `${name}: only its http port`,
      ).toBe(true);
      const expected = [router, scraper];
      if (name === 'auth') expected.push('pods app.kubernetes.io/component=subgraph');
      expect([...new Set(rules.flatMap((rule) => rule.from!.map(describePeer)))].sort(), name).toEqual(expected.sort());
    }
  });

  it('expose through the ingress the API and the routes the router forwards (payment callbacks, QR keys), nothing else', () => {
    const spec = get('Ingress', 'busline').spec as {
      tls?: { hosts: string[] }[];
      rules: {
        host: string;
        http: {
          paths: { path: string; pathType: string; backend: { service: { name: string; port: { name: string } } } }[];
        };
      }[];
    };
    expect(spec.rules).toHaveLength(1);
    expect(spec.rules[0]!.host).toBe('tickets.example.rw');
    expect(spec.tls?.[0]?.hosts).toEqual(['tickets.example.rw']);
    const routes = Object.fromEntries(
      spec.rules[0]!.http.paths.map((p) => [
        p.path,
        `${p.pathType} ${p.backend.service.name}:${p.backend.service.port.name}`,
      ]),
    );
    const forwarded = [...new Set(FORWARDED.map((route) => route.path))];
    expect(forwarded).toEqual(
      expect.arrayContaining(['/webhooks/momo', '/webhooks/airtel', '/.well-known/qr-keys.json']),
    );
    expect(routes).toEqual(Object.fromEntries(['/graphql', ...forwarded].map((path) => [path, 'Exact router:http'])));
    const payment = environmentOf(mainContainer('payment'));
    expect(payment.PAYMENT_WEBHOOK_URL).toBe('https://tickets.example.rw/webhooks/momo');
    expect(payment.AIRTEL_WEBHOOK_URL).toBe('https://tickets.example.rw/webhooks/airtel');
  });
});
