import { once } from 'node:events';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlRequest } from '@busline/shared/testing';
import { startProbeRouter, type ProbeRouter } from './fixtures/probe-router';
import { startProbeSubgraph, type ProbeSubgraph } from './fixtures/subgraphs';
import { DEFAULT_LIMITS } from '../src/limits';

const APP_ORIGIN = 'http://localhost:5173';

let probe: ProbeSubgraph;
let router: ProbeRouter;
let closed: ProbeRouter;

beforeAll(async () => {
  probe = await startProbeSubgraph();
  router = await startProbeRouter(probe, { corsOrigins: [APP_ORIGIN] });
  closed = await startProbeRouter(probe, { introspection: false });
});

afterAll(async () => {
  await router.stop();
  await closed.stop();
  await probe.stop();
});

/** A body that records `label` at the subgraph if the mutation runs. */
function simpleRequest(contentType: string, label: string): RequestInit {
  const query = `mutation { recordVisit(label: "${label}") }`;
  if (contentType === 'multipart/form-data') {
    const form = new FormData();
    form.set('operations', JSON.stringify({ query }));
    form.set('map', '{}');
    return { method: 'POST', body: form };
  }
  const body = contentType === 'text/plain' ? JSON.stringify({ query }) : new URLSearchParams({ query }).toString();
  return { method: 'POST', headers: { 'content-type': contentType }, body };
}

/**
 * Writes a raw HTTP request whose body never arrives whole, and returns the status of the answer.
 * The answer must come, and the router close the connection (it will not read the rest of the
 * body), within 2 s.
 */
async function refusalOf(rawRequest: string): Promise<number> {
  const socket = connect(Number(new URL(router.url).port), '127.0.0.1');
  let timer: NodeJS.Timeout | undefined;
  try {
    let answer = '';
    socket.on('data', (chunk: Buffer) => {
      answer += String(chunk);
    });
    socket.write(rawRequest);
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(`the connection was still open after 2 s; answer so far: ${answer.slice(0, 200) || 'none'}`),
          ),
        2000,
      );
    });
    await Promise.race([once(socket, 'end'), deadline]);
    return Number(answer.split(' ')[1]);
  } finally {
    clearTimeout(timer);
    socket.destroy();
  }
}

describe('CSRF prevention', () => {
  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data'])(
    'refuses a %s POST without a preflight header, running nothing',
    async (contentType) => {
      const label = `csrf ${contentType}`;
      const response = await fetch(`${router.url}/graphql`, simpleRequest(contentType, label));
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({
        errors: [{ message: 'Required CSRF header(s) not present', extensions: { code: 'BAD_REQUEST' } }],
      });
      expect(probe.visits).not.toContain(label);
    },
  );

  it.each(['application/x-www-form-urlencoded', 'multipart/form-data'])(
    'runs a %s POST that carries a preflight header',
    async (contentType) => {
      const label = `preflighted ${contentType}`;
      const init = simpleRequest(contentType, label);
      const response = await fetch(`${router.url}/graphql`, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), 'apollo-require-preflight': 'true' },
      });
      expect(await response.json()).toEqual({ data: { recordVisit: true } });
      expect(probe.visits).toContain(label);
    },
  );
});

describe('CORS', () => {
  const withOrigin = (origin: string, method: 'POST' | 'OPTIONS') =>
    fetch(`${router.url}/graphql`, {
      method,
      headers:
        method === 'POST'
          ? { origin, 'content-type': 'application/json' }
          : {
              origin,
              'access-control-request-method': 'POST',
              'access-control-request-headers': 'content-type,authorization',
            },
      body: method === 'POST' ? JSON.stringify({ query: '{ probe }' }) : undefined,
    });

  it.each(['POST', 'OPTIONS'] as const)(
    'gives an unknown origin no Access-Control-Allow-Origin on %s',
    async (method) => {
      const response = await withOrigin('https://evil.example', method);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    },
  );

  it('gives a sandboxed page (origin "null") no Access-Control-Allow-Origin', async () => {
    const response = await withOrigin('null', 'POST');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it.each([
    [APP_ORIGIN, 'POST'],
    [APP_ORIGIN, 'OPTIONS'],
    ['https://studio.apollographql.com', 'POST'],
  ] as const)('echoes exactly the allowed origin %s on %s, with credentials', async (origin, method) => {
    const response = await withOrigin(origin, method);
    expect(response.headers.get('access-control-allow-origin')).toBe(origin);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
  });
});

describe('introspection off', () => {
  it.each([
    ['__schema', '{ __schema { queryType { name } } }'],
    ['__type', '{ __type(name: "Query") { name } }'],
  ])('refuses %s', async (field, query) => {
    const result = await graphqlRequest(`${closed.url}/graphql`, query);
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.[0]).toMatchObject({
      message: `GraphQL introspection has been disabled, but the requested query contained the field "${field}".`,
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });

  it('still answers __typename', async () => {
    expect((await graphqlRequest(`${closed.url}/graphql`, '{ __typename }')).data).toEqual({ __typename: 'Query' });
  });

  it('does not serve GraphiQL to a browser', async () => {
    const response = await fetch(`${closed.url}/graphql`, { headers: { accept: 'text/html' } });
    const body = await response.text();
    expect(response.status).toBe(406);
    expect(response.headers.get('content-type')).toBeNull();
    expect(body).not.toContain('GraphiQL');
  });
});

describe('body limit', () => {
  it('answers 413 to a Content-Length over the limit and closes the connection without reading the body', async () => {
    const before = probe.requests();
    const head =
      'POST /graphql HTTP/1.1\r\nHost: router\r\nContent-Type: application/json\r\nContent-Length: 200000\r\n\r\n';
    expect(await refusalOf(`${head}{"query":"{ probe }"`)).toBe(413);
    expect(probe.requests()).toBe(before);
  });

  it('answers 411 to a chunked body (its length unknown) and closes the connection without reading it', async () => {
    const before = probe.requests();
    const head =
      'POST /graphql HTTP/1.1\r\nHost: router\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n';
    expect(await refusalOf(`${head}15\r\n{"query":"{ probe }"}\r\n`)).toBe(411);
    expect(probe.requests()).toBe(before);
  });

  it('answers 413 to a GET whose body is over the limit: a GET body is read like any other', async () => {
    const head = `GET /graphql?query=%7B%20probe%20%7D HTTP/1.1\r\nHost: router\r\nContent-Length: 200000\r\n\r\n`;
    expect(await refusalOf(`${head}xxxx`)).toBe(413);
  });

  it("names the router's own limit in the refusal", async () => {
    const response = await fetch(`${router.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"query":"{ probe }"}'));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(411);
    expect(((await response.json()) as { errors: { message: string }[] }).errors[0]!.message).toBe(
      `Request body must be at most ${DEFAULT_LIMITS.maxBodyBytes} bytes, with a Content-Length`,
    );
  });
});
