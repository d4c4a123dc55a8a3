// A deployment's first platform admin, made from the command line (scripts/platform-admin.ts).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@busline/shared';
import { eventually, startTestSubgraph, type TestSubgraph } from '@busline/shared/testing';
import { createServer, migrations, OPERATOR_ID } from '../../subgraphs/user/src/public';
import { platformAdmin } from '../platform-admin';

let subgraph: TestSubgraph<ReturnType<typeof createServer>>;
beforeAll(async () => {
  subgraph = await startTestSubgraph({ name: 'user', migrations, createServer });
});
afterAll(() => subgraph.stop());

type Row = Record<string, unknown>;
const rows = async (query: ReturnType<typeof sql>) =>
  ((await subgraph.database.handle.db.execute(query)) as unknown as { rows: Row[] }).rows;
const outboxRows = () => rows(sql`select type, payload from "user".outbox order by seq`);
const roleOf = async (userId: string) =>
  (await rows(sql`select role, company_id from "user".profiles where user_id = ${userId}`))[0];

/** An account as the user service records it when auth announces its sign-up. */
async function signedUp(email: string): Promise<string> {
  const userId = randomUUID();
  await subgraph.deps.bus.publish({
    id: randomUUID(),
    type: 'user.registered',
    source: 'auth',
    occurredAt: new Date().toISOString(),
    payload: {
      userId,
      email,
      fullName: 'Aline Uwase',
      phone: '+250788000111',
      role: 'PASSENGER',
      companyId: null,
      registeredAt: new Date().toISOString(),
    },
  });
  await eventually(async () => (await roleOf(userId)) !== undefined);
  return userId;
}

/** Runs `npm run platform-admin -- ...args` against this subgraph's database; its exit code and what it wrote. */
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
  it('makes a signed-up account a platform admin as the API would, once', async () => {
    const email = `first-${Date.now()}@operator.example`;
    const userId = await signedUp(email);
    const first = await run(` ${email.toUpperCase()} `);
    expect(first).toEqual({ code: 0, output: expect.stringContaining(`${email} (${userId}) is a platform admin`) });
    expect(await roleOf(userId)).toEqual({ role: 'PLATFORM_ADMIN', company_id: null });
    // user.role_changed, which auth applies to the account's sessions, decided by the operator; once.
    const changed = [
      expect.objectContaining({ userId, role: 'PLATFORM_ADMIN', companyId: null, changedBy: OPERATOR_ID }),
    ];
    expect((await outboxRows()).filter((row) => row.type === 'user.role_changed').map((row) => row.payload)).toEqual(
      changed,
    );
    const again = await run(email);
    expect(again).toEqual({ code: 0, output: expect.stringContaining('was a platform admin already') });
    expect((await outboxRows()).filter((row) => row.type === 'user.role_changed').map((row) => row.payload)).toEqual(
      changed,
    );
  });

  it('refuses an address no account has, and a call without one, changing nothing', async () => {
    const before = await outboxRows();
    expect(await run('nobody@operator.example')).toEqual({
      code: 1,
      output: expect.stringContaining('No account with the e-mail nobody@operator.example: sign up first'),
    });
    expect(await run()).toMatchObject({ code: 2, output: expect.stringContaining('usage:') });
    expect(await run('a@b.example', 'c@d.example')).toMatchObject({ code: 2 });
    expect(await outboxRows()).toEqual(before);
  });
});
