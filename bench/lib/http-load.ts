/**
 * A load generator in its own process (forked with an IPC channel): POSTs one GraphQL body to a URL
 * (or each of `bodies` once, in turn), `total` times with `concurrency` requests in flight, checks
 * every answer, and sends back the latencies and the error codes met. Run apart from the servers it
 * measures, so it does not share their event loop.
 */
import { Pool } from 'undici';

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

process.once('message', async (job: Job) => {
  const target = new URL(job.url);
  const pool = new Pool(target.origin, { connections: job.concurrency, pipelining: 1 });
  const latencies: number[] = [];
  let failures = 0;
  let sent = 0;
  const codes: Record<string, number> = {};
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const worker = async (client: number) => {
    const headers = {
      'content-type': 'application/json',
      ...job.headers,
      ...job.clientHeaders?.[client % job.clientHeaders.length],
    };
    while (sent < job.total) {
      const body = job.bodies?.[sent] ?? job.body;
      sent++;
      const t0 = performance.now();
      const response = await pool.request({
        path: target.pathname,
        method: 'POST',
        headers,
        body,
      });
      const text = await response.body.text();
      latencies.push(performance.now() - t0);
      // A 200 with errors is not a success.
      if (response.statusCode !== 200 || text.includes('"errors"')) {
        failures++;
        const code = /"code":"([A-Z_]+)"/.exec(text)?.[1] ?? `HTTP_${response.statusCode}`;
        codes[code] = (codes[code] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, (_, client) => worker(client)));
  const elapsedMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  await pool.close();
  const cpuMs = (cpu.user + cpu.system) / 1000;
  process.send!({ latencies, failures, codes, elapsedMs, cpuMs }, () => process.exit(0));
});
// Loaded: the parent sends the job once it has read its CPU counters (see startLoadGenerator).
process.send!({ ready: true });
