import { GraphQLError, getOperationAST, type ExecutionArgs, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * Hands queries and mutations to the gateway's query planner and executor instead of graphql-js.
 * Subscriptions are refused with a clear code until the router executes them.
 */
export function useGatewayExecutor(execute: (args: ExecutionArgs) => Promise<ExecutionResult>): Plugin {
  return {
    onExecute({ setExecuteFn }) {
      setExecuteFn(execute as never);
    },
    onSubscribe({ args, setSubscribeFn }) {
      const operation = getOperationAST(args.document, args.operationName ?? undefined);
      if (operation?.operation !== 'subscription') return;
      setSubscribeFn((async () => ({
        errors: [
          new GraphQLError('Subscriptions are not yet executed by the router; subscribe on the owning subgraph', {
            extensions: { code: 'OPERATION_NOT_SUPPORTED' },
          }),
        ],
      })) as never);
    },
  };
}
