import { boundedText } from '@busline/shared';

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
    const detail =
      cause instanceof Error ? (cause.name === 'TimeoutError' ? 'timed out' : cause.message) : String(cause);
    super(`${provider} ${operation}: no answer (${detail})`, { cause });
    this.name = 'ProviderUnreachableError';
  }
}

/** Text from a provider with every phone-number-like run of digits cut (it ends up in logs and the database). */
export function maskNumbers(text: string): string {
  return text.replace(/\+?\d[\d\s().-]{6,}\d/g, '[number]');
}

const firstString = (...values: unknown[]): string | undefined =>
  values.find((value): value is string => typeof value === 'string' && value.length > 0);

/**
 * The provider's error code and message from an answer body (MoMo `{ code, message }` or `{ reason }`,
 * Airtel `{ status: { response_code, message } }`), and nothing else of it: a body may echo the payer's
 * number (MoMo's `payer.partyId`, Airtel's `msisdn`).
 */
export function providerErrorOf(body: unknown): { code?: string; message?: string } {
  if (!body || typeof body !== 'object') return {};
  const b = body as Record<string, any>;
  const code = firstString(
    b.code,
    b.reason?.code,
    b.reason,
    b.status?.response_code,
    b.status?.result_code,
    b.status?.code,
    b.error,
    b.status,
    b.data?.transaction?.status,
  );
  const message = firstString(b.message, b.reason?.message, b.status?.message, b.error_description);
  // A code is an identifier (APPROVAL_REJECTED, DP00800001000); anything else, or a bare number, is not kept as one.
  const safeCode = code && /^[A-Za-z0-9_.:-]{1,64}$/.test(code) && !/^\+?\d{7,}$/.test(code) ? code : undefined;
  return {
    ...(safeCode ? { code: safeCode } : {}),
    ...(message ? { message: maskNumbers(message).slice(0, 160) } : {}),
  };
}

/**
 * The provider answered with a status we cannot act on (5xx, or an unexpected code). Keeps only the
 * provider's error code and message (numbers masked), never the body: its message reaches the logs and a
 * refund's lastError.
 */
export class ProviderHttpError extends Error {
  readonly code: string | undefined;
  readonly providerMessage: string | undefined;

  constructor(
    readonly provider: string,
    readonly operation: string,
    readonly status: number,
    body: unknown,
  ) {
    const { code, message } = providerErrorOf(body);
    super(`${provider} ${operation}: HTTP ${status}${code ? ` ${code}` : ''}${message ? ` (${message})` : ''}`);
    this.name = 'ProviderHttpError';
    this.code = code;
    this.providerMessage = message;
  }
}

/**
 * The most of a provider's answer read: theirs are a few hundred bytes. A longer one (a proxy's page, a stream that
 * never ends) is no answer, and is not held in memory whole: the read stops there.
 */
export const MAX_ANSWER_BYTES = 64 * 1024;

export async function callProvider(provider: string, operation: string, call: ProviderCall): Promise<ProviderAnswer> {
  let response: Response;
  try {
    response = await fetch(call.url, {
      method: call.method,
      headers: {
        accept: 'application/json',
        ...(call.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...call.headers,
      },
      body: call.body === undefined ? undefined : typeof call.body === 'string' ? call.body : JSON.stringify(call.body),
      signal: AbortSignal.timeout(call.timeoutMs),
    });
  } catch (error) {
    throw new ProviderUnreachableError(provider, operation, error);
  }
  let text: string;
  try {
    text = await boundedText(response, MAX_ANSWER_BYTES);
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
  return (
    error instanceof ProviderUnreachableError ||
    (error instanceof ProviderHttpError && (error.status >= 500 || error.status === 429))
  );
}

/**
 * A call that may have done what it asked without our knowing: no answer, the provider's own trouble, or a success
 * we cannot read (a gateway's page, a cut-off body). A refund attempt ending so is unclear, never a refusal.
 */
export function isUnclear(error: unknown): boolean {
  return isTransient(error) || (error instanceof ProviderHttpError && error.status >= 200 && error.status < 300);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Added to the longest a provider call can take when leasing work that waits on it: the lease never lapses while the
 * call may still answer (timers fire late, and the database's clock is not the process's).
 */
export const LEASE_MARGIN_MS = 5_000;

/**
 * The longest a call with an access token, tried `attempts` times (retryIdempotent), can take: each try may fetch a
 * token, make the call, and after a 401 fetch another and call again (four timeouts), plus the waits between tries.
 */
export function longestCallMs(config: { timeoutMs: number; retryDelayMs: number }, attempts: number): number {
  return attempts * 4 * config.timeoutMs + config.retryDelayMs * (2 ** (attempts - 1) - 1);
}

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
