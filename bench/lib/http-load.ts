/**
 * A load generator in its own process (forked with an IPC channel): POSTs one GraphQL body to a URL
 * (or each of `bodies` once, in turn), `total` times with `concurrency` requests in flight, checks
 * every answer, and sends back the latencies and the error codes met. Run apart from the servers it
 * measures, so it does not share their event loop.
 *
 * It speaks HTTP/1.1 over keep-alive sockets itself (one request at a time per connection, answers read by
 * Content-Length or chunked), as wrk and autocannon do, instead of through a general HTTP client: on a machine
 * that also runs what it measures, every millisecond it spends per request is taken from the servers (undici cost
 * ~1.6-2.5 ms of CPU per request here, this ~0.3: bench/README.md, "hold").
 */
import { connect, type Socket } from 'node:net';
import { parseAnswer, type Answer } from './http-answer';

interface Job {
  url: string;
  body: string;
  /** One body per request (writes on distinct seats): request i sends bodies[i]. */
  bodies?: string[];
  headers?: Record<string, string>;
  /** Headers of each client (connection) on top of `headers`: client c sends clientHeaders[c % length]. */
  clientHeaders?: Record<string, string>[];
  total: number;
  concurrency: number;
}

/** One keep-alive connection, one request in flight at a time; connects again when the server closed it. */
class Connection {
  private socket: Socket | undefined;
  private received: Buffer = Buffer.alloc(0);
  private pending: { resolve: (answer: Answer) => void; reject: (error: Error) => void } | undefined;

  constructor(
    private readonly host: string,
    private readonly port: number,
  ) {}

  request(bytes: Buffer): Promise<Answer> {
    const socket = this.socket ?? this.open();
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      socket.write(bytes);
    });
  }

  close(): void {
    this.socket?.end();
  }

  private open(): Socket {
    const socket = connect({ host: this.host, port: this.port, noDelay: true });
    this.socket = socket;
    this.received = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      this.received = this.received.length === 0 ? chunk : Buffer.concat([this.received, chunk]);
      let parsed: ReturnType<typeof parseAnswer>;
      try {
        parsed = parseAnswer(this.received);
      } catch (error) {
        this.fail(error as Error);
        socket.destroy();
        return;
      }
      if (!parsed) return;
      this.received = this.received.subarray(parsed.end);
      const pending = this.pending;
      this.pending = undefined;
      pending?.resolve(parsed.answer);
    });
    const gone = (error?: Error) => {
      if (this.socket === socket) this.socket = undefined;
      this.fail(error ?? new Error('the server closed the connection'));
    };
    socket.once('error', gone);
    socket.once('close', () => gone());
    return socket;
  }

  private fail(error: Error): void {
    const pending = this.pending;
    this.pending = undefined;
    pending?.reject(error);
  }
}

process.once('message', async (job: Job) => {
  const target = new URL(job.url);
  const latencies: number[] = [];
  let failures = 0;
  let sent = 0;
  const codes: Record<string, number> = {};
  const count = (code: string) => {
    failures++;
    codes[code] = (codes[code] ?? 0) + 1;
  };
  const connections = Array.from(
    { length: job.concurrency },
    () => new Connection(target.hostname, Number(target.port || 80)),
  );
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const worker = async (client: number) => {
    const headers = {
      'content-type': 'application/json',
      ...job.headers,
      ...job.clientHeaders?.[client % job.clientHeaders.length],
    };
    const head = `POST ${target.pathname}${target.search} HTTP/1.1\r\nhost: ${target.host}\r\n${Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('')}`;
    const connection = connections[client]!;
    while (sent < job.total) {
      const body = Buffer.from(job.bodies?.[sent] ?? job.body);
      sent++;
      const t0 = performance.now();
      const answer = await connection
        .request(Buffer.concat([Buffer.from(`${head}content-length: ${body.length}\r\n\r\n`), body]))
        .catch(() => undefined);
      latencies.push(performance.now() - t0);
      if (!answer) count('CONNECTION_LOST');
      // A 200 with errors is not a success.
      else if (answer.status !== 200 || answer.text.includes('"errors"'))
        count(/"code":"([A-Z_]+)"/.exec(answer.text)?.[1] ?? `HTTP_${answer.status}`);
    }
  };
  await Promise.all(connections.map((_, client) => worker(client)));
  const elapsedMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  for (const connection of connections) connection.close();
  const cpuMs = (cpu.user + cpu.system) / 1000;
  process.send!({ latencies, failures, codes, elapsedMs, cpuMs }, () => process.exit(0));
});
// Loaded: the parent sends the job once it has read its CPU counters (see startLoadGenerator).
process.send?.({ ready: true });
