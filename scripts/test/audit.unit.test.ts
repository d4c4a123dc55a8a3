import { describe, expect, it } from 'vitest';
import { auditVerdict } from '../lib/audit';

describe('the audit gate', () => {
  it('fails on a high or critical advisory in a production dependency', () => {
    const verdict = auditVerdict({
      metadata: { vulnerabilities: { low: 1, high: 1, critical: 0 } },
      vulnerabilities: { lodash: { severity: 'low' }, 'body-parser': { severity: 'high' } },
    });
    expect(verdict).toEqual({
      fail: true,
      line: 'npm audit: high or critical advisories in production dependencies: body-parser (high)',
    });
  });

  it('passes moderate and low advisories, listing the counts', () => {
    const verdict = auditVerdict({
      metadata: { vulnerabilities: { low: 2, moderate: 1 } },
      vulnerabilities: { a: { severity: 'low' }, b: { severity: 'moderate' } },
    });
    expect(verdict).toEqual({ fail: false, line: 'npm audit: {"low":2,"moderate":1}' });
  });

  it('says plainly that nothing was checked when the advisory service does not answer', () => {
    expect(auditVerdict({ message: '405 Method Not Allowed' })).toEqual({
      fail: false,
      line: 'npm audit: advisory service unavailable (405 Method Not Allowed); production dependencies NOT checked',
    });
  });
});
