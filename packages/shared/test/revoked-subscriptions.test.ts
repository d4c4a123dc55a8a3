import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { parse } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import { PubSub } from 'graphql-subscriptions';
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CREDENTIALS, watchCredentials } from '../src/server/revoked-subscriptions';
import { createSubgraphServer } from '../src/server/subgraph-server';
import type { Service } from '../src/server/service';
import { createTestTokens, eventually, testLogger, type TestTokens } from '../src/testing';

/** A user of one test only: another test's revocation never touches it. */
const passenger = () => ({ userId: randomUUID(), role: 'PASSENGER' as const, companyId: null });

const emitter = new EventEmitter();
const pubsub = new PubSub({ eventEmitter: emitter });
const SDL = `
  type Query { ok: Boolean }
  type Subscription { tick(channel: String!): Int }
`;

/** What one subscription received, in order: events, the error it failed with, its completion. */
function follow(client: Client, channel: string) {
  const seen: unknown[] = [];
  client.subscribe(
    { query: 'subscription($c: String!) { tick(channel: $c) }', variables: { c: channel } },
    {
      next: (result) => void seen.push(result),
      error: (error) => void seen.push({ error }),
      complete: () => void seen.push('complete'),
    },
  );
  return { seen };
}

describe('open subscriptions of a revoked user', () => {
  let tokens: TestTokens;
  let server: Service;
  let url: string;
  const clients: Client[] = [];
  const connect = async (viewer: ReturnType<typeof passenger>) => {
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: await tokens.authorization(viewer),
    });
    clients.push(client);
    return client;
  };
  const listening = (channel: string) => eventually(() => emitter.listenerCount(channel) > 0, 5000, 10);

  beforeAll(async () => {
    tokens = await createTestTokens();
    server = createSubgraphServer({
      name: 'ticks',
      typeDefs: parse(SDL),
      logger: testLogger('ticks'),
      verifier: tokens.verifier,
      buildContext: (base) => base,
      resolvers: {
        Subscription: {
          tick: { subscribe: (_: unknown, { channel }: { channel: string }) => pubsub.asyncIterableIterator(channel) },
        },
      } as never,
    });
    url = `${(await server.start(0)).replace(/^http/, 'ws')}/graphql`;
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) await client.dispose();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('end with UNAUTHENTICATED "Access token revoked; sign in again", then complete', async () => {
    const alice = passenger();
    const subscription = follow(await connect(alice), 'alice-1');
    await listening('alice-1');
    await tokens.revocations.revoke(alice.userId, new Date());
    await eventually(() => subscription.seen.includes('complete'), 5000, 10);
    expect(subscription.seen).toEqual([
      { errors: [{ message: 'Access token revoked; sign in again', extensions: { code: 'UNAUTHENTICATED' } }] },
      'complete',
    ]);
  });

  it('leave the subscriptions of other users open', async () => {
    const [alice, bob] = [passenger(), passenger()];
    const other = follow(await connect(bob), 'bob-1');
    await listening('bob-1');
    await tokens.revocations.revoke(alice.userId, new Date());
    await pubsub.publish('bob-1', { tick: 1 });
    await eventually(() => other.seen.length > 0, 5000, 10);
    expect(other.seen).toEqual([{ data: { tick: 1 } }]);
  });

  it('leave a subscription opened with a token issued after the revocation open', async () => {
    const alice = passenger();
    const subscription = follow(await connect(alice), 'alice-2');
    await listening('alice-2');
    await tokens.revocations.revoke(alice.userId, new Date(Date.now() - 5000));
    await pubsub.publish('alice-2', { tick: 2 });
    await eventually(() => subscription.seen.length > 0, 5000, 10);
    expect(subscription.seen).toEqual([{ data: { tick: 2 } }]);
  });
});

describe('open subscriptions whose token expires', () => {
  it('end with UNAUTHENTICATED "Access token expired" once the token is past its expiry and the grace', async () => {
    const tokens = await createTestTokens();
    const alice = passenger();
    const token = await tokens.sign(alice, { expiresIn: '1s' });
    const ended: { message: string; code: unknown }[] = [];
    const stop = watchCredentials(tokens.verifier, 0)({ viewer: alice, [CREDENTIALS]: `Bearer ${token}` }, (error) =>
      ended.push({ message: error.message, code: error.extensions.code }),
    );
    try {
      // Accepted until 5 s past its expiry (clock tolerance): still open a moment after it expired.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(ended).toEqual([]);
      await eventually(() => ended.length > 0, 10_000, 50);
      expect(ended).toEqual([{ message: 'Access token expired', code: 'UNAUTHENTICATED' }]);
    } finally {
      stop();
    }
  });
});
