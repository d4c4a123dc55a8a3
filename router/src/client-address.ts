// The client's address: the socket's, or the X-Forwarded-For entry the outermost trusted proxy wrote.
import type { IncomingMessage } from 'node:http';

/**
 * The client's address. Each of the `trustedProxies` proxies in front appends the address it was
 * reached from to X-Forwarded-For, so the entry that many places from the right was written by the
 * outermost one; entries further left were written by the client and prove nothing. A header with
 * fewer entries did not come through every configured proxy (or the client wrote it all, reaching
 * the router directly): none of it can be trusted, and the socket address is used.
 */
export function clientAddress(req: IncomingMessage | undefined, trustedProxies: number): string | undefined {
  if (!req) return undefined;
  if (trustedProxies > 0) {
    const header = req.headers['x-forwarded-for'];
    const entries = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((entry) => entry.trim());
    const forwarded = entries.length >= trustedProxies ? entries[entries.length - trustedProxies] : undefined;
    if (forwarded) return forwarded;
  }
  return req.socket.remoteAddress ?? undefined;
}
