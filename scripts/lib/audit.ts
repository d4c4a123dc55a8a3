/** The part of `npm audit --json` the gate reads. */
export interface AuditReport {
  metadata?: { vulnerabilities?: Record<string, number> };
  vulnerabilities?: Record<string, { severity: string }>;
  message?: string;
}

/**
 * Whether a report fails the build: any high or critical advisory does; a report with no figures says nothing was
 * checked.
 */
export function auditVerdict(report: AuditReport): { fail: boolean; line: string } {
  const counts = report.metadata?.vulnerabilities;
  if (!counts)
    return {
      fail: false,
      line: `npm audit: advisory service unavailable (${report.message ?? 'no figures'}); production dependencies NOT checked`,
    };
  const serious = Object.entries(report.vulnerabilities ?? {}).filter(
    ([, v]) => v.severity === 'high' || v.severity === 'critical',
  );
  if (serious.length === 0) return { fail: false, line: `npm audit: ${JSON.stringify(counts)}` };
  return {
    fail: true,
    line: `npm audit: high or critical advisories in production dependencies: ${serious.map(([name, v]) => `${name} (${v.severity})`).join(', ')}`,
  };
}
