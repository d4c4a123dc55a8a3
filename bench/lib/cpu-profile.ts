/**
 * A V8 CPU profile of this process over one phase of a benchmark (BENCH_CPU_PROFILE=<dir>), written
 * as a .cpuprofile (Chrome DevTools, speedscope), and its heaviest functions by self time printed,
 * so a profile covers the measured load and not the start-up and seeding around it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session, type Profiler } from 'node:inspector';
import { join } from 'node:path';

function post<T>(session: Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) =>
    session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result as T))),
  );
}

/** Where a function comes from: a package under node_modules, a file of the repository, or V8/Node itself. */
function origin(url: string): string {
  if (!url) return '(native)';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const [scope, name] = url.slice(modules + 13).split('/');
    return scope!.startsWith('@') ? `${scope}/${name}` : scope!;
  }
  if (url.startsWith('node:')) return 'node';
  const repo = url.indexOf('/main/');
  return repo >= 0 ? url.slice(repo + 6) : url;
}

/**
 * Self time per function and per origin, the top `limit` of each, as shares of the running time: idle
 * time is left out, and so is the inspector's own `dispatch` (Profiler.stop serializes the whole
 * profile on this thread, inside the profiled window).
 */
export function summarizeProfile(profile: Profiler.Profile, limit = 25): string[] {
  const selfUs = new Map<number, number>();
  const deltas = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (deltas[i] ?? 0)));
  const byFunction = new Map<string, number>();
  const byOrigin = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const node of profile.nodes) {
    const us = selfUs.get(node.id) ?? 0;
    const { functionName, url, lineNumber } = node.callFrame;
    if (!url && (functionName === '(idle)' || functionName === 'dispatch')) {
      idle += us;
      continue;
    }
    total += us;
    const key = `${functionName || '(anonymous)'} ${origin(url)}${url ? `:${lineNumber + 1}` : ''}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    const from = url ? origin(url) : functionName;
    byOrigin.set(from, (byOrigin.get(from) ?? 0) + us);
  }
  const top = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([k, us]) => `${((100 * us) / total).toFixed(1).padStart(5)} %  ${k}`);
  return [
    `${(total / 1000).toFixed(0)} ms sampled running (a process the machine preempts is sampled where it stopped), ${(idle / 1000).toFixed(0)} ms idle or in the profiler; shares of the running time`,
    'by origin:',
    ...top(byOrigin),
    'by function:',
    ...top(byFunction),
  ];
}

/**
 * Runs `phase` under the profiler when BENCH_CPU_PROFILE names a directory (writes `<label>.cpuprofile`
 * there and prints the summary), and plainly otherwise.
 */
export async function profiled<T>(label: string, phase: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_CPU_PROFILE;
  if (!dir) return phase();
  const session = new Session();
  session.connect();
  await post(session, 'Profiler.enable');
  await post(session, 'Profiler.setSamplingInterval', { interval: 500 });
  await post(session, 'Profiler.start');
  try {
    return await phase();
  } finally {
    const { profile } = await post<{ profile: Profiler.Profile }>(session, 'Profiler.stop');
    session.disconnect();
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${label.replace(/[^a-z0-9]+/gi, '-')}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    console.log(`\nCPU profile of "${label}" (${file}):\n${summarizeProfile(profile).join('\n')}\n`);
  }
}
