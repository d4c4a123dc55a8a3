import type { IncomingMessage, Server } from 'node:http';
import { GraphQLError, type DocumentNode, type ExecutionArgs } from 'graphql';
import type { YogaServerInstance } from 'graphql-yoga';
import { useServer } from 'graphql-ws/use/ws';
import type { ConnectionInitMessage } from 'graphql-ws';
import { WebSocketServer } from 'ws';
import { AppError } from '../errors';

type WsExtra = { request?: IncomingMessage } & Record<string, unknown>;

export interface GraphqlWsOptions {
  /** The Yoga instance whose parse, validate (limits included) and context the socket shares; undefined while starting. */
  yoga: () => YogaServerInstance<any, any> | undefined;
  /** Largest message accepted (bytes). */
  maxPayload?: number;
  /** Accepts or refuses a connection; may copy what it needs from the upgrade request into `extra`. */
  onConnect?: (connectionParams: Readonly<Record<string, unknown>> | undefined, extra: WsExtra) => boolean;
  /** Server context handed to Yoga for each subscribe message (besides connectionParams and params). */
  initialContext?: (extra: WsExtra) => Record<string, unknown>;
  /** What a client sees of a parse error (default: the message, code GRAPHQL_PARSE_FAILED). */
  parseError?: (message: string) => { message: string; code: string };
  /** Runs subscriptions itself instead of Yoga's subscribe (the router's federated executor). */
  subscribe?: (args: ExecutionArgs) => unknown;
}

/** The message and code a client sees for an error that ends one subscription. */
function refusal(error: unknown, fallbackCode: string): GraphQLError {
  if (error instanceof AppError) return error.toGraphQLError();
  const message = error instanceof Error ? error.message : 'Invalid operation';
  // Checked by name: the error may come from another copy of graphql-js.
  const code = error instanceof Error && error.name === 'GraphQLError' ? (error as GraphQLError).extensions?.code : undefined;
  return new GraphQLError(message, { extensions: { code: code ?? fallbackCode } });
}

/**
 * graphql-ws on the same path as Yoga's HTTP endpoint. An operation that fails to parse, validate
 * or authenticate ends that subscription with its code; the client's other subscriptions live on.
 */
export function attachGraphqlWs(httpServer: Server, options: GraphqlWsOptions): { close(): Promise<void> } {
  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql', maxPayload: options.maxPayload });
  const disposable = useServer<ConnectionInitMessage['payload'], WsExtra>(
    {
      onConnect: (ctx) => options.onConnect?.(ctx.connectionParams, ctx.extra) ?? true,
      onSubscribe: async (ctx, _id, payload) => {
        const yoga = options.yoga();
        if (!yoga) return [new GraphQLError('The service is starting', { extensions: { code: 'UNAVAILABLE' } })];
        const enveloped = yoga.getEnveloped({
          ...options.initialContext?.(ctx.extra),
          connectionParams: ctx.connectionParams,
          params: payload,
        });
        let document: DocumentNode;
        try {
          document = enveloped.parse(payload.query);
        } catch (error) {
          const raw = error instanceof Error ? error.message : 'Invalid operation';
          const { message, code } = options.parseError?.(raw) ?? { message: raw, code: 'GRAPHQL_PARSE_FAILED' };
          return [new GraphQLError(message, { extensions: { code } })];
        }
        const errors = enveloped.validate(enveloped.schema, document);
        if (errors.length > 0) return errors;
        let contextValue: unknown;
        try {
          contextValue = await enveloped.contextFactory();
        } catch (error) {
          if (error instanceof AppError || (error instanceof Error && error.name === 'GraphQLError')) return [refusal(error, 'UNAUTHENTICATED')];
          throw error;
        }
        return {
          schema: enveloped.schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue,
          rootValue: { execute: enveloped.execute, subscribe: enveloped.subscribe },
        } satisfies ExecutionArgs;
      },
      execute: (args) => (args.rootValue as { execute: (a: ExecutionArgs) => never }).execute(args),
      subscribe: (args) =>
        (options.subscribe ? options.subscribe(args) : (args.rootValue as { subscribe: (a: ExecutionArgs) => unknown }).subscribe(args)) as never,
    },
    wsServer,
  );
  return {
    async close() {
      for (const client of wsServer.clients) client.terminate();
      await disposable.dispose();
    },
  };
}
