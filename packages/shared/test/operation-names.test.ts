import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger';
import { MAX_OPERATION_NAME_LENGTH, shortOperationName } from '../src/observability/request-tracing';
import { startTracing, type Tracing } from '../src/observability/tracing';
import { createSubgraphServer, type BaseContext } from '../src/server/subgraph-server';
import { createTestTokens } from '../src/testing';

const SECRET = 'router-secret-for-tests-0123456789';
const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query { ping: Boolean! }
`);

/** Spans a local OTLP/HTTP collector received: their name and `graphql.operation.name`. */
const spans: { name: string; operationName?: string }[] = [];
/** The subgraph's log lines, as written. */
const lines: string[] = [];
let collector: Server;
let tracing: Tracing;
let server: ReturnType<typeof createSubgraphServer<BaseContext>>;
let url: string;

beforeAll(async () => {
  collector = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      for (const resource of JSON.parse(body).resourceSpans ?? [])
        for (const scope of resource.scopeSpans ?? [])
          for (const span of scope.spans ?? []) {
            const attributes = (span.attributes ?? []) as { key: string; value: { stringValue?: string } }[];
            const operationName = attributes.find((a) => a.key === 'graphql.operation.name')?.value.stringValue;
            spans.push({ name: span.name, operationName });
          }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  process.env.OTEL_EXPORTER_OTLP_ENDPOINT = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
  tracing = startTracing('operation-names')!;
  const tokens = await createTestTokens();
  server = createSubgraphServer<BaseContext>({
    name: 'fixture',
    typeDefs,
    logger: createLogger('fixture', { level: 'info', destination: { write: (line: string) => void lines.push(line) } }),
    verifier: tokens.verifier,
    routerSecret: SECRET,
    buildContext: (base) => base,
    resolvers: { Query: { ping: () => true } },
  });
  url = await server.start(0);
});

afterAll(async () => {
  await server?.stop();
  await tracing?.shutdown();
  delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  collector?.close();
});

describe('client-chosen operation names', () => {
  it('are cut to the same length everywhere', () => {
    expect(shortOperationName(`A${'x'.repeat(500)}`)).toHaveLength(MAX_OPERATION_NAME_LENGTH);
    expect(shortOperationName('HoldSeats')).toBe('HoldSeats');
    expect(shortOperationName(null)).toBeUndefined();
  });

  it("stay bounded in the subgraph's operation log line and in its span's name", async () => {
    // The router names a subgraph's operation after the client's (`<name>__<subgraph>__<n>`), however long.
    const name = `Huge${'x'.repeat(90_000)}__fixture__0`;
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-router-secret': SECRET },
      body: JSON.stringify({ query: `query ${name} { ping }`, operationName: name }),
    });
    expect(await response.json()).toEqual({ data: { ping: true } });

    const logged = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'operation');
    expect(logged.operationName).toBe(name.slice(0, MAX_OPERATION_NAME_LENGTH));
    await tracing.flush();
    const span = spans.find((s) => s.name.startsWith('query Huge'))!;
    expect(span).toBeDefined();
    expect(span.name).toBe(`query ${name.slice(0, MAX_OPERATION_NAME_LENGTH)}`);
    expect(span.operationName).toBe(name.slice(0, MAX_OPERATION_NAME_LENGTH));
  });
});
