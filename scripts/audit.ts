/**
 * `npm run audit`: fails (exit 1) when a production dependency has a high or critical advisory.
 * When the registry's advisory service cannot be reached (an offline mirror, a closed network)
 * it says so and exits 0: nothing was checked, and the line says that plainly.
 */
import { spawnSync } from 'node:child_process';
import { auditVerdict, type AuditReport } from './lib/audit';

const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8' });
let report: AuditReport;
try {
  report = JSON.parse(run.stdout) as AuditReport;
} catch {
  report = { message: `no JSON report, exit ${run.status}` };
}
const { fail, line } = auditVerdict(report);
process.stdout.write(`${line}\n`);
process.exit(fail ? 1 : 0);
