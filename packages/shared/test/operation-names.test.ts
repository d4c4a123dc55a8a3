import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger';
import { MAX_OPERATION_NAME_LENGTH, shortOperationName } from '../src/observability/request-tracing';
import { startTracing, type Tracing } from '../src/observability/tracing';
import { createSubgraphServer, type BaseContext } from '../src/server/subgraph-server';
import { createTestTokens, startOtlpCollector, type OtlpCollector } from '../src/testing';

const SECRET = 'router-secret-for-tests-0123456789';
const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query { ping: Boolean! }
`);

/** The subgraph's log lines, as written. */
const lines: string[] = [];
let collector: OtlpCollector;
let tracing: Tracing;
let server: ReturnType<typeof createSubgraphServer<BaseContext>>;
let url: string;

beforeAll(async () => {
  collector = await startOtlpCollector();
  process.env.OTEL_EXPORTER_OTLP_ENDPOINT = collector.url;
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
  await collector?.close();
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
    const span = collector.spans.find((s) => s.name.startsWith('query Huge'))!;
    expect(span).toBeDefined();
    expect(span.name).toBe(`query ${name.slice(0, MAX_OPERATION_NAME_LENGTH)}`);
    expect(span.attributes['graphql.operation.name']).toBe(name.slice(0, MAX_OPERATION_NAME_LENGTH));
  });
});
