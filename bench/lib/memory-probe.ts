import { getHeapSpaceStatistics } from 'node:v8';

/**
 * Preloaded (`--import`) into a service the soak benchmark starts as a child process: answers the
 * parent's memory requests over IPC with this process's heap and RSS after a full collection
 * (the process runs with --expose-gc), so a sample shows what is live, not what awaits collection,
 * and how much of that heap is compiled code (which grows as V8 optimizes hot functions).
 */
const KIND = 'busline:soak-memory';

process.on('message', (message: { kind?: string; id?: number }) => {
  if (message?.kind !== KIND) return;
  (globalThis as { gc?: () => void }).gc?.();
  const memory = process.memoryUsage();
  const cpu = process.cpuUsage();
  const codeBytes = getHeapSpaceStatistics()
    .filter((space) => space.space_name.startsWith('code_'))
    .reduce((sum, space) => sum + space.space_used_size, 0);
  process.send?.({
    kind: KIND,
    id: message.id,
    pid: process.pid,
    heapUsed: memory.heapUsed,
    codeBytes,
    rss: memory.rss,
    cpuMicros: cpu.user + cpu.system,
  });
});
