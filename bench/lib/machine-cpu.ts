import { readdirSync, readFileSync } from 'node:fs';
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

/**
 * CPU time spent so far by the processes whose command name matches, in ms (Linux: /proc/<pid>/stat, their
 * own time and that of their reaped children, so a database's exited backends still count through the
 * server process that waited for them); undefined where /proc is not there.
 */
export function processesBusyMs(command: RegExp): number | undefined {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  let ticks = 0;
  for (const pid of pids) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // gone since the listing
    }
    const open = stat.indexOf('(');
    const close = stat.lastIndexOf(')');
    if (!command.test(stat.slice(open + 1, close))) continue;
    // After the command: state (field 3) ... utime 14, stime 15, cutime 16, cstime 17.
    const fields = stat.slice(close + 2).split(' ');
    ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
  }
  return ticks * 10;
}
