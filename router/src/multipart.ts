// Transport: Apollo's multipart HTTP subscription protocol.
import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';

const BOUNDARY = 'graphql';
const HEARTBEAT_MS = 5000;

function isAsyncIterable(value: unknown): value is AsyncIterable<ExecutionResult> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/**
 * Apollo's multipart HTTP subscription protocol (what Apollo Client's HttpLink and Apollo Sandbox
 * speak): `multipart/mixed; boundary="graphql"; subscriptionSpec="1.0"`, each event a part
 * `{"payload": result}`, a `{}` heartbeat every 5 s, `--graphql--` at the end.
 */
export function useApolloMultipartSubscriptions(): Plugin {
  /** Requests whose operation is a subscription (a query's answer stays JSON whatever its Accept). */
  const subscriptions = new WeakSet<Request>();
  return {
    onSubscribe({ args }) {
      const request = (args.contextValue as { request?: Request } | undefined)?.request;
      if (request) subscriptions.add(request);
    },
    onResultProcess({ request, result, setResultProcessor }) {
      const accept = request.headers.get('accept') ?? '';
      if (!accept.includes('multipart/mixed') || !accept.includes('subscriptionSpec')) return;
      // A subscription refused as it started (a limit) answers one result: one part, then the end.
      if (!isAsyncIterable(result) && !subscriptions.has(request)) return;
      setResultProcessor((input, fetchAPI) => {
        const iterator = isAsyncIterable(input)
          ? input[Symbol.asyncIterator]()
          : [input as ExecutionResult][Symbol.iterator]();
        const encoder = new fetchAPI.TextEncoder();
        let heartbeat: NodeJS.Timeout | undefined;
        const part = (body: unknown) =>
          encoder.encode(
            `\r\n--${BOUNDARY}\r\ncontent-type: application/json; charset=utf-8\r\n\r\n${JSON.stringify(body)}`,
          );
        const stream = new fetchAPI.ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(part({}));
            // Only while the client reads what it was sent: a stream nobody reads must not queue a part every 5 s.
            heartbeat = setInterval(() => {
              if ((controller.desiredSize ?? 0) > 0) controller.enqueue(part({}));
            }, HEARTBEAT_MS);
          },
          async pull(controller) {
            const { value, done } = await iterator.next();
            if (done) {
              clearInterval(heartbeat);
              controller.enqueue(encoder.encode(`\r\n--${BOUNDARY}--\r\n`));
              controller.close();
              return;
            }
            const { data, errors, extensions } = value;
            controller.enqueue(
              part({ payload: { data, ...(errors ? { errors } : {}), ...(extensions ? { extensions } : {}) } }),
            );
          },
          async cancel() {
            clearInterval(heartbeat);
            await iterator.return?.();
          },
        });
        return new fetchAPI.Response(stream, {
          status: 200,
          headers: {
            'content-type': `multipart/mixed; boundary="${BOUNDARY}"; subscriptionSpec="1.0"`,
            connection: 'keep-alive',
            'cache-control': 'no-cache',
          },
        });
      }, 'multipart/mixed');
    },
  };
}
