// `npm run platform-admin -- <e-mail>` (scripts/platform-admin.ts); what it does to the account:
// subgraphs/user/test/first-admin.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSubgraph, type TestSubgraph } from '@busline/shared/testing';
import { createServer, migrations } from '../../subgraphs/user/src/public';
import { platformAdmin } from '../platform-admin';

let subgraph: TestSubgraph<ReturnType<typeof createServer>>;
beforeAll(async () => {
  subgraph = await startTestSubgraph({ name: 'user', migrations, createServer });
});
afterAll(() => subgraph.stop());

/** Runs the command against this user database; its exit code and what it wrote. */
async function run(...args: string[]) {
  const lines: string[] = [];
  const code = await platformAdmin(
    args,
    { DATABASE_URL: subgraph.database.url, LOG_LEVEL: 'silent' },
    { out: (text) => lines.push(text), err: (text) => lines.push(text) },
  );
  return { code, output: lines.join('\n') };
}

describe.runIf(process.env.POSTGRES_URL)('npm run platform-admin', () => {
  it('exits 1 naming the address no account has, and 2 with the usage when not given one address', async () => {
    expect(await run('nobody@operator.example')).toEqual({
      code: 1,
      output: expect.stringContaining('No account with the e-mail nobody@operator.example: sign up first'),
    });
    expect(await run()).toMatchObject({ code: 2, output: expect.stringContaining('usage:') });
    expect(await run('a@b.example', 'c@d.example')).toMatchObject({ code: 2 });
    expect(await run('--force')).toMatchObject({ code: 2 });
  });
});
