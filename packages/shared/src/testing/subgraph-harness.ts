import type { Viewer } from '../auth/viewer';
import { runMigrations, type MigrationTarget } from '../db/migrate';
import type { EventBus } from '../events/types';
import { createPubSub } from '../pubsub';
import type { SubgraphDeps } from '../runtime';
import type { Service } from '../server/service';
import { graphqlRequest } from './graphql-client';
import { createTestBus, createTestDatabase, testEnv, testLogger, type TestDatabase } from './infra';
import { createTestTokens, type TestTokens } from './tokens';

export interface TestSubgraph<S extends Service> {
  server: S;
  deps: SubgraphDeps;
  database: TestDatabase;
  tokens: TestTokens;
  /** http://127.0.0.1:<port>/graphql */
  graphqlUrl: string;
  /**
   * How many times this subgraph's consumers have finished handling the event with this id (each
   * delivery counts, a redelivery of the same id and a failed attempt too): what a test waits on
   * before asserting that a duplicate changed nothing.
   */
  deliveries(eventId: string): number;
  /** Runs an operation, optionally as `viewer`. */
  request<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    viewer?: Viewer | null,
  ): ReturnType<typeof graphqlRequest<T>>;
  stop(): Promise<void>;
}

/**
 * Starts one subgraph the way its index.ts would, on port 0, against a fresh database
 * (Postgres when POSTGRES_URL is set) and Redis (when REDIS_URL is set).
 */
export async function startTestSubgraph<S extends Service>(options: {
  name: string;
  migrations: MigrationTarget;
  createServer: (deps: SubgraphDeps) => S;
  routerSecret?: string;
}): Promise<TestSubgraph<S>> {
  const logger = testLogger(options.name);
  const database = await createTestDatabase(options.name);
  await runMigrations(database.handle, options.migrations);
  const tokens = await createTestTokens();
  const bus = createTestBus(options.name, logger);
  const deliveries = new Map<string, number>();
  const observedBus: EventBus = {
    kind: bus.kind,
    publish: (event, position) => bus.publish(event, position),
    publishedPosition: bus.publishedPosition?.bind(bus),
    onReconnect: bus.onReconnect?.bind(bus),
    subscribe: (subscription) =>
      bus.subscribe({
        ...subscription,
        handler: async (event) => {
          try {
            await subscription.handler(event);
          } finally {
            deliveries.set(event.id, (deliveries.get(event.id) ?? 0) + 1);
          }
        },
      }),
    ping: () => bus.ping(),
    close: () => bus.close(),
  };
  const pubsub = createPubSub(testEnv.redisUrl);
  const deps: SubgraphDeps = {
    db: database.handle,
    bus: observedBus,
    pubsub,
    verifier: tokens.verifier,
    revocations: tokens.revocations,
    logger,
    routerSecret: options.routerSecret,
  };
  const server = options.createServer(deps);
  const url = await server.start(0);
  const graphqlUrl = `${url}/graphql`;
  return {
    server,
    deps,
    database,
    tokens,
    graphqlUrl,
    deliveries: (eventId) => deliveries.get(eventId) ?? 0,
    request: async (query, variables, viewer) =>
      graphqlRequest(graphqlUrl, query, variables, {
        ...(viewer ? await tokens.authorization(viewer) : {}),
        ...(options.routerSecret ? { 'x-router-secret': options.routerSecret } : {}),
      }),
    async stop() {
      await server.stop();
      await bus.close();
      await pubsub.close();
      await database.cleanup();
    },
  };
}
