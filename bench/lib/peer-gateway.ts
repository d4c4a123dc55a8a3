/**
 * A peer gateway in its own process (forked with an IPC channel), for bench/gateway: stock
 * `@apollo/gateway` on Apollo Server 5, or Hive Gateway with its defaults or with its in-flight
 * deduplication of subgraph requests off. Each is set up as its documentation shows, plus the one
 * header Busline's subgraphs require (x-router-secret). Answers `{ stats: true }` with its CPU time.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export type PeerKind = 'apollo-server' | 'hive' | 'hive-no-dedupe';

interface Start {
  kind: PeerKind;
  supergraphSdl: string;
  routerSecret: string;
}

async function startApolloServer(start: Start): Promise<number> {
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const { ApolloGateway, RemoteGraphQLDataSource } = await import('@apollo/gateway');
  const { ApolloServer } = await import('@apollo/server');
  const { startStandaloneServer } = await import('@apollo/server/standalone');
  const gateway = new ApolloGateway({
    supergraphSdl: start.supergraphSdl,
    buildService: ({ url }) =>
      new RemoteGraphQLDataSource({
        url,
        willSendRequest: ({ request, context }) => {
          request.http!.headers.set('x-router-secret', start.routerSecret);
          // The caller's token, as the Busline router forwards it (the subgraphs check it).
          const authorization = (context as { authorization?: string }).authorization;
          if (authorization) request.http!.headers.set('authorization', authorization);
        },
      }),
  });
  const server = new ApolloServer({ gateway });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async ({ req }) => ({ authorization: req.headers.authorization }),
  });
  return Number(new URL(url).port);
}

async function startHive(start: Start, dedupe: boolean): Promise<number> {
  const { createGatewayRuntime } = await import('@graphql-hive/gateway');
  const gateway = createGatewayRuntime({
    supergraph: start.supergraphSdl,
    logging: false,
    // The caller's token, as the Busline router forwards it (the subgraphs check it).
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) => {
        const authorization = request.headers.get('authorization');
        return authorization ? { authorization } : {};
      },
    },
    transportEntries: {
      '*.http': {
        headers: [['x-router-secret', start.routerSecret]],
        ...(dedupe ? {} : { options: { deduplicateInflightRequests: false } }),
      },
    },
  });
  const server = createServer(gateway);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

process.on('message', async (message: Start | { stats: true }) => {
  if ('stats' in message) {
    const { user, system } = process.cpuUsage();
    process.send!({ cpuMicros: user + system });
    return;
  }
  const port =
    message.kind === 'apollo-server'
      ? await startApolloServer(message)
      : await startHive(message, message.kind === 'hive');
  process.send!({ port });
});
