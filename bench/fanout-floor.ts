/**
 * The machine's floor for the subscription fan-out: what it costs this machine just to get one small
 * WebSocket frame to N clients on loopback, with no GraphQL, no database and no Redis. Same layout as
 * `bench/subscriptions.ts`: the same client process (bench/lib/subscriber-clients.ts, graphql-ws
 * handshake and all), the same number of server processes on one port (node:cluster), the same
 * one-write-per-socket frames as the router's direct sinks. The server processes only answer the
 * graphql-ws handshake and, when told to, write a `next` frame to every subscriber.
 *
 *   npm run bench -- fanout-floor                 (N = 1,000, 5,000, 10,000; 2 server processes)
 *   BENCH_SUBSCRIBERS=10000 BENCH_ROUTER_WORKERS=1 npm run bench -- fanout-floor
 *
 * Latency is from the parent telling the server processes to send (over IPC) to each client
 * receiving the frame; compare with the router's figures to see what the GraphQL pipeline adds.
 */
import cluster, { type Worker } from 'node:cluster';
import { WebSocket, WebSocketServer } from 'ws';
import { textFrame } from '@busline/shared';
import { machineBusyMs } from './lib/machine-cpu';
import { percentile, startSubscribers } from './lib/subscribers';

const counts = (process.env.BENCH_SUBSCRIBERS ?? '1000,5000,10000').split(',').map(Number);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 20);
const GAP_MS = Number(process.env.BENCH_GAP_MS ?? 500);
const WORKERS = Number(process.env.BENCH_ROUTER_WORKERS ?? 2);
const WARMUP = 2;

type ToWorker = { kind: 'fire'; seats: number } | { kind: 'stats' };
type FromWorker = { kind: 'listening'; port: number } | { kind: 'stats'; subscribers: number; cpuMicros: number };

if (cluster.isWorker) {
  // One server process: the graphql-ws handshake, then frames on demand.
  const sockets = new Map<WebSocket, Buffer>();
  const server = new WebSocketServer({
    port: Number(process.env.FLOOR_PORT),
    host: '127.0.0.1',
    perMessageDeflate: false,
  });
  server.on('connection', (socket) => {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { type: string; id?: string };
      if (message.type === 'connection_init') socket.send(JSON.stringify({ type: 'connection_ack' }));
      else if (message.type === 'subscribe')
        sockets.set(socket, Buffer.from(`{"id":${JSON.stringify(message.id)},"type":"next","payload":`));
    });
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('listening', () =>
    process.send!({ kind: 'listening', port: Number(process.env.FLOOR_PORT) } satisfies FromWorker),
  );
  const suffix = Buffer.from('}');
  process.on('message', (message: ToWorker) => {
    if (message.kind === 'fire') {
      // As the router's direct sinks do: the payload serialized once, one frame write per socket.
      const payload = Buffer.from(JSON.stringify({ data: { tripSeatsChanged: { availableSeats: message.seats } } }));
      for (const [socket, prefix] of sockets) {
        const tcp = (socket as unknown as { _socket: { write(chunk: Buffer): boolean } })._socket;
        if (socket.readyState === WebSocket.OPEN) tcp.write(textFrame(prefix, payload, suffix));
      }
    } else {
      const cpu = process.cpuUsage();
      process.send!({
        kind: 'stats',
        subscribers: sockets.size,
        cpuMicros: cpu.user + cpu.system,
      } satisfies FromWorker);
    }
  });
} else {
  const { freePort } = await import('@busline/shared/testing');
  const port = await freePort();
  cluster.setupPrimary({ execArgv: ['--import', 'tsx'] });
  const workers: Worker[] = [];
  for (let i = 0; i < WORKERS; i++) {
    const worker = cluster.fork({ FLOOR_PORT: String(port) });
    await new Promise<void>((resolve) => worker.once('message', () => resolve()));
    workers.push(worker);
  }
  const stats = async () => {
    const all = await Promise.all(
      workers.map(
        (w) =>
          new Promise<{ subscribers: number; cpuMicros: number }>((resolve) => {
            w.once('message', (m: FromWorker) => m.kind === 'stats' && resolve(m));
            w.send({ kind: 'stats' } satisfies ToWorker);
          }),
      ),
    );
    return {
      subscribers: all.reduce((n, s) => n + s.subscribers, 0),
      cpuMicros: all.reduce((n, s) => n + s.cpuMicros, 0),
    };
  };
  const now = () => performance.timeOrigin + performance.now();
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  console.log(
    `\nFan-out floor: one WebSocket frame to N loopback clients, no GraphQL (${WORKERS} server process(es); ${WARMUP} warm-up + ${EVENTS} measured sends ${GAP_MS} ms apart)\n`,
  );
  console.log(
    'subscribers | p50 ms | p99 ms | max ms | lost | servers CPU/event | clients CPU/event | machine CPU/event',
  );
  console.log(
    '----------- | ------ | ------ | ------ | ---- | ----------------- | ----------------- | -----------------',
  );
  for (const count of counts) {
    const subscribers = await startSubscribers({
      url: `ws://127.0.0.1:${port}/graphql`,
      count,
      query: 'subscription { tripSeatsChanged }',
      variables: {},
      keyField: 'availableSeats',
    });
    while ((await stats()).subscribers < count) await pause(50);
    const fire = (seats: number) => {
      const at = now();
      for (const w of workers) w.send({ kind: 'fire', seats } satisfies ToWorker);
      return at;
    };
    for (let i = 0; i < WARMUP; i++) {
      fire(100_000 + i);
      await pause(Math.max(GAP_MS, 500));
    }
    await subscribers.mark();
    const cpuBefore = (await stats()).cpuMicros;
    const machineBefore = machineBusyMs();
    const sentAt = new Map<number, number>();
    for (let seats = 1; seats <= EVENTS; seats++) {
      sentAt.set(seats, fire(seats));
      await pause(GAP_MS);
    }
    await pause(1000);
    const serversCpu = (await stats()).cpuMicros - cpuBefore;
    const machineCpu = machineBusyMs() - machineBefore;
    const { received, cpu } = await subscribers.collect();
    const latencies = received
      .filter((r) => sentAt.has(r.key))
      .map((r) => r.at - sentAt.get(r.key)!)
      .sort((a, b) => a - b);
    await subscribers.close();
    while ((await stats()).subscribers > 0) await pause(50);
    console.log(
      [
        String(count).padStart(11),
        percentile(latencies, 50).toFixed(0).padStart(6),
        percentile(latencies, 99).toFixed(0).padStart(6),
        (latencies.at(-1) ?? NaN).toFixed(0).padStart(6),
        String(count * EVENTS - latencies.length).padStart(4),
        `${(serversCpu / 1000 / EVENTS).toFixed(0)} ms`.padStart(17),
        `${((cpu.user + cpu.system) / 1000 / EVENTS).toFixed(0)} ms`.padStart(17),
        `${(machineCpu / EVENTS).toFixed(0)} ms`.padStart(17),
      ].join(' | '),
    );
  }
  for (const w of workers) w.kill();
}
