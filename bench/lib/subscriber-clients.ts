/**
 * Child process of the subscription benchmark: opens N graphql-ws connections to the router, one
 * subscription each, and records when every event arrives. Driven over IPC by the parent.
 *
 * A load generator, not a client library: real subscribers sit on other machines, while these
 * share two cores with the router. So each connection is a bare TCP socket speaking just enough
 * WebSocket (RFC 6455: upgrade, masked client frames, unmasked server frames, ping → pong) and
 * graphql-transport-ws (connection_init, subscribe) to follow one subscription cheaply.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { connect, type Socket } from 'node:net';

interface Start {
  kind: 'start';
  url: string;
  count: number;
  query: string;
  variables: Record<string, unknown>;
}

const received: { key: number; at: number }[] = [];
const sockets: Socket[] = [];
const now = () => performance.timeOrigin + performance.now();
let cpuAtReady: NodeJS.CpuUsage | undefined;
const READ_BUFFER = Buffer.alloc(64 * 1024);

/** A masked client frame (text or pong). */
function clientFrame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  const header = length < 126 ? 2 : 4;
  const frame = Buffer.allocUnsafe(header + 4 + length);
  frame[0] = 0x80 | opcode;
  if (length < 126) frame[1] = 0x80 | length;
  else {
    frame[1] = 0x80 | 126;
    frame.writeUInt16BE(length, 2);
  }
  const mask = randomBytes(4);
  mask.copy(frame, header);
  for (let i = 0; i < length; i++) frame[header + 4 + i] = payload[i]! ^ mask[i & 3]!;
  return frame;
}
const text = (value: unknown) => clientFrame(0x1, Buffer.from(JSON.stringify(value)));

const SEATS_FIELD = Buffer.from('"availableSeats":');
const EMPTY = Buffer.alloc(0);

/** The number after `"availableSeats":` in buf[start, end), or -1. */
function seatsIn(buf: Buffer, start: number, end: number): number {
  const at = buf.indexOf(SEATS_FIELD, start);
  if (at < 0 || at >= end) return -1;
  let value = 0;
  for (let i = at + SEATS_FIELD.length; i < end && buf[i]! >= 0x30 && buf[i]! <= 0x39; i++) value = value * 10 + buf[i]! - 0x30;
  return value;
}

function open(message: Start): Promise<void> {
  const url = new URL(message.url);
  return new Promise((resolve, reject) => {
    let upgraded = false;
    /** Bytes of an incomplete frame, copied out of the shared read buffer. */
    let pending: Buffer = EMPTY;

    /** Handles the complete frames in buf[start, end); returns where the incomplete rest starts. */
    const frames = (buf: Buffer, start: number, end: number): number => {
      while (end - start >= 2) {
        const opcode = buf[start]! & 0x0f;
        let length = buf[start + 1]! & 0x7f;
        let offset = 2;
        if (length === 126) {
          if (end - start < 4) break;
          length = buf.readUInt16BE(start + 2);
          offset = 4;
        } else if (length === 127) {
          if (end - start < 10) break;
          length = Number(buf.readBigUInt64BE(start + 2));
          offset = 10;
        }
        if (end - start < offset + length) break;
        const from = start + offset;
        start = from + length;
        if (opcode === 0x1) {
          const seats = seatsIn(buf, from, start);
          if (seats >= 0) received.push({ key: seats, at: now() });
          else if (buf.subarray(from, start).includes('"connection_ack"')) {
            // A UUID, as graphql-ws clients (Apollo Client's included) choose ids.
            socket.write(text({ id: randomUUID(), type: 'subscribe', payload: { query: message.query, variables: message.variables } }));
            resolve();
          }
        } else if (opcode === 0x9) {
          socket.write(clientFrame(0xa, Buffer.from(buf.subarray(from, start))));
        } else if (opcode === 0x8) {
          socket.end();
        }
      }
      return start;
    };

    const onData = (read: Buffer, bytes: number) => {
      // Usual case: nothing pending, the frames are parsed in place in the shared read buffer.
      let buf = read;
      let end = bytes;
      if (pending.length) {
        buf = Buffer.concat([pending, read.subarray(0, bytes)]);
        end = buf.length;
      }
      let start = 0;
      if (!upgraded) {
        const headerEnd = buf.subarray(0, end).indexOf('\r\n\r\n');
        if (headerEnd < 0) {
          pending = Buffer.from(buf.subarray(0, end));
          return;
        }
        if (!buf.subarray(0, 12).toString().includes(' 101')) return reject(new Error(buf.subarray(0, headerEnd).toString()));
        upgraded = true;
        start = headerEnd + 4;
        socket.write(text({ type: 'connection_init', payload: {} }));
      }
      const rest = frames(buf, start, end);
      // What is left must survive the next read into the shared buffer.
      pending = rest < end ? Buffer.from(buf.subarray(rest, end)) : EMPTY;
    };

    // Reads land in one shared buffer: no allocation or stream machinery per read.
    const socket = connect({
      port: Number(url.port),
      host: url.hostname,
      noDelay: true,
      onread: {
        buffer: READ_BUFFER,
        callback: (bytes: number) => {
          onData(READ_BUFFER, bytes);
          return true;
        },
      },
    });
    sockets.push(socket);
    socket.on('connect', () =>
      socket.write(
        `GET ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n` +
          `Sec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n`,
      ),
    );
    socket.on('error', reject);
  });
}

process.on('message', async (message: Start | { kind: 'mark' } | { kind: 'collect' } | { kind: 'close' }) => {
  if (message.kind === 'start') {
    // Open in batches so the router's accept queue is not flooded.
    for (let i = 0; i < message.count; i += 250) {
      await Promise.all(Array.from({ length: Math.min(250, message.count - i) }, () => open(message)));
    }
    cpuAtReady = process.cpuUsage();
    process.send!({ kind: 'ready' });
  } else if (message.kind === 'mark') {
    // Measurement starts here: what arrived before (warm-up) and the CPU spent so far are dropped.
    received.length = 0;
    cpuAtReady = process.cpuUsage();
    process.send!({ kind: 'marked' });
  } else if (message.kind === 'collect') {
    process.send!({ kind: 'received', received, cpu: process.cpuUsage(cpuAtReady) });
    received.length = 0;
  } else {
    for (const socket of sockets) socket.destroy();
    process.send!({ kind: 'closed' });
    process.exit(0);
  }
});
