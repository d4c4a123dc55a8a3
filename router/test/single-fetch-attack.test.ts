import { createServer as createHttpServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testLogger } from '@busline/shared/testing';
import { composeSupergraph } from '../src/compose';
import { createServer } from '../src/server';

// A subgraph's answer is a trust boundary: whatever it sends, the single-fetch path must give clients what
// the gateway's own path gives them. The stub subgraph answers canned bodies, well-formed or not.
const SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@inaccessible"])
  enum Size { S M L }
  scalar DateTime
  type Thing @key(fields: "id") {
    id: ID!
    name: String
    count: Int
    size: Size
    when: DateTime
    secret: String @inaccessible
  }
  type Query {
    ok: Thing
    customScalar: Thing
    topExtensions: Thing
    emptyErrors: Thing
    nullData: Thing
    stackTrace: Thing
    html: Thing
    status500: Thing
    notJson: Thing
    nullErrors: Thing
    extraField: Thing
    extraRoot: Thing
    duplicateKey: Thing
    fieldOrder: Thing
    missingField: Thing
    stringForInt: Thing
    intOutOfRange: Thing
    floatForInt: Thing
    intWritten: Thing
    unknownEnum: Thing
    nullForNonNull: Thing
    objectForString: Thing
    listForObject: Thing
    lyingTypename: Thing
    padded: Thing
    pretty: Thing
    echo(s: String, n: Int, l: [Int], size: Size, id: ID): Thing
  }
`;

interface Canned {
  status?: number;
  type?: string;
  body: string;
}

const json = (value: unknown): Canned => ({ body: JSON.stringify(value) });

/** Per root field: what the subgraph answers, and the client's operation. */
const ANSWERS: Record<string, [Canned, string]> = {
  ok: [json({ data: { ok: { id: '1', name: 'n' } } }), '{ ok { id name } }'],
  customScalar: [
    json({ data: { customScalar: { id: '1', when: { $date: '2026-12-03' } } } }),
    '{ customScalar { id when } }',
  ],
  topExtensions: [
    json({ data: { topExtensions: { id: '1' } }, extensions: { sql: 'select * from users', hunter2: true } }),
    '{ topExtensions { id } }',
  ],
  emptyErrors: [json({ data: { emptyErrors: { id: '1' } }, errors: [] }), '{ emptyErrors { id } }'],
  nullData: [json({ data: null }), '{ nullData { id } }'],
  stackTrace: [
    json({
      data: { stackTrace: null },
      errors: [
        {
          message: 'relation "users" does not exist hunter2',
          path: ['stackTrace'],
          extensions: { code: 'INTERNAL_SERVER_ERROR', exception: { stacktrace: ['at db.query hunter2'] } },
        },
      ],
    }),
    '{ stackTrace { id } }',
  ],
  html: [{ type: 'text/html', body: '<html><body>hunter2 stack</body></html>' }, '{ html { id } }'],
  status500: [{ status: 500, body: '{"data":{"status500":{"id":"hunter2"}}}' }, '{ status500 { id } }'],
  notJson: [{ body: '{"data":{"notJson":' }, '{ notJson { id } }'],
  extraField: [json({ data: { extraField: { id: '1', secret: 'hunter2' } } }), '{ extraField { id } }'],
  extraRoot: [json({ data: { extraRoot: { id: '1' }, admin: { token: 'hunter2' } } }), '{ extraRoot { id } }'],
  duplicateKey: [
    { body: '{"data":{"duplicateKey":{"id":"hunter2"}},"data":{"duplicateKey":{"id":"1"}}}' },
    '{ duplicateKey { id } }',
  ],
  fieldOrder: [json({ data: { fieldOrder: { name: 'n', id: '1' } } }), '{ fieldOrder { id name } }'],
  missingField: [json({ data: { missingField: { id: '1' } } }), '{ missingField { id name } }'],
  stringForInt: [json({ data: { stringForInt: { id: '1', count: 'hunter2' } } }), '{ stringForInt { id count } }'],
  intOutOfRange: [
    { body: '{"data":{"intOutOfRange":{"id":"1","count":12345678901234567890}}}' },
    '{ intOutOfRange { count } }',
  ],
  floatForInt: [json({ data: { floatForInt: { id: '1', count: 1.5 } } }), '{ floatForInt { count } }'],
  intWritten: [{ body: '{"data":{"intWritten":{"count":1.0e0}}}' }, '{ intWritten { count } }'],
  unknownEnum: [json({ data: { unknownEnum: { id: '1', size: 'XL' } } }), '{ unknownEnum { id size } }'],
  nullForNonNull: [json({ data: { nullForNonNull: { id: null, name: 'n' } } }), '{ nullForNonNull { id name } }'],
  objectForString: [
    json({ data: { objectForString: { id: '1', name: { password: 'hunter2' } } } }),
    '{ objectForString { id name } }',
  ],
  listForObject: [json({ data: { listForObject: [{ id: '1' }, { id: '2' }] } }), '{ listForObject { id } }'],
  lyingTypename: [
    json({ data: { lyingTypename: { __typename: 'Admin', id: '1' } } }),
    '{ lyingTypename { __typename id } }',
  ],
  padded: [{ body: `{"data":{"padded":{"id":"1"}}}${' '.repeat(100_000)}` }, '{ padded { id } }'],
  nullErrors: [json({ data: { nullErrors: { id: '1' } }, errors: null }), '{ nullErrors { id } }'],
};

const PRETTY: Canned = { body: JSON.stringify({ data: { pretty: { id: '1', name: 'n' } } }, null, 2) };

interface Stub {
  url: string;
  headers: IncomingHttpHeaders[];
  requests(): number;
  stop(): Promise<void>;
}

async function startStub(): Promise<Stub> {
  const headers: IncomingHttpHeaders[] = [];
  const server = createHttpServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      headers.push(req.headers);
      const { query, variables } = JSON.parse(body) as { query: string; variables?: unknown };
      const root = Object.keys(ANSWERS).find((name) => new RegExp(`\\b${name}\\b`).test(query));
      // echo answers with the variables it was sent, so that what each path sends shows in the answer.
      const canned = /\becho\b/.test(query)
        ? json({ data: { echo: { id: '1', name: JSON.stringify(variables ?? null) } } })
        : /\bpretty\b/.test(query)
          ? PRETTY
          : ANSWERS[root ?? 'ok']![0];
      res.writeHead(canned.status ?? 200, { 'content-type': canned.type ?? 'application/json' });
      res.end(canned.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    headers,
    requests: () => headers.length,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

type Which = 'fast' | 'shaped';
const stubs = {} as Record<Which, Stub>;
const routers = {} as Record<Which, ReturnType<typeof createServer>>;
const urls = {} as Record<Which, string>;

beforeAll(async () => {
  for (const which of ['fast', 'shaped'] as const) {
    stubs[which] = await startStub();
    const { supergraphSdl } = composeSupergraph([{ name: 'stub', url: `${stubs[which].url}/graphql`, sdl: SDL }]);
    routers[which] = createServer({
      logger: testLogger('router'),
      supergraphSdl,
      subgraphTimeoutMs: 1500,
      singleFetches: which === 'fast',
    });
    urls[which] = await routers[which].start(0);
  }
});

afterAll(async () => {
  for (const which of ['fast', 'shaped'] as const) {
    await routers[which].stop();
    await stubs[which].stop();
  }
});

interface Ask {
  variables?: Record<string, unknown>;
  get?: boolean;
}

async function ask(which: Which, query: string, headers: Record<string, string> = {}, options: Ask = {}) {
  const params = new URLSearchParams({
    query,
    ...(options.variables && { variables: JSON.stringify(options.variables) }),
  });
  const response = options.get
    ? await fetch(`${urls[which]}/graphql?${params}`, { headers })
    : await fetch(`${urls[which]}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables: options.variables }),
      });
  return { status: response.status, type: response.headers.get('content-type'), body: await response.text() };
}

/** Both paths, twice (the router learns the plan on the first). */
async function both(query: string, headers?: Record<string, string>, options?: Ask) {
  const answers = [];
  for (let round = 0; round < 2; round++) {
    const [fast, shaped] = await Promise.all([
      ask('fast', query, headers, options),
      ask('shaped', query, headers, options),
    ]);
    answers.push({ fast, shaped });
  }
  return answers[1]!;
}

describe('single-fetch path against a subgraph that answers anything', () => {
  it.each(Object.entries(ANSWERS))('answers %s as the gateway does', async (_, [, query]) => {
    const before = { fetches: routers.fast.gateway!.singleFetchCount(), requests: stubs.fast.requests() };
    const { fast, shaped } = await both(query);
    expect(fast.body).not.toContain('hunter2');
    expect(fast).toEqual(shaped);
    // The single-fetch path was taken (the second time), and the subgraph asked once per request even when
    // the gateway shaped the answer.
    expect(routers.fast.gateway!.singleFetchCount() - before.fetches).toBe(1);
    expect(stubs.fast.requests() - before.requests).toBe(2);
  });

  const ECHO =
    'query($s: String = "dflt", $n: Int, $l: [Int], $size: Size, $id: ID) ' +
    '{ echo(s: $s, n: $n, l: $l, size: $size, id: $id) { id name } }';
  it.each([
    ['none', {}],
    ['list coercion', { l: 5 }],
    ['explicit null', { n: null, s: null }],
    ['enum', { size: 'M' }],
    ['ID as a number', { id: 7 }],
    ['unknown variable', { extra: 'hunter2' }],
    ['wrong type', { n: 'five' }],
    ['float for Int', { n: 1.5 }],
    ['unknown enum value', { size: 'XL' }],
  ])('sends the same variables on both paths: %s', async (_, variables) => {
    const before = routers.fast.gateway!.singleFetchCount();
    const { fast, shaped } = await both(ECHO, {}, { variables });
    expect(fast).toEqual(shaped);
    // Variables the gateway refuses never reach the single-fetch path.
    const taken = routers.fast.gateway!.singleFetchCount() - before;
    if (fast.body.includes('"errors"')) expect(taken).toBe(0);
    else expect(taken).toBeGreaterThan(0);
  });

  it('answers a GET as the gateway does', async () => {
    const { fast, shaped } = await both('{ ok { id name } }', { 'apollo-require-preflight': '1' }, { get: true });
    expect(fast).toEqual(shaped);
    expect(fast.status).toBe(200);
  });

  it.each(['application/graphql-response+json', 'multipart/mixed', 'text/event-stream'])(
    'answers as the gateway does when the client accepts %s',
    async (accept) => {
      const { fast, shaped } = await both('{ ok { id name } }', { accept });
      expect(fast).toEqual(shaped);
    },
  );

  it.each(['application/json', 'text/event-stream', 'multipart/mixed'])(
    'answers a pretty-printed body as the gateway does (%s)',
    async (accept) => {
      const { fast, shaped } = await both('{ pretty { id name } }', { accept });
      expect(fast).toEqual(shaped);
    },
  );

  it('forwards the same headers to the subgraph on both paths', async () => {
    const auth = { authorization: 'Bearer abc', 'x-request-id': 'client-chosen', 'x-forwarded-for': '10.0.0.9' };
    await both('{ ok { id name } }', auth);
    const strip = (h: IncomingHttpHeaders) => {
      // Host and deadline differ per router by construction; the rest must not.
      const { 'x-request-id': id, 'x-request-deadline': _d, host: _h, ...rest } = h;
      void _d;
      void _h;
      return { ...rest, requestIdIsClients: id === 'client-chosen' };
    };
    const fast = stubs.fast.headers.at(-1)!;
    const shaped = stubs.shaped.headers.at(-1)!;
    expect(Object.keys(fast).sort()).toEqual(Object.keys(shaped).sort());
    expect(strip(fast)).toEqual(strip(shaped));
  });

  it('refuses @inaccessible fields and _entities/_service on both paths', async () => {
    for (const query of [
      '{ ok { id secret } }',
      '{ _service { sdl } }',
      '{ _entities(representations: [{ __typename: "Thing", id: "1" }]) { ... on Thing { secret } } }',
      '{ __schema { types { name } } }',
    ]) {
      const { fast, shaped } = await both(query);
      expect(fast).toEqual(shaped);
      expect(fast.body).not.toContain('hunter2');
    }
  });
});
