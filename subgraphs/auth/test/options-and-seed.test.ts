import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKeys } from '../src/crypto/signing-keys';
import { outbox, users } from '../src/db/schema';
import { loadConfig } from '../src/env';
import { loadServerOptions } from '../src/options';
import { seedDemoAccounts } from '../src/seed';
import { createServer } from '../src/server';
import {
  call,
  codeOf,
  LOGIN,
  PASSWORD,
  REGISTER,
  registerUser,
  startAuth,
  type AuthSubgraph,
  type Payload,
} from './auth-harness';

let dataDir: string;
let auth: AuthSubgraph;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'auth-options-'));
  auth = await startAuth();
});
afterAll(async () => {
  await auth.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('server options', () => {
  it('generates signing keys once outside production and reuses them on the next start', async () => {
    const config = loadConfig({ DATA_DIR: dataDir, NODE_ENV: 'development' });
    const first = await loadServerOptions(config);
    const second = await loadServerOptions(config);
    expect(first.signingKeys).toHaveLength(1);
    expect(second.signingKeys).toEqual(first.signingKeys);
    expect(JSON.parse(await readFile(join(dataDir, 'keys', 'auth.json'), 'utf8'))).toEqual(first.signingKeys);
  });

  it('reads AUTH_SIGNING_KEYS and refuses to start in production without keys', async () => {
    const keys = await generateSigningKeys(2);
    const options = await loadServerOptions(
      loadConfig({ NODE_ENV: 'production', AUTH_SIGNING_KEYS: JSON.stringify(keys), JWT_ISSUER: 'https://id.example' }),
    );
    expect(options).toMatchObject({ signingKeys: keys, issuer: 'https://id.example' });
    await expect(loadServerOptions(loadConfig({ NODE_ENV: 'production', DATA_DIR: dataDir }))).rejects.toThrow(
      /AUTH_SIGNING_KEYS/,
    );
    await expect(loadServerOptions(loadConfig({ AUTH_SIGNING_KEYS: '[{"kty":"oct"}]' }))).rejects.toThrow(/Ed25519/);
  });
});

describe('demo accounts', () => {
  it('seeds the five demo accounts with their roles once, emitting user.registered for each', async () => {
    const volcanoCompanyId = '6f1c2a54-4a57-4a36-9a38-6f0a1c1f7d01';
    // Two seeds at once (`npm start` in services mode beside `npm run seed`, two instances starting) take turns.
    const [first, alongside] = await Promise.all([
      seedDemoAccounts(auth.deps, { volcanoCompanyId }),
      seedDemoAccounts(auth.deps, { volcanoCompanyId }),
    ]);
    expect(alongside).toEqual(first);
    const second = await seedDemoAccounts(auth.deps, { volcanoCompanyId });
    expect(second).toEqual(first);
    const db = auth.database.handle.db;
    expect(await db.select().from(users)).toHaveLength(5);
    expect((await db.select().from(outbox)).filter((row) => row.type === 'user.registered')).toHaveLength(5);

    const login = await call(auth, LOGIN, { email: 'ops@volcano.busline.test', password: 'Company-demo-2026' });
    expect((login.data?.login as Payload).user).toMatchObject({
      id: first['ops@volcano.busline.test'],
      role: 'COMPANY_ADMIN',
      companyId: volcanoCompanyId,
    });
    const agent = await call(auth, LOGIN, { email: 'agent@busline.test', password: 'Agent-demo-2026' });
    const agentSession = agent.data?.login as Payload;
    expect(agentSession.user).toMatchObject({
      id: first['agent@busline.test'],
      role: 'COUNTER_AGENT',
      companyId: volcanoCompanyId,
    });
    // The counter agent's token carries its role and company, as a company admin's does.
    expect(decodeJwt(agentSession.accessToken)).toMatchObject({
      sub: first['agent@busline.test'],
      role: 'COUNTER_AGENT',
      companyId: volcanoCompanyId,
    });
    expect(
      codeOf(await call(auth, LOGIN, { email: 'admin@busline.test', password: 'Admin-demo-2026' })),
    ).toBeUndefined();
  });

  it('refuses to start in production over a database that holds them (their passwords are published)', async () => {
    // The accounts the test above seeded are in this database.
    const options = await loadServerOptions(
      loadConfig({ NODE_ENV: 'production', AUTH_SIGNING_KEYS: JSON.stringify(await generateSigningKeys()) }),
    );
    expect(options.refuseDemoAccounts).toBe(true);
    const production = createServer(auth.deps, options);
    await expect(production.start(0, '127.0.0.1')).rejects.toThrow(
      /refused in production: the database holds the demo accounts admin@busline\.test, /,
    );
    // Outside production they are what `npm start` signs in with.
    const development = createServer(auth.deps, await loadServerOptions(loadConfig({ DATA_DIR: dataDir })));
    await development.start(0, '127.0.0.1');
    await development.stop();
  });

  it('are not open to sign-up in production: a stranger taking one cannot keep auth from starting', async () => {
    const production = await startAuth({ refuseDemoAccounts: true });
    try {
      for (const email of ['passenger@busline.test', ' Admin@Busline.TEST ']) {
        const result = await call(production, REGISTER, {
          input: { email, password: PASSWORD, fullName: 'Someone Else', phone: '+250788000112' },
        });
        expect(result.errors?.[0]).toMatchObject({
          message: 'This address cannot be used for an account',
          extensions: { code: 'BAD_USER_INPUT', field: 'email', reason: 'RESERVED_EMAIL' },
        });
      }
      expect(await production.deps.db.db.select().from(users)).toEqual([]);
      // Any other address signs up, and auth starts again over the database.
      await registerUser(production);
      const again = createServer(production.deps, production.options);
      await again.start(0, '127.0.0.1');
      await again.stop();
    } finally {
      await production.stop();
    }
  });
});
