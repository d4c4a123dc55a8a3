// The import boundaries reject the imports they exist to stop (`npm run lint`, run by `npm test`, checks the whole
// tree).
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const eslint = new ESLint({ cwd: root });

/** The rule ids ESLint reports for `code` as if it were the file at `path` (relative to the repository). */
async function violations(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${path}` });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

const BOUNDARY = 'import-x/no-restricted-paths';

describe('lint', () => {
  it('refuses a subgraph importing another subgraph', async () => {
    const code = "import { createServer } from '../../../company/src/server';\nexport const x = createServer;\n";
    expect(await violations('subgraphs/ticketing/src/services/bad.ts', code)).toEqual([BOUNDARY]);
    const own = "import { migrations } from '../db/migrations';\nexport const x = migrations;\n";
    expect(await violations('subgraphs/ticketing/src/services/fine.ts', own)).toEqual([]);
  });

  it('refuses the kit or the router importing a subgraph', async () => {
    const code =
      "import { createServer } from '../../../../subgraphs/qr/src/public';\nexport const x = createServer;\n";
    expect(await violations('packages/shared/src/server/bad.ts', code)).toEqual([BOUNDARY]);
    const router = "import { createServer } from '../../subgraphs/qr/src/public';\nexport const x = createServer;\n";
    expect(await violations('router/src/bad.ts', router)).toEqual([BOUNDARY]);
  });

  it('refuses the web client importing server code', async () => {
    const code = "import { topics } from '../../../../subgraphs/ticketing/src/public';\nexport const x = topics;\n";
    expect(await violations('clients/web/src/lib/bad.ts', code)).toEqual([BOUNDARY]);
    const kit = "import { badInput } from '../../../../packages/shared/src/index';\nexport const x = badInput;\n";
    expect(await violations('clients/web/src/lib/bad.ts', kit)).toEqual([BOUNDARY]);
    const byName = "import { badInput } from '@busline/shared';\nexport const x = badInput;\n";
    expect(await violations('clients/web/src/lib/bad.ts', byName)).toEqual([BOUNDARY]);
  });

  it('lets scripts, benches and tests reach a subgraph through its public.ts only', async () => {
    const deep = "import { topics } from '../subgraphs/ticketing/src/services/live';\nexport const x = topics;\n";
    expect(await violations('e2e/bad.test.ts', deep)).toEqual([BOUNDARY]);
    expect(await violations('bench/bad.ts', deep)).toEqual([BOUNDARY]);
    const open = "import { topics } from '../subgraphs/ticketing/src/public';\nexport const x = topics;\n";
    expect(await violations('e2e/fine.test.ts', open)).toEqual([]);
  });
});
