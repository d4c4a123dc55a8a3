import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** What `npm run keys` prints, as the variables a deployment's .env would hold. */
export function generatedSecrets(): Record<string, string> {
  const output = execFileSync('npx', ['tsx', 'scripts/keys.ts'], { cwd: root, encoding: 'utf8' });
  return Object.fromEntries(
    output
      .split('\n')
      .filter((line) => /^[A-Z_]+=/.test(line))
      .map((line) => {
        const [key, ...rest] = line.split('=');
        return [key!, rest.join('=').replace(/^'|'$/g, '')];
      }),
  );
}
