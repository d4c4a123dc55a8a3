import type { IncomingMessage, ServerResponse } from 'node:http';

/** A request as the simulator's handlers see it. */
export interface SimRequest {
  method: string;
  path: string;
  params: string[];
  headers: IncomingMessage['headers'];
  /** Parsed JSON (or form-encoded) body (undefined when empty); `invalid` when it did not parse. */
  body: any;
  invalidBody: boolean;
}

export interface SimResponse {
  status: number;
  body?: unknown;
}

export type Handler = (request: SimRequest) => SimResponse | Promise<SimResponse>;

export interface RouteDef {
  method: string;
  pattern: RegExp;
  handler: Handler;
}

const MAX_BODY_BYTES = 65_536;

export async function readBody(
  request: IncomingMessage,
): Promise<{ body: unknown; invalid: boolean; tooLarge: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return { body: undefined, invalid: true, tooLarge: true };
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return { body: undefined, invalid: false, tooLarge: false };
  // Africa's Talking takes its form-encoded bodies; everything else here speaks JSON.
  if (String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
    return { body: Object.fromEntries(new URLSearchParams(text)), invalid: false, tooLarge: false };
  }
  try {
    return { body: JSON.parse(text), invalid: false, tooLarge: false };
  } catch {
    return { body: undefined, invalid: true, tooLarge: false };
  }
}

export function send(response: ServerResponse, result: SimResponse): void {
  const payload = result.body === undefined ? '' : JSON.stringify(result.body);
  response.writeHead(result.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
  });
  response.end(payload);
}

export function header(request: SimRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
