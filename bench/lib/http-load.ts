/**
 * A load generator in its own process (forked with an IPC channel): POSTs one GraphQL body to a URL,
 * `total` times with `concurrency` requests in flight, checks every answer, and sends back the
 * latencies. Run apart from the servers it measures, so it does not share their event loop.
 */
import { Pool } from 'undici';

interface Job {
  url: string;
  body: string;
  total: number;
  concurrency: number;
}

process.once('message', async (job: Job) => {
  const target = new URL(job.url);
  const pool = new Pool(target.origin, { connections: job.concurrency, pipelining: 1 });
  const latencies: number[] = [];
  let failures = 0;
  let sent = 0;
  const started = performance.now();
  const worker = async () => {
    while (sent < job.total) {
      sent++;
      const t0 = performance.now();
      const response = await pool.request({ path: target.pathname, method: 'POST', headers: { 'content-type': 'application/json' }, body: job.body });
      const text = await response.body.text();
      latencies.push(performance.now() - t0);
      // A 200 with errors is not a success.
      if (response.statusCode !== 200 || text.includes('"errors"')) failures++;
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, worker));
  const elapsedMs = performance.now() - started;
  await pool.close();
  process.send!({ latencies, failures, elapsedMs }, () => process.exit(0));
});
