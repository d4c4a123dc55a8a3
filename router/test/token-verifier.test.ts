// The router's verifier reads the revocations the subgraphs read: an ended sign-in's token is nobody's budget.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisRevocationList, tokenVerification, type RevocationList, type TokenVerifier } from '@busline/shared';
import {
  createTestTokens,
  eventually,
  TEST_AUDIENCE,
  TEST_ISSUER,
  testEnv,
  testLogger,
  type TestTokens,
} from '@busline/shared/testing';
import { identify } from '../src/rate-limits';

const logger = testLogger();
let tokens: TestTokens;
let keySet: Server;
let router: { verifier: TokenVerifier; revocations: RevocationList };
let auth: RedisRevocationList;

beforeAll(async () => {
  tokens = await createTestTokens();
  // Auth's key set, as the router fetches it.
  keySet = createServer((_, res) => res.end(JSON.stringify({ keys: [tokens.publicJwk] })));
  await new Promise<void>((resolve) => keySet.listen(0, '127.0.0.1', resolve));
  // As router/src/index.ts makes it.
  router = tokenVerification(
    {
      AUTH_JWKS_URL: `http://127.0.0.1:${(keySet.address() as AddressInfo).port}/jwks.json`,
      JWT_ISSUER: TEST_ISSUER,
      JWT_AUDIENCE: TEST_AUDIENCE,
      REDIS_URL: testEnv.redisUrl,
    },
    logger,
  );
  // What auth writes when a sign-in ends.
  auth = new RedisRevocationList({ url: testEnv.redisUrl!, logger });
  await auth.ready;
});
afterAll(async () => {
  await router?.revocations.close();
  await auth?.close();
  keySet?.close();
});

describe.runIf(testEnv.redisUrl)("the router's token verifier", () => {
  it("counts a token of an ended sign-in as its address, not as its user's budget", async () => {
    const userId = randomUUID();
    const token = await tokens.sign({ userId, role: 'PASSENGER', companyId: null });
    expect(await identify(`Bearer ${token}`, '10.44.0.1', router.verifier)).toEqual({ userId });
    // The owner signs out (or changes the password, or is suspended): every subgraph refuses the token from now on.
    await auth.revoke(userId, new Date());
    await eventually(async () => 'address' in (await identify(`Bearer ${token}`, '10.44.0.1', router.verifier)));
    expect(await identify(`Bearer ${token}`, '10.44.0.1', router.verifier)).toEqual({ address: '10.44.0.1' });
    // A sign-in after it is the user's again.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const fresh = await tokens.sign({ userId, role: 'PASSENGER', companyId: null });
    expect(await identify(`Bearer ${fresh}`, '10.44.0.1', router.verifier)).toEqual({ userId });
  });
});
