// A client sending its request a byte at a time (slowloris) keeps its connection only as long as the service allows.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createService, type Service } from '../src/server/service';
import { testLogger } from '../src/testing';

let service: Service;
let port: number;
beforeAll(async () => {
  service = createService({
    name: 'slow-requests',
    logger: testLogger(),
    handler: (req, res) => {
      req.resume();
      req.on('end', () => res.end('ok'));
    },
    requestTimeouts: { headersMs: 1_000, requestMs: 2_000, checkEveryMs: 250 },
  });
  port = Number(new URL(await service.start(0, '127.0.0.1')).port);
});
afterAll(() => service.stop());

/** Opens a connection, writes `first`, then a byte of `drip` every 200 ms; resolves once closed, with its answer. */
function trickle(first: string, drip: string) {
  return new Promise<{ heldMs: number; answer: string }>((resolve) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1', () => socket.write(first));
    let answer = '';
    let sent = 0;
    const timer = setInterval(() => {
      if (!socket.destroyed) socket.write(drip[sent++ % drip.length]!);
    }, 200);
    socket.on('data', (chunk) => (answer += chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ heldMs: Date.now() - started, answer });
    });
    // Far past both limits: a connection still open then was never cut.
    setTimeout(() => socket.destroy(), 10_000);
  });
}

describe('requests that arrive too slowly', () => {
  it('closes a connection whose headers are still coming after the headers timeout (408)', async () => {
    const { heldMs, answer } = await trickle('POST /graphql HTTP/1.1\r\nHost: x\r\n', 'X-Slow: a\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(heldMs).toBeLessThan(4_000);
  });

  it('closes a connection whose body is still coming after the request timeout (408)', async () => {
    const { heldMs, answer } = await trickle(
      'POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 90000\r\n\r\n{',
      ' ',
    );
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(heldMs).toBeLessThan(5_000);
  });

  it('answers a request that arrives in time, and keeps an idle keep-alive connection past both timeouts', async () => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk));
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write('GET /x HTTP/1.1\r\nHost: x\r\n\r\n');
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
    expect(socket.destroyed).toBe(false);
    socket.write('GET /y HTTP/1.1\r\nHost: x\r\n\r\n');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(answer.match(/HTTP\/1\.1 200/g)).toHaveLength(2);
    socket.destroy();
  });
});
