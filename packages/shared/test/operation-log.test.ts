// A subgraph's operation log line and its error metric were written before the error masker gave each error its
// code: every AppError (BAD_USER_INPUT, FORBIDDEN, STOPS_CHANGED…) was logged as "ERROR" and counted as an
// INTERNAL_SERVER_ERROR, so an operator saw internal errors where clients had been told what they did wrong.
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../src/errors';
import { createLogger } from '../src/logger';
import { createTestTokens, metricValue } from '../src/testing';
import { createSubgraphServer, type BaseContext } from '../src/server/subgraph-server';

const SECRET = 'router-secret-for-tests-0123456789';
const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query { refused: Boolean! broken: Boolean! }
`);

const lines: Record<string, unknown>[] = [];
let server: ReturnType<typeof createSubgraphServer<BaseContext>>;
let url: string;

beforeAll(async () => {
  const tokens = await createTestTokens();
  server = createSubgraphServer<BaseContext>({
    name: 'fixture',
    typeDefs,
    verifier: tokens.verifier,
    logger: createLogger('fixture', {
      level: 'info',
      destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
    }),
    routerSecret: SECRET,
    buildContext: (base) => base,
    resolvers: {
      Query: {
        refused: () => {
          throw new AppError(ErrorCode.BAD_USER_INPUT, 'No such seat on this trip: 99Z', { field: 'seats' });
        },
        broken: () => {
          throw new Error('a bug');
        },
      },
    },
  });
  url = await server.start(0);
});
afterAll(() => server?.stop());

async function run(operationName: string, field: string) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-router-secret': SECRET },
    body: JSON.stringify({ query: `query ${operationName} { ${field} }`, operationName }),
  });
  const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
  const line = lines.find((l) => l.msg === 'operation' && l.operationName === operationName);
  const counted = async (code: string) =>
    metricValue(await server.metrics.metrics(), 'busline_graphql_errors_total', { operation: operationName, code });
  return { answered: body.errors[0]!.extensions.code, logged: line?.errors, counted };
}

describe("a subgraph's operation log line and error metric", () => {
  it("record an AppError's code, as the client is answered", async () => {
    const { answered, logged, counted } = await run('Refused', 'refused');
    expect(answered).toBe('BAD_USER_INPUT');
    expect(logged).toEqual(['BAD_USER_INPUT']);
    expect(await counted('BAD_USER_INPUT')).toBe(1);
    expect(await counted('INTERNAL_SERVER_ERROR')).toBeUndefined();
  });

  it('record a bug as an internal error', async () => {
    const { answered, logged, counted } = await run('Broken', 'broken');
    expect(answered).toBe('INTERNAL_SERVER_ERROR');
    expect(logged).toEqual(['INTERNAL_SERVER_ERROR']);
    expect(await counted('INTERNAL_SERVER_ERROR')).toBe(1);
  });
});
