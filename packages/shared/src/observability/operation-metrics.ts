import { getOperationAST, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { BoundedLabel, Counter, Histogram, LATENCY_BUCKETS, type Registry } from './metrics';
import { answeredCode } from '../errors';

type ErrorList = readonly { extensions?: { code?: unknown } }[] | undefined;

/** The operation metrics of one registry: Yoga's plugin, and a count of what runs beside Yoga's plugins. */
export interface OperationMetrics {
  plugin: Plugin;
  /**
   * Counts an operation the plugin never sees: a subscription the router's WebSocket runs on its own executor, or an
   * operation refused there before it ran (its type then `unknown`).
   */
  count(operationName: string | null | undefined, type: string, result: unknown): void;
}

/**
 * Rate, errors and latency of every GraphQL operation by operation name and type, plus the HTTP
 * status of every response (refusals before execution: rate limits, parse and validation errors).
 * Subscriptions are counted when they start; their open count is a gauge of the WebSocket server.
 */
export function useOperationMetrics(registry: Registry): Plugin {
  return operationMetrics(registry).plugin;
}

/** useOperationMetrics, with `count` for what runs beside Yoga's plugins (once per registry). */
export function operationMetrics(registry: Registry): OperationMetrics {
  const operations = new Counter({
    name: 'busline_graphql_operations_total',
    help: 'GraphQL operations executed, by operation name, type and outcome (ok, error: the answer has errors)',
    labelNames: ['operation', 'type', 'outcome'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'busline_graphql_operation_duration_seconds',
    help: 'Time to execute a query or mutation (parse and validation excluded), by operation name and type',
    labelNames: ['operation', 'type'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const errors = new Counter({
    name: 'busline_graphql_errors_total',
    help: 'Errors in GraphQL answers, by operation name and extensions.code',
    labelNames: ['operation', 'code'],
    registers: [registry],
  });
  const responses = new Counter({
    name: 'busline_http_responses_total',
    help: 'HTTP responses, by status code',
    labelNames: ['status'],
    registers: [registry],
  });
  const names = new BoundedLabel(200);
  const codes = new BoundedLabel(50, 'NONE');

  const record = (operation: string, type: string, result: unknown) => {
    const list = (result as ExecutionResult | undefined)?.errors as ErrorList;
    operations.inc({ operation, type, outcome: list?.length ? 'error' : 'ok' });
    for (const error of list ?? []) {
      // Counted before the error is masked: a subgraph's AppError has no code yet (answeredCode gives its own).
      errors.inc({ operation, code: codes.value(answeredCode(error)) });
    }
  };

  const plugin: Plugin = {
    onExecute({ args }) {
      const started = performance.now();
      const type = getOperationAST(args.document, args.operationName ?? undefined)?.operation ?? 'unknown';
      const operation = names.value(
        args.operationName ?? getOperationAST(args.document, args.operationName ?? undefined)?.name?.value,
      );
      return {
        onExecuteDone({ result }) {
          duration.observe({ operation, type }, (performance.now() - started) / 1000);
          record(operation, type, Symbol.asyncIterator in (result as object) ? undefined : result);
        },
      };
    },
    onSubscribe({ args }) {
      const operation = names.value(
        args.operationName ?? getOperationAST(args.document, args.operationName ?? undefined)?.name?.value,
      );
      return {
        onSubscribeResult({ result }) {
          record(operation, 'subscription', Symbol.asyncIterator in (result as object) ? undefined : result);
        },
      };
    },
    onResponse({ response }) {
      responses.inc({ status: String(response.status) });
    },
  };
  return {
    plugin,
    count: (operationName, type, result) =>
      record(
        names.value(operationName ?? undefined),
        type,
        Symbol.asyncIterator in Object(result) ? undefined : result,
      ),
  };
}
