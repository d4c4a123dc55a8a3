// Open TCP connections per client address, for a router that clients reach directly (no trusted proxy).
import type { Server, Socket } from 'node:net';
import { addressBucket, ErrorCode, type Logger } from '@busline/shared';

export interface SocketLimits {
  /** Whether the router refused this socket (its requests must not be answered). */
  refused(socket: Socket): boolean;
  /** Connections refused since the router started. */
  readonly refusedTotal: number;
}

const BODY = JSON.stringify({
  errors: [{ message: 'Too many connections from this address', extensions: { code: ErrorCode.RATE_LIMITED } }],
});
const TOO_MANY =
  'HTTP/1.1 429 Too Many Requests\r\nconnection: close\r\ncontent-type: application/json\r\n' +
  `retry-after: 1\r\ncontent-length: ${Buffer.byteLength(BODY)}\r\n\r\n${BODY}`;
/** How long a refused client has to read the answer and close before its socket is destroyed. */
const REFUSED_LINGER_MS = 1000;
/** At most one warning in this long, with what was refused since the last. */
const WARN_EVERY_MS = 10_000;

/**
 * Counts the sockets open from each address (an IPv6 /64 as one) and answers one past `max` with 429
 * and `connection: close` at once (nothing it sends is run), destroying it a second later, so a client
 * holding idle or half-sent connections (slowloris) cannot use up the process's file descriptors and lock
 * everyone else out. Every socket counts, WebSocket ones too. Only for peers that are clients: behind
 * proxies every socket comes from a proxy, and the proxy caps its clients' connections.
 */
export function limitSocketsPerAddress(server: Server, max: number, logger: Logger): SocketLimits {
  const open = new Map<string, number>();
  const refused = new WeakSet<Socket>();
  let refusedTotal = 0;
  let warnedAt = 0;
  let warnedTotal = 0;
  // Before Node's HTTP listener, so a refused socket is answered before any request on it is parsed.
  server.prependListener('connection', (socket: Socket) => {
    const key = addressBucket(socket.remoteAddress);
    if (!key) return;
    const count = open.get(key) ?? 0;
    if (count >= max) {
      refused.add(socket);
      refusedTotal++;
      socket.end(TOO_MANY);
      // A fixed time, not an idle one: a client trickling bytes does not keep a refused socket open.
      setTimeout(() => socket.destroy(), REFUSED_LINGER_MS).unref();
      const now = Date.now();
      if (now - warnedAt >= WARN_EVERY_MS) {
        logger.warn(
          { address: key, max, refused: refusedTotal - warnedTotal },
          'connections refused: too many open from one address',
        );
        warnedAt = now;
        warnedTotal = refusedTotal;
      }
      return;
    }
    open.set(key, count + 1);
    socket.once('close', () => {
      const left = (open.get(key) ?? 1) - 1;
      if (left > 0) open.set(key, left);
      else open.delete(key);
    });
  });
  return {
    refused: (socket) => refused.has(socket),
    get refusedTotal() {
      return refusedTotal;
    },
  };
}
