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
import type { SubscribersOptions } from './subscribers';

type Start = SubscribersOptions & { kind: 'start' };

/** Every `next` message: which event (keyField's value, -1 without), which client, when. */
const received: { key: number; client: number; at: number }[] = [];
/** `next` messages carrying errors, and subscriptions refused (`error` messages). */
let errors = 0;
/** Answered once `received` holds this many deliveries. */
let waiting: { total: number; reply: () => void } | undefined;
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

const TYPE = Buffer.from('"type":"');
const ERRORS = Buffer.from('"errors":');
const EMPTY = Buffer.alloc(0);
let keyField: Buffer | undefined;

/** Whether buf[start, end) holds `what`. */
const holds = (buf: Buffer, what: Buffer, start: number, end: number) => {
  const at = buf.indexOf(what, start);
  return at >= 0 && at + what.length <= end;
};

const NEXT = 'next';
const CONNECTION_ACK = 'connection_ack';
const ERROR = 'error';
/** The graphql-ws message type of the JSON text in buf[start, end) (read up to its closing quote). */
function typeIn(buf: Buffer, start: number, end: number): string {
  const at = buf.indexOf(TYPE, start);
  if (at < 0 || at >= end) return '';
  const from = at + TYPE.length;
  const to = buf.indexOf(0x22, from);
  return to < 0 || to >= end ? '' : buf.toString('latin1', from, to);
}

/** The number after keyField in buf[start, end), or -1. */
function keyIn(buf: Buffer, start: number, end: number): number {
  if (!keyField) return -1;
  const at = buf.indexOf(keyField, start);
  if (at < 0 || at >= end) return -1;
  let value = 0;
  for (let i = at + keyField.length; i < end && buf[i]! >= 0x30 && buf[i]! <= 0x39; i++)
    value = value * 10 + buf[i]! - 0x30;
  return value;
}

function open(message: Start, client: number): Promise<void> {
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
          // Cheapest test first: with 10,000 clients on the same cores as the router, every scan counts.
          const key = keyIn(buf, from, start);
          const type = key >= 0 ? NEXT : typeIn(buf, from, start);
          if (type === NEXT) {
            received.push({ key, client, at: now() });
            if (key < 0 && holds(buf, ERRORS, from, start)) errors++;
            if (waiting && received.length >= waiting.total) {
              waiting.reply();
              waiting = undefined;
            }
          } else if (type === CONNECTION_ACK) {
            const variables = Array.isArray(message.variables) ? message.variables[client] : message.variables;
            // A UUID, as graphql-ws clients (Apollo Client's included) choose ids.
            socket.write(text({ id: randomUUID(), type: 'subscribe', payload: { query: message.query, variables } }));
            resolve();
          } else if (type === ERROR) errors++;
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
        if (!buf.subarray(0, 12).toString().includes(' 101'))
          return reject(new Error(buf.subarray(0, headerEnd).toString()));
        upgraded = true;
        start = headerEnd + 4;
        socket.write(text({ type: 'connection_init', payload: message.connectionParams ?? {} }));
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

type Message = Start | { kind: 'mark' } | { kind: 'wait'; total: number } | { kind: 'collect' } | { kind: 'close' };

process.on('message', async (message: Message) => {
  if (message.kind === 'start') {
    keyField = message.keyField ? Buffer.from(`"${message.keyField}":`) : undefined;
    // Open in batches so the router's accept queue is not flooded.
    for (let i = 0; i < message.count; i += 250) {
      await Promise.all(Array.from({ length: Math.min(250, message.count - i) }, (_, j) => open(message, i + j)));
    }
    cpuAtReady = process.cpuUsage();
    process.send!({ kind: 'ready' });
  } else if (message.kind === 'mark') {
    // Measurement starts here: what arrived before (warm-up) and the CPU spent so far are dropped.
    received.length = 0;
    errors = 0;
    cpuAtReady = process.cpuUsage();
    process.send!({ kind: 'marked' });
  } else if (message.kind === 'wait') {
    const reply = () => process.send!({ kind: 'reached', count: received.length });
    if (received.length >= message.total) reply();
    else waiting = { total: message.total, reply };
  } else if (message.kind === 'collect') {
    process.send!({ kind: 'received', received, errors, cpu: process.cpuUsage(cpuAtReady) });
    received.length = 0;
    errors = 0;
  } else {
    for (const socket of sockets) socket.destroy();
    process.send!({ kind: 'closed' });
    process.exit(0);
  }
});
