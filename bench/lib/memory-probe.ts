/**
 * Preloaded (`--import`) into a service the soak benchmark starts as a child process: answers the
 * parent's memory requests over IPC with this process's heap and RSS after a full collection
 * (the process runs with --expose-gc), so a sample shows what is live, not what awaits collection.
 */
const KIND = 'busline:soak-memory';

process.on('message', (message: { kind?: string; id?: number }) => {
  if (message?.kind !== KIND) return;
  (globalThis as { gc?: () => void }).gc?.();
  const memory = process.memoryUsage();
  const cpu = process.cpuUsage();
  process.send?.({ kind: KIND, id: message.id, pid: process.pid, heapUsed: memory.heapUsed, rss: memory.rss, cpuMicros: cpu.user + cpu.system });
});
