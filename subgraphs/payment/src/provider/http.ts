/** One HTTP exchange with a provider: JSON in and out, a timeout, and errors that say what happened. */
export interface ProviderCall {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  /** JSON-encoded unless a string (sent as is). */
  body?: unknown;
  timeoutMs: number;
}

export interface ProviderAnswer {
  status: number;
  /** Parsed JSON, or undefined when the body is empty or not JSON. */
  body: any;
}

/** No answer from the provider (connection refused or reset, timeout): the request may or may not have arrived. */
export class ProviderUnreachableError extends Error {
  constructor(
    readonly provider: string,
    readonly operation: string,
    cause: unknown,
  ) {
    const detail = cause instanceof Error ? (cause.name === 'TimeoutError' ? 'timed out' : cause.message) : String(cause);
    super(`${provider} ${operation}: no answer (${detail})`, { cause });
    this.name = 'ProviderUnreachableError';
  }
}

/** The provider answered with a status we cannot act on (5xx, or an unexpected code). */
export class ProviderHttpError extends Error {
  constructor(
    readonly provider: string,
    readonly operation: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`${provider} ${operation}: HTTP ${status}${body ? ` ${JSON.stringify(body).slice(0, 200)}` : ''}`);
    this.name = 'ProviderHttpError';
  }
}

export async function callProvider(provider: string, operation: string, call: ProviderCall): Promise<ProviderAnswer> {
  let response: Response;
  try {
    response = await fetch(call.url, {
      method: call.method,
      headers: { accept: 'application/json', ...(call.body !== undefined ? { 'content-type': 'application/json' } : {}), ...call.headers },
      body: call.body === undefined ? undefined : typeof call.body === 'string' ? call.body : JSON.stringify(call.body),
      signal: AbortSignal.timeout(call.timeoutMs),
    });
  } catch (error) {
    throw new ProviderUnreachableError(provider, operation, error);
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw new ProviderUnreachableError(provider, operation, error);
  }
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: response.status, body };
}

/** Worth another try of an idempotent call: no answer, or the provider's own trouble. */
export function isTransient(error: unknown): boolean {
  return error instanceof ProviderUnreachableError || (error instanceof ProviderHttpError && (error.status >= 500 || error.status === 429));
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs an idempotent call up to `attempts` times while it fails transiently, waiting `delayMs`, doubling. */
export async function retryIdempotent<T>(attempts: number, delayMs: number, run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= attempts || !isTransient(error)) throw error;
      await sleep(delayMs * 2 ** (attempt - 1));
    }
  }
}
