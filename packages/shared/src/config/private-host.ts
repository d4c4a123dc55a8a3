// Whether a host is on this machine or a private network: where a provider simulator may run, and where
// production lets secrets travel over plain http.
import { isIP } from 'node:net';

/**
 * A host a provider simulator may run on: loopback, a private address, or a name only a private
 * network resolves (no dot, `localhost`, `*.svc`, `*.cluster.local`, `*.internal`). Payments and
 * passengers' messages never go to a simulator on the public internet, where anyone could answer, and no
 * secret goes there over plain http.
 */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
  const ip = isIP(host);
  if (ip === 4) {
    const [a, b] = host.split('.').map(Number) as [number, number];
    return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
  }
  if (ip === 6) return host === '::1' || /^f[cd][0-9a-f]{2}:/.test(host);
  if (!host) return false;
  return !host.includes('.') || host === 'localhost' || /\.(localhost|svc|cluster\.local|internal)$/.test(host);
}
