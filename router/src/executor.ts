// Execution: queries and mutations to the gateway, subscriptions to the federated subscription executor.
import type { ExecutionArgs, ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * Hands queries and mutations to the gateway's query planner and executor, and subscriptions to
 * the router's own federated subscription executor, instead of graphql-js.
 */
export function useGatewayExecutor(
  execute: (args: ExecutionArgs) => Promise<ExecutionResult>,
  subscribe: (
    args: ExecutionArgs,
  ) =>
    | Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult>
    | AsyncIterableIterator<ExecutionResult>
    | ExecutionResult,
): Plugin {
  return {
    onExecute({ setExecuteFn }) {
      setExecuteFn(execute as never);
    },
    onSubscribe({ setSubscribeFn }) {
      setSubscribeFn(subscribe as never);
    },
  };
}
