/**
 * `npm run docs:config`: writes docs/configuration.md, every environment variable of every Busline
 * program, from the env schemas the programs parse at start-up (zod: name, default, accepted values,
 * `.describe()` text). A test fails when the committed file differs from what this renders, and when
 * a variable has no description or is read outside a schema without being listed in OTHER_VARIABLES.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { subgraphEnv, z } from '../packages/shared/src/config/env';
import { retryEnv } from '../packages/shared/src/events/retry-policy';
import { schema as simulatorEnv } from '../packages/provider-simulator/src/env';
import { schema as routerEnv } from '../router/src/env';
import { envSchema as authEnv } from '../subgraphs/auth/src/public';
import { envSchema as companyEnv } from '../subgraphs/company/src/public';
import { envSchema as notificationEnv } from '../subgraphs/notification/src/public';
import { envSchema as paymentEnv } from '../subgraphs/payment/src/public';
import { envSchema as qrEnv } from '../subgraphs/qr/src/public';
import { envSchema as ticketingEnv } from '../subgraphs/ticketing/src/public';
import { envSchema as userEnv } from '../subgraphs/user/src/public';
import { schema as startEnv } from './lib/start-config';
import { schema as migrateEnv } from './migrate';
import { schema as platformAdminEnv } from './platform-admin';

const root = fileURLToPath(new URL('..', import.meta.url));
export const CONFIGURATION_DOC = `${root}docs/configuration.md`;

export interface EnvVariable {
  name: string;
  /** Rendered default, or undefined when the variable has none (unset means off/absent). */
  default?: string;
  accepts: string;
  description?: string;
}

export interface EnvSection {
  title: string;
  intro: string;
  variables: EnvVariable[];
}

type Schema = z.ZodObject<z.ZodRawShape>;

interface JsonSchemaProperty {
  type?: string;
  format?: string;
  enum?: string[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  description?: string;
}

const BOOLEAN_WORDS = ['true', 'false', '1', '0', 'yes', 'no'];

function accepts(property: JsonSchemaProperty): string {
  if (property.enum) {
    return [...property.enum].sort().join() === [...BOOLEAN_WORDS].sort().join()
      ? 'true/false (1/0, yes/no)'
      : property.enum.map((v) => `\`${v}\``).join(', ');
  }
  if (property.type === 'integer' || property.type === 'number') {
    const kind = property.type === 'integer' ? 'integer' : 'number';
    const low =
      property.exclusiveMinimum !== undefined
        ? `> ${property.exclusiveMinimum}`
        : property.minimum !== undefined
          ? `${property.minimum}`
          : undefined;
    const high =
      property.maximum !== undefined && property.maximum < Number.MAX_SAFE_INTEGER ? property.maximum : undefined;
    if (low !== undefined && high !== undefined && !low.startsWith('>')) return `${kind} ${low}–${high}`;
    if (low !== undefined && high !== undefined) return `${kind} ${low}, ≤ ${high}`;
    if (low !== undefined) return `${kind} ${low.startsWith('>') ? low : `≥ ${low}`}`;
    return kind;
  }
  if (property.format === 'uri') return 'URL';
  if (property.minLength === 1) return 'non-empty string';
  if (property.minLength) return `string, ≥ ${property.minLength} characters`;
  return 'string';
}

/**
 * The default of a field: zod keeps it on the outermost `default` wrapper, which JSON Schema loses across transforms.
 */
function defaultOf(field: z.ZodType): string | undefined {
  let current: z.ZodType | undefined = field;
  while (current) {
    const def: { type: string; defaultValue?: unknown; innerType?: z.ZodType; in?: z.ZodType } = (
      current as unknown as { _zod: { def: never } }
    )._zod.def;
    if (def.type === 'default') {
      const value = typeof def.defaultValue === 'function' ? (def.defaultValue as () => unknown)() : def.defaultValue;
      return String(value).split(root).join('<repository>/');
    }
    current = def.innerType ?? def.in;
  }
  return undefined;
}

/** The variables of a schema, in declaration order; `only` keeps those names, `except` drops them. */
export function variablesOf(schema: Schema, filter: { only?: string[]; except?: string[] } = {}): EnvVariable[] {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    properties: Record<string, JsonSchemaProperty>;
  };
  // A string parsed into a number (TRUST_PROXY) is described by what it becomes.
  const parsed = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as {
    properties: Record<string, JsonSchemaProperty>;
  };
  return Object.entries(schema.shape)
    .filter(([name]) => (!filter.only || filter.only.includes(name)) && !filter.except?.includes(name))
    .map(([name, field]) => {
      const input = json.properties[name] ?? {};
      const output = parsed.properties[name];
      const property =
        input.type === 'string' &&
        !input.enum &&
        !input.format &&
        output &&
        ['integer', 'number'].includes(output.type ?? '')
          ? { ...output, description: input.description }
          : input;
      return {
        name,
        default: defaultOf(field as z.ZodType),
        accepts: accepts(property),
        description: property.description,
      };
    });
}

const subgraphShared = Object.keys(subgraphEnv).filter((name) => name !== 'PORT');
const own = (schema: Schema) => variablesOf(schema, { except: subgraphShared });

/**
 * Read with `process.env` outside any schema (system tools, tests, benchmarks, the web client): listed
 * by hand. The configuration test fails when code reads a variable that is neither in a schema nor here.
 */
export const OTHER_VARIABLES: { title: string; intro: string; variables: EnvVariable[] }[] = [
  {
    title: 'Read directly by the router',
    intro: 'Read by the gateway library itself; the router sets it before the gateway loads.',
    variables: [
      {
        name: 'APOLLO_TELEMETRY_DISABLED',
        default: 'true',
        accepts: 'true/false',
        description:
          "`false` lets `@apollo/gateway` report usage to Apollo and probe cloud metadata endpoints at start-up; the router's default keeps it to its subgraphs",
      },
    ],
  },
  {
    title: 'Tracing (OpenTelemetry): every service and `npm start`',
    intro:
      'Off unless an exporter is configured (packages/shared/src/observability/tracing.ts); the OTLP/HTTP exporter also reads the other standard `OTEL_EXPORTER_OTLP_*` settings (headers, timeout).',
    variables: [
      {
        name: 'OTEL_EXPORTER_OTLP_ENDPOINT',
        accepts: 'URL',
        description: 'OTLP/HTTP collector (traces go to <endpoint>/v1/traces); setting it turns tracing on',
      },
      {
        name: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
        accepts: 'URL',
        description: "The collector's traces URL itself; turns tracing on as well",
      },
      {
        name: 'OTEL_TRACES_EXPORTER',
        accepts: '`otlp`, `none`',
        description: '`otlp` turns tracing on (collector at the OTLP default, localhost:4318); `none` keeps it off',
      },
      {
        name: 'OTEL_SDK_DISABLED',
        accepts: 'true/false',
        description: '`true` keeps tracing off whatever else is set',
      },
      {
        name: 'OTEL_SERVICE_NAME',
        accepts: 'string',
        description:
          "service.name of the spans no Busline service claims (database and Redis calls); the service's own name (or `busline` for `npm start`) when unset",
      },
      {
        name: 'OTEL_TRACES_SAMPLER',
        default: 'parentbased_always_on',
        accepts: 'OpenTelemetry sampler name',
        description:
          "Which traces are recorded (with OTEL_TRACES_SAMPLER_ARG, e.g. parentbased_traceidratio and 0.1); one that decides by trace id (traceidratio, not parentbased_*) makes the router begin a new trace per request, linked to the client's",
      },
      {
        name: 'OTEL_TRACES_SAMPLER_ARG',
        accepts: 'number',
        description: "The sampler's argument: the ratio of traces kept for a *traceidratio sampler (0 to 1)",
      },
    ],
  },
  {
    title: '`npm run seed`',
    intro: 'Demo data (scripts/seed.ts).',
    variables: [
      {
        name: 'POSTGRES_URL',
        accepts: 'URL',
        description:
          'Postgres server whose db_<name> databases are seeded (created and migrated if needed); the embedded database under DATA_DIR when unset',
      },
      {
        name: 'DATA_DIR',
        default: '<repository>/.data',
        accepts: 'string',
        description:
          'Folder of the embedded database (stop `npm start` first: a running one holds it, and the seed is refused)',
      },
      {
        name: 'SEED_DAYS',
        default: '7',
        accepts: 'integer 1–60',
        description: 'Days of trips from today (a later run tops the window up)',
      },
      {
        name: 'NODE_ENV',
        accepts: 'string',
        description:
          '`production` refuses to seed: the demo accounts (a platform admin among them) have published passwords',
      },
    ],
  },
  {
    title: '`npm run events` (dead letters)',
    intro: 'Reads and replays the dead letters of the event consumers (scripts/lib/dead-letters.ts, docs/events.md).',
    variables: [
      {
        name: 'REDIS_URL',
        accepts: 'URL',
        description: 'Redis holding the event streams and their dead letters; the command refuses to run without it',
      },
      {
        name: 'EVENT_PREFIX',
        default: 'busline',
        accepts: 'string',
        description: "Key prefix of the streams (the subgraphs' is busline); `--prefix` overrides it",
      },
    ],
  },
  {
    title: 'Web client (`clients/web`)',
    intro: 'The example client served by `npm start` on :5173, and its build.',
    variables: [
      {
        name: 'PORT',
        default: '5173',
        accepts: 'integer',
        description: 'Port of the web client server (clients/web/serve.ts)',
      },
      { name: 'HOST', default: '127.0.0.1', accepts: 'string', description: 'Address of the web client server' },
      {
        name: 'GRAPHQL_URL',
        accepts: 'URL',
        description: "API the served page calls; port 8080 on the page's own hostname when unset",
      },
      {
        name: 'VITE_GRAPHQL_URL',
        accepts: 'URL',
        description:
          "The same, fixed at build time (`npm run web:build`); give serve.ts the same as GRAPHQL_URL: its page's content security policy lets the page reach GRAPHQL_URL's origin (or port 8080 of its hostname) only",
      },
    ],
  },
  {
    title: 'Tests, benchmarks and code generation',
    intro: 'Read by `npm test`, `npm run bench` and `npm run codegen`, never by a deployed service.',
    variables: [
      {
        name: 'POSTGRES_URL',
        accepts: 'URL',
        description: 'Tests: a Postgres server on which every test file gets a fresh database; PGlite when unset',
      },
      { name: 'REDIS_URL', accepts: 'URL', description: 'Tests: real Redis; in-memory transports when unset' },
      {
        name: 'TEST_LOG_LEVEL',
        default: 'silent',
        accepts: 'log level',
        description: 'Log level of the services that tests start',
      },
      {
        name: 'CHROMIUM_PATH',
        default: '/usr/bin/chromium',
        accepts: 'string',
        description: 'Chromium binary of the browser test',
      },
      { name: 'FAULTS', accepts: 'any', description: 'Adds the `faults` test project (faults/*.test.ts)' },
      {
        name: 'FAULT_SECONDS',
        default: '8',
        accepts: 'number',
        description: 'Length of each fault injected by the fault tests',
      },
      {
        name: 'FAULTS_PLATFORM',
        default: '{}',
        accepts: 'JSON',
        description: 'Settings the fault tests pass to the platform process they start',
      },
      { name: 'FAULTS_VERBOSE', accepts: 'any', description: 'The fault test prints each measured row' },
      {
        name: 'FAULTS_LOG_LEVEL',
        default: 'silent',
        accepts: 'log level',
        description: 'Log level of that platform process',
      },
      {
        name: 'FAULTS_LOG_FILE',
        accepts: 'path',
        description: "The fault test appends that platform process's log to this file",
      },
      {
        name: 'CODEGEN_ONLY',
        accepts: '`clients`',
        description: "`npm run codegen`: generate only the web client's typed operations",
      },
      { name: 'BENCH_TRIPS', default: '10000', accepts: 'integer', description: 'bench search: trips in the database' },
      {
        name: 'BENCH_SUBSCRIBERS',
        default: '1000,5000,10000',
        accepts: 'comma-separated integers',
        description: 'bench subscriptions and fanout-floor: subscriber counts measured',
      },
      {
        name: 'BENCH_EVENTS',
        default: '20',
        accepts: 'integer',
        description: 'bench subscriptions and fanout-floor: events per run',
      },
      {
        name: 'BENCH_GAP_MS',
        default: '500',
        accepts: 'integer',
        description: 'bench subscriptions and fanout-floor: pause between events',
      },
      { name: 'BENCH_ROUTER_WORKERS', default: '2', accepts: 'integer', description: 'bench: router processes' },
      {
        name: 'BENCH_BOOKINGS',
        default: '200',
        accepts: 'integer',
        description: 'bench subscriptions-joined: bookings subscribed to',
      },
      {
        name: 'BENCH_ROUNDS',
        default: '50',
        accepts: 'integer',
        description: 'bench subscriptions-joined: status changes per booking',
      },
      {
        name: 'BENCH_REQUESTS',
        default: '20000',
        accepts: 'integer',
        description: 'bench observability: requests per measured setting',
      },
      {
        name: 'BENCH_CONCURRENCY',
        default: '16',
        accepts: 'integer',
        description: 'bench observability: requests in flight at once',
      },
      {
        name: 'BENCH_HOLDS',
        default: '400 (gateway), 600 (hold)',
        accepts: 'integer',
        description: 'bench gateway and hold: holdSeats measured per target, each on a seat of its own',
      },
      {
        name: 'BENCH_SHAPES',
        default: 'one,nat,many',
        accepts: 'comma-separated list',
        description:
          'bench hold: load shapes to run (one account; an account per client behind one address; an account and address per client)',
      },
      {
        name: 'BENCH_TARGETS',
        default: 'direct,router',
        accepts: 'comma-separated list',
        description:
          "bench hold: targets to run, in this order (ticketing directly, the router); the second one's holds are counted against the open holds the first left",
      },
      {
        name: 'BENCH_OPERATIONS',
        default: 'nested,single,bookings,hold',
        accepts: 'comma-separated list',
        description: 'bench gateway: operations to run (the ratios printed at the end need nested and single)',
      },
      {
        name: 'BENCH_ROUTER_CPU_PROFILE',
        accepts: 'directory',
        description: "bench: V8 CPU profiles of the router's processes, written there when they exit",
      },
      {
        name: 'BENCH_KEYS',
        accepts: '1',
        description: 'bench hold: every hold sends an idempotency key of its own, as the web client does',
      },
      {
        name: 'BENCH_CPU_PROFILE',
        accepts: 'directory',
        description: 'bench hold: write a V8 CPU profile of each measured run into this directory',
      },
      { name: 'BENCH_DETAIL', accepts: 'any', description: 'bench subscriptions: print per-subscriber detail' },
      {
        name: 'SOAK_MINUTES',
        default: '30',
        accepts: 'integer',
        description: 'bench soak: minutes of load (the trend is taken over the second half)',
      },
      {
        name: 'SOAK_SUBSCRIBERS',
        default: '1000',
        accepts: 'integer',
        description: 'bench soak: graphql-ws subscribers through the router',
      },
      {
        name: 'SOAK_BOOKINGS_PER_MINUTE',
        default: '30',
        accepts: 'integer',
        description: 'bench soak: bookings started per minute (hold → pay → CONFIRMED → cancel)',
      },
    ],
  },
];

/** Variables read in code that are not settings: the system's, or set by a program for its own child process. */
export const NOT_SETTINGS = ['PATH', 'HOME', 'FLOOR_PORT'];

export function configurationSections(): EnvSection[] {
  return [
    {
      title: 'Router (port 8080)',
      intro: '`npm start -w router`, the router image.',
      variables: variablesOf(routerEnv as unknown as Schema),
    },
    {
      title: 'Every subgraph',
      intro:
        'Read by each of the seven subgraphs (`npm start -w subgraphs/<name>`, the subgraph images); their own variables follow.',
      variables: [
        ...variablesOf(z.object(subgraphEnv), { except: ['PORT'] }),
        ...variablesOf(retryEnv as unknown as Schema),
      ],
    },
    { title: 'auth (port 8001)', intro: '', variables: own(authEnv as unknown as Schema) },
    { title: 'user (port 8002)', intro: '', variables: own(userEnv as unknown as Schema) },
    { title: 'company (port 8003)', intro: '', variables: own(companyEnv as unknown as Schema) },
    { title: 'ticketing (port 8004)', intro: '', variables: own(ticketingEnv as unknown as Schema) },
    { title: 'qr (port 8005)', intro: '', variables: own(qrEnv as unknown as Schema) },
    { title: 'payment (port 8006)', intro: '', variables: own(paymentEnv as unknown as Schema) },
    { title: 'notification (port 8007)', intro: '', variables: own(notificationEnv as unknown as Schema) },
    {
      title: 'Provider simulator (port 8090)',
      intro:
        "packages/provider-simulator: MTN MoMo and Airtel Money as payment calls them (PAYMENT_SIMULATOR_URL), Africa's Talking SMS and an SMTP server as notification calls them (NOTIFICATION_SIMULATOR_URL, SMTP_URL), for staging and tests; it moves no money and delivers no message.",
      variables: variablesOf(simulatorEnv as unknown as Schema),
    },
    {
      title: '`npm start` (the whole platform in one process)',
      intro: 'scripts/start-all.ts; it gives each service its port and the variables above their defaults.',
      variables: variablesOf(startEnv as unknown as Schema),
    },
    {
      title: 'Migrations (`node service/migrate.js`, `npx tsx scripts/migrate.ts <subgraph>`)',
      intro: "One subgraph's pending migrations, then exit: the Kubernetes init container (deploy/k8s).",
      variables: variablesOf(migrateEnv as unknown as Schema),
    },
    {
      title: 'The first platform admin (`npm run platform-admin -- <e-mail>`)',
      intro: 'scripts/platform-admin.ts: makes a signed-up account a platform admin (docs/operations.md).',
      variables: variablesOf(platformAdminEnv as unknown as Schema),
    },
    ...OTHER_VARIABLES,
  ];
}

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

export function renderConfigurationDoc(sections: EnvSection[] = configurationSections()): string {
  const lines = [
    '# Configuration reference',
    '',
    "<!-- Generated by `npm run docs:config` (scripts/config-docs.ts) from the env schemas; a test fails when it is stale. Edit the schemas' `.describe()` texts, not this file. -->",
    '',
    'Every environment variable of every Busline program, with its default and what it accepts. A value',
    'that does not parse stops the program at start-up with the variable named. "Required in production"',
    'means `NODE_ENV=production` refuses to start without it (`npm run -s keys` makes them all). A variable',
    'set to an empty or blank value (`X=` in an env file, `${X:-}` in compose) is taken as unset: its default',
    'applies, or a required one is refused (`CORS_ORIGINS` alone reads empty as "none"). Durations in',
    'milliseconds stop below 2,147,483,648 (Node runs a longer timer at once).',
    '',
  ];
  for (const section of sections) {
    lines.push(`## ${section.title}`, '');
    if (section.intro) lines.push(section.intro, '');
    lines.push('| variable | default | accepts | meaning |', '|---|---|---|---|');
    for (const variable of section.variables) {
      const fallback =
        variable.default === undefined ? '—' : variable.default === '' ? '(empty)' : `\`${cell(variable.default)}\``;
      lines.push(
        `| \`${variable.name}\` | ${fallback} | ${cell(variable.accepts)} | ${cell(variable.description ?? '')} |`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(CONFIGURATION_DOC, renderConfigurationDoc());
  console.log(
    `docs/configuration.md written (${configurationSections().reduce((n, s) => n + s.variables.length, 0)} variables)`,
  );
}
