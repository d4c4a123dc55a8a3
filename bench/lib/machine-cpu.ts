import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/**
 * CPU time the whole machine has spent busy so far, in ms, summed over its cores: every process
 * (database, Redis, load generator) and the kernel's interrupt work, which on loopback includes
 * the receiving side of every TCP write. Linux: /proc/stat (USER_HZ = 100); elsewhere os.cpus(),
 * which leaves out soft interrupts.
 */
export function machineBusyMs(): number {
  try {
    const [user, nice, system, , , irq, softirq] = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]!
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    return (user! + nice! + system! + irq! + softirq!) * 10;
  } catch {
    return cpus().reduce((ms, { times }) => ms + times.user + times.nice + times.sys + times.irq, 0);
  }
}
