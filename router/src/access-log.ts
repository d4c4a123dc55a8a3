// The access log: one line per operation (name, duration, status, request id, user id; never variables); x-request-id.
import { randomUUID } from 'node:crypto';
import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { answeredCodes, shortOperationName, type Logger } from '@busline/shared';

/** What the access log reads of an operation run over WebSocket. */
type OperationArgs = {
  operationName?: string | null;
  document: Parameters<typeof getOperationAST>[0];
  contextValue?: unknown;
};

/** What the router knows of one HTTP request by the time it answers. */
interface RequestRecord {
  requestId: string;
  started: number;
  operationName?: string;
  operationType?: string;
  userId?: string;
  errors?: string[];
  errorCount?: number;
}

export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * The router's request ids and access log: every request to /graphql gets an id of the router's
 * own (in the context, forwarded to subgraphs, and returned in `x-request-id`), and one log line
 * when it is answered: operation name and type, duration, HTTP status, error codes, request id and
 * the verified user. Never the variables or the query: they hold passengers' names and phones.
 */
export class AccessLog {
  private readonly records = new WeakMap<Request, RequestRecord>();

  constructor(
    private readonly logger: Logger,
    private readonly graphqlPath = '/graphql',
  ) {}

  /** The id of this request (the one its context carries). */
  requestId(request: Request | undefined): string {
    return (request && this.records.get(request)?.requestId) ?? randomUUID();
  }

  /** Records who made the request once a verified token says so. */
  identified(request: Request, userId: string | undefined): void {
    const record = this.records.get(request);
    if (record && userId) record.userId = userId;
  }

  /**
   * Logs a subscription started over WebSocket (one line when it starts: it may last for hours),
   * with its request id, the user the connection was counted against, and its error codes if refused.
   */
  subscribed(args: OperationArgs, result: unknown, userId: string | undefined): void {
    this.logWebSocket(args, 'subscription', result, userId);
  }

  /**
   * Logs an operation over WebSocket refused before it ran (a subscription limit, a rate limit, malformed
   * credentials, a parse or validation error), with its error codes: what an HTTP request refused alike logs.
   */
  refused(operationName: string | null | undefined, errors: readonly unknown[], userId: string | undefined): void {
    this.logger.info(
      {
        operationName: shortOperationName(operationName),
        transport: 'websocket',
        ok: false,
        errors: answeredCodes(errors),
        errorCount: errors.length,
        userId,
      },
      'operation',
    );
  }

  /** Logs a WebSocket dropped because its client left this many bytes of answers unread (it stopped reading). */
  droppedUnread(bufferedBytes: number): void {
    this.logger.warn({ transport: 'websocket', bufferedBytes }, 'websocket dropped: its answers were not read');
  }

  /**
   * Logs a query or mutation executed over WebSocket once answered: the fields of an HTTP line but the status,
   * and the user the connection was counted against.
   */
  executed(args: OperationArgs, result: unknown, userId: string | undefined, durationMs: number): void {
    const type = getOperationAST(args.document, args.operationName ?? undefined)?.operation;
    this.logWebSocket(args, type, result, userId, Math.round(durationMs * 10) / 10);
  }

  private logWebSocket(
    args: OperationArgs,
    operationType: string | undefined,
    result: unknown,
    userId: string | undefined,
    durationMs?: number,
  ): void {
    const errors =
      result && typeof result === 'object' && !(Symbol.asyncIterator in result)
        ? (result as { errors?: readonly { extensions?: { code?: unknown } }[] }).errors
        : undefined;
    this.logger.info(
      {
        requestId: (args.contextValue as { requestId?: string } | undefined)?.requestId,
        operationName: shortOperationName(
          args.operationName ?? getOperationAST(args.document, args.operationName ?? undefined)?.name?.value,
        ),
        operationType,
        transport: 'websocket',
        durationMs,
        ok: !errors?.length,
        errors: errors?.length ? answeredCodes(errors) : undefined,
        errorCount: errors?.length || undefined,
        userId,
      },
      'operation',
    );
  }

  plugin(): Plugin {
    return {
      onRequest: ({ request, url }) => {
        if (url.pathname !== this.graphqlPath) return;
        this.records.set(request, { requestId: randomUUID(), started: performance.now() });
      },
      onParams: ({ request, params }) => {
        const record = this.records.get(request);
        if (record && typeof params.operationName === 'string')
          record.operationName = shortOperationName(params.operationName);
      },
      onExecute: ({ args }) => {
        const request = (args.contextValue as { request?: Request }).request;
        const record = request && this.records.get(request);
        if (!record) return;
        const operation = getOperationAST(args.document, args.operationName ?? undefined);
        record.operationType = operation?.operation;
        record.operationName ??= shortOperationName(operation?.name?.value);
      },
      onSubscribe: ({ args }) => {
        const request = (args.contextValue as { request?: Request }).request;
        const record = request && this.records.get(request);
        if (record) record.operationType = 'subscription';
      },
      onResultProcess: ({ request, result }) => {
        const record = this.records.get(request);
        if (!record || Array.isArray(result) || !result || Symbol.asyncIterator in result) return;
        const errors = (result as { errors?: readonly { extensions?: { code?: unknown } }[] }).errors;
        if (errors?.length) {
          // Each code once: a request answered with a hundred errors of one code logs a short line.
          record.errors = answeredCodes(errors);
          record.errorCount = errors.length;
        }
      },
      onResponse: ({ request, response }) => {
        const record = this.records.get(request);
        if (!record) return;
        response.headers.set(REQUEST_ID_HEADER, record.requestId);
        const status = response.status;
        this.logger.info(
          {
            requestId: record.requestId,
            operationName: record.operationName,
            operationType: record.operationType,
            durationMs: Math.round((performance.now() - record.started) * 10) / 10,
            status,
            ok: status < 400 && !record.errors,
            errors: record.errors,
            errorCount: record.errorCount,
            userId: record.userId,
          },
          'operation',
        );
      },
    };
  }
}
