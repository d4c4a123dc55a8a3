/**
 * The example overlay's keys.env from what `npm run keys` prints:
 *
 *   npm run -s keys | npx tsx deploy/k8s/keys-env.ts > deploy/k8s/overlays/example/keys.env
 *
 * kustomize's secretGenerator keeps quotes as part of a value, so the shell quotes around the JSON key
 * sets are dropped; POSTGRES_PASSWORD is dropped too (Postgres is external: its URLs, password
 * included, go in datastores.env). METRICS_TOKEN, the scraper's bearer token for /metrics, is taken
 * from the same output when it has one and made here otherwise.
 */
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';

export const KEYS = [
  'ROUTER_SECRET',
  'MOMO_WEBHOOK_SECRET',
  'AUTH_SIGNING_KEYS',
  'QR_SIGNING_KEYS',
  'METRICS_TOKEN',
] as const;

export function kustomizeKeysEnv(keysOutput: string): string {
  const values = new Map<string, string>();
  for (const line of keysOutput.split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match) values.set(match[1]!, match[2]!.replace(/^'(.*)'$/, '$1'));
  }
  if (!values.get('METRICS_TOKEN')) values.set('METRICS_TOKEN', randomBytes(32).toString('base64url'));
  const missing = KEYS.filter((key) => !values.get(key));
  if (missing.length > 0) throw new Error(`not the output of \`npm run -s keys\`: ${missing.join(', ')} missing`);
  return `${KEYS.map((key) => `${key}=${values.get(key)}`).join('\n')}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  try {
    process.stdout.write(kustomizeKeysEnv(Buffer.concat(chunks).toString('utf8')));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
