// Subgraph fetches: keep-alive connections with a timeout, carrying credentials, request id, address, deadline, secret.
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { Agent, request as undiciRequest, type Dispatcher } from 'undici';
import { REQUEST_DEADLINE_HEADER, ROUTER_SECRET_HEADER } from '@busline/shared';
import type { RouterContext } from './context';

export interface SubgraphClientOptions {
  name: string;
  url: string;
  timeoutMs: number;
  connections: number;
  routerSecret?: string;
}

/**
 * A subgraph that gave no answer: refused or cut connection, timeout. Named, so that the client's error names the
 * service and the router's log says why (the cause stays out of what clients see).
 */
export function unreachable(serviceName: string, cause: unknown): GraphQLError {
  return new GraphQLError(`The ${serviceName} service is unavailable`, {
    extensions: { code: 'UNAVAILABLE', serviceName },
    originalError: cause instanceof Error ? cause : new Error(String(cause)),
  });
}

type Answer = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

/** The minimal Fetch-like response RemoteGraphQLDataSource reads (status, headers, body). */
export class SubgraphResponse {
  readonly ok: boolean;
  readonly statusText = '';
  constructor(
    readonly url: string,
    readonly status: number,
    readonly headers: Headers,
    /** The body as the subgraph wrote it. */
    readonly body: string,
  ) {
    this.ok = status >= 200 && status < 300;
  }
  async json(): Promise<unknown> {
    return JSON.parse(this.body);
  }
  async text(): Promise<string> {
    return this.body;
  }
}

/**
 * A subgraph behind keep-alive connections (one undici pool per subgraph) with a per-request
 * timeout; forwards the caller's Authorization, request id and client address plus the router secret,
 * and tells the subgraph its deadline.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<RouterContext> {
  readonly agent: Agent;

  constructor(private readonly options: SubgraphClientOptions) {
    const agent = new Agent({ connections: options.connections, keepAliveTimeout: 30_000, pipelining: 1 });
    super({
      url: options.url,
      honorSubgraphCacheControlHeader: false,
      fetcher: (async (url: string, init: { method: string; headers: Record<string, string>; body: string }) => {
        // The subgraph learns when this request will be given up, so it can give up too instead of
        // committing work whose answer nobody receives.
        const deadline = Date.now() + options.timeoutMs;
        let response: Dispatcher.ResponseData;
        let text: string;
        try {
          response = await undiciRequest(url, {
            method: init.method as 'POST',
            headers: { ...init.headers, [REQUEST_DEADLINE_HEADER]: String(deadline) },
            body: init.body,
            dispatcher: agent,
            headersTimeout: options.timeoutMs,
            bodyTimeout: options.timeoutMs,
            signal: AbortSignal.timeout(options.timeoutMs),
          });
          text = await response.body.text();
        } catch (error) {
          throw unreachable(options.name, error);
        }
        const headers = new Headers();
        for (const [key, value] of Object.entries(response.headers)) {
          if (typeof value === 'string') headers.set(key, value);
          else if (Array.isArray(value)) for (const v of value) headers.append(key, v);
        }
        return new SubgraphResponse(url, response.statusCode, headers, text);
      }) as never,
    });
    this.agent = agent;
  }

  /**
   * RemoteGraphQLDataSource's `process` for what the router uses of it (no persisted queries, no cache hints read from
   * subgraphs, no hooks on errors): the same body (`query` first, which deduplication reads) and headers, without the
   * node-fetch Headers and Request the base class builds around each fetch for those hooks (a legacy URL parse and two
   * copies of the headers per fetch: a twentieth of the router's time per hold). Forwards the caller's Authorization,
   * request id and client address, and the router secret.
   */
  override async process({ request, context }: GraphQLDataSourceProcessOptions<RouterContext>): Promise<Answer> {
    if (!request.query) throw new Error('Missing query');
    const headers: Record<string, string> = {};
    for (const [name, value] of request.http?.headers ?? []) headers[name.toLowerCase()] = value;
    headers['content-type'] = 'application/json';
    if (context?.authorization) headers.authorization = context.authorization;
    if (context?.requestId) headers['x-request-id'] = context.requestId;
    if (context?.clientIp) headers['x-client-ip'] = context.clientIp;
    if (this.options.routerSecret) headers[ROUTER_SECRET_HEADER] = this.options.routerSecret;
    const { query, http: _http, ...rest } = request;
    const response = await this.fetcher(this.url, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, ...rest }),
    });
    if (!response.ok) throw await this.errorFromResponse(response);
    const body = await this.parseBody(response);
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw new Error(`Expected JSON response body, but received: ${String(body)}`);
    return { ...body, http: response } as Answer;
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}
