import { parse } from 'graphql';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import pg from 'pg';
import WebSocket from 'ws';
import { AppError, ErrorCode } from '../src/errors';
import { createPubSub, type LivePubSub } from '../src/pubsub';
import { webSocketWithHeaders } from '../src/server/graphql-ws';
import { json } from '../src/server/http';
import { createSubgraphServer, type BaseContext } from '../src/server/subgraph-server';
import { createTestTokens, graphqlRequest, testLogger, untilSubscribed, type TestTokens } from '../src/testing';

const SECRET = 'router-secret-for-tests-0123456789';
const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query { whoami: String, forbidden: String, broken: String, echoed(text: String!): String }
  type Subscription { ticks: Int! }
`);

let tokens: TestTokens;
let pubsub: LivePubSub;
let server: ReturnType<typeof createSubgraphServer<BaseContext>>;
/** A statement that takes the client's text as is: what an operation missing a check of its own does. */
const database = new pg.Pool({
  connectionString: process.env.POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  max: 1,
});
let url: string;
let healthy = true;
/** Rounds of the readiness check run. */
let checked = 0;

beforeAll(async () => {
  tokens = await createTestTokens();
  pubsub = createPubSub();
  server = createSubgraphServer<BaseContext>({
    name: 'fixture',
    typeDefs,
    logger: testLogger(),
    verifier: tokens.verifier,
    routerSecret: SECRET,
    buildContext: (base) => base,
    resolvers: {
      Query: {
        whoami: (_: unknown, __: unknown, ctx: BaseContext) => ctx.viewer?.userId ?? 'anonymous',
        forbidden: () => {
          throw new AppError(ErrorCode.FORBIDDEN, 'Not yours');
        },
        broken: () => {
          throw new Error('relation "secret_table" does not exist');
        },
        echoed: async (_: unknown, args: { text: string }) =>
          (await database.query<{ text: string }>('select $1::text as text', [args.text])).rows[0]?.text,
      },
      Subscription: {
        ticks: {
          subscribe: (_: unknown, __: unknown, ctx: BaseContext) => {
            if (!ctx.viewer) throw new AppError(ErrorCode.UNAUTHENTICATED, 'Sign in to follow ticks');
            return pubsub.subscribe<{ ticks: number }>('ticks');
          },
        },
      },
    },
    routes: [
      { method: 'POST', path: '/webhooks/echo', handler: async (request) => json({ echoed: await request.text() }) },
    ],
    readiness: [
      {
        name: 'dependency',
        check: async () => {
          checked++;
          if (!healthy) throw new Error('dependency down');
        },
      },
    ],
  });
  url = await server.start(0);
});
afterAll(async () => {
  await server.stop();
  await pubsub.close();
  await database.end();
});

const viaRouter = { 'x-router-secret': SECRET };

describe('subgraph server', () => {
  it('refuses GraphQL requests that do not come through the router', async () => {
    const direct = await graphqlRequest(`${url}/graphql`, '{ whoami }');
    expect(direct.status).toBe(403);
    expect(direct.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const wrong = await graphqlRequest(`${url}/graphql`, '{ whoami }', {}, { 'x-router-secret': 'guess' });
    expect(wrong.status).toBe(403);
  });

  it('builds the viewer from a verified token', async () => {
    const auth = await tokens.authorization({ userId: 'u-42', role: 'PASSENGER', companyId: null });
    const result = await graphqlRequest(`${url}/graphql`, '{ whoami }', {}, { ...viaRouter, ...auth });
    expect(result.data).toEqual({ whoami: 'u-42' });
  });

  it('keeps the code and message of domain errors', async () => {
    const result = await graphqlRequest(`${url}/graphql`, '{ forbidden }', {}, viaRouter);
    expect(result.errors?.[0]).toMatchObject({ message: 'Not yours', extensions: { code: 'FORBIDDEN' } });
  });

  it('answers a document that does not parse or validate with the same errors every time (cached)', async () => {
    for (let i = 0; i < 2; i++) {
      const invalid = await graphqlRequest(`${url}/graphql`, '{ whoami nope }', {}, viaRouter);
      expect(invalid.status).toBe(400);
      expect(invalid.errors?.[0]).toMatchObject({
        message: 'Cannot query field "nope" on type "Query".',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      });
      const unparsable = await graphqlRequest(`${url}/graphql`, '{ whoami', {}, viaRouter);
      expect(unparsable.status).toBe(400);
      expect(unparsable.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
      const valid = await graphqlRequest(`${url}/graphql`, '{ whoami }', {}, viaRouter);
      expect(valid.errors).toBeUndefined();
    }
  });

  it('masks unexpected errors so internals never reach the client', async () => {
    const result = await graphqlRequest(`${url}/graphql`, '{ broken }', {}, viaRouter);
    expect(result.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(JSON.stringify(result)).not.toContain('secret_table');
  });

  it('answers BAD_USER_INPUT for text the database cannot store (a NUL character), not a masked error', async () => {
    const stored = await graphqlRequest(`${url}/graphql`, '{ echoed(text: "ab") }', {}, viaRouter);
    expect(stored.data).toEqual({ echoed: 'ab' });
    const refused = await graphqlRequest(`${url}/graphql`, '{ echoed(text: "a\\u0000b") }', {}, viaRouter);
    expect(refused.errors?.[0]).toMatchObject({
      message: 'A text value holds a NUL character, which cannot be stored',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(JSON.stringify(refused)).not.toContain('select');
  });

  describe('readiness', () => {
    // A round of checks answers every /readyz within a second: the monotonic clock is the test's to move.
    beforeAll(() => {
      vi.useFakeTimers({ toFake: ['performance'] });
    });
    afterAll(() => {
      vi.useRealTimers();
    });
    const aSecondLater = () => vi.advanceTimersByTime(1000);

    it('answers /healthz always and /readyz only while its dependencies answer, saying why to the router only', async () => {
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      aSecondLater();
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
      healthy = false;
      aSecondLater();
      const down = await fetch(`${url}/readyz`, { headers: viaRouter });
      const anonymous = await fetch(`${url}/readyz`);
      healthy = true;
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({
        checks: [{ name: 'dependency', ok: false, error: 'dependency down' }],
      });
      expect(anonymous.status).toBe(503);
      expect(await anonymous.json()).toEqual({
        status: 'unavailable',
        service: 'fixture',
        ready: false,
        checks: [{ name: 'dependency', ok: false }],
      });
    });

    it('checks its dependencies once for a flood of /readyz within a second, and again after it', async () => {
      aSecondLater();
      const before = checked;
      const answers = await Promise.all(Array.from({ length: 50 }, () => fetch(`${url}/readyz`)));
      expect(answers.map((a) => a.status)).toEqual(Array(50).fill(200));
      expect(checked - before).toBe(1);
      aSecondLater();
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
      expect(checked - before).toBe(2);
    });
  });

  it('serves extra routes without the router secret', async () => {
    const response = await fetch(`${url}/webhooks/echo`, { method: 'POST', body: 'hello' });
    expect(await response.json()).toEqual({ echoed: 'hello' });
  });

  it('streams subscription events over graphql-ws to an authenticated client', async () => {
    const auth = await tokens.authorization({ userId: 'u-42', role: 'PASSENGER', companyId: null });
    const client = createClient({
      url: `${url.replace('http', 'ws')}/graphql`,
      webSocketImpl: webSocketWithHeaders(viaRouter),
      connectionParams: { authorization: auth.authorization },
      retryAttempts: 0,
    });
    const received: unknown[] = [];
    const done = new Promise<void>((resolve, reject) => {
      client.subscribe(
        { query: 'subscription { ticks }' },
        {
          next: (value) => {
            received.push(value.data);
            if (received.length === 2) resolve();
          },
          error: reject,
          complete: () => undefined,
        },
      );
    });
    await untilSubscribed(pubsub, 'ticks');
    await pubsub.publish('ticks', { ticks: 1 });
    await pubsub.publish('ticks', { ticks: 2 });
    await done;
    expect(received).toEqual([{ ticks: 1 }, { ticks: 2 }]);
    await client.dispose();
  });

  it('refuses a graphql-ws subscription without credentials with UNAUTHENTICATED', async () => {
    const client = createClient({
      url: `${url.replace('http', 'ws')}/graphql`,
      webSocketImpl: webSocketWithHeaders(viaRouter),
      retryAttempts: 0,
    });
    const outcome = await new Promise<unknown>((resolve) => {
      client.subscribe(
        { query: 'subscription { ticks }' },
        { next: resolve, error: resolve, complete: () => resolve(null) },
      );
    });
    expect(outcome).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    await client.dispose();
  });

  it('refuses graphql-ws connections that lack the router secret at the upgrade', async () => {
    const client = createClient({
      url: `${url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
    });
    const error = await new Promise<unknown>((resolve) => {
      client.subscribe(
        { query: '{ whoami }' },
        { next: () => undefined, error: resolve, complete: () => resolve(null) },
      );
    });
    // The upgrade is refused with 403 before the socket opens: no graphql-ws message is ever read.
    expect(String((error as { message?: string }).message ?? error)).toBe('Unexpected server response: 403');
    await client.dispose();
  });
});
