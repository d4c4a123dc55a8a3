import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from './harness';

/**
 * Sign-in seen from the network: each client connects to the router from its own loopback
 * address (127.0.0.2, 127.0.0.3, …), as people behind different carrier NATs would.
 */
let busline: TestPlatform;

beforeAll(async () => {
  busline = await startTestPlatform({ seed: true });
});
afterAll(() => busline?.stop());

const LOGIN = 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { user { email role } } }';
const DRIVER = { email: 'driver@volcano.busline.test', password: 'Driver-demo-2026' };
const PASSENGER = { email: 'passenger@busline.test', password: 'Passenger-demo-2026' };

/** POSTs a sign-in to the router from `localAddress`; resolves with the error code or the signed-in email. */
function signIn(localAddress: string, email: string, password: string): Promise<string> {
  const body = JSON.stringify({ query: LOGIN, variables: { e: email, p: password } });
  const url = new URL(`${busline.routerUrl}/graphql`);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        localAddress,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => {
          const result = JSON.parse(text) as {
            data?: { login?: { user: { email: string } } };
            errors?: { extensions?: { code?: string } }[];
          };
          resolve(result.data?.login?.user.email ?? result.errors?.[0]?.extensions?.code ?? 'NO_ANSWER');
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('sign-in that cannot be used against people', () => {
  it('lets the driver in from an address where someone failed ten times on random accounts', async () => {
    for (let i = 0; i < 10; i++)
      expect(await signIn('127.0.0.2', `nobody-${i}@example.com`, 'guess')).toBe('UNAUTHENTICATED');
    expect(await signIn('127.0.0.2', DRIVER.email, DRIVER.password)).toBe(DRIVER.email);
  });

  it('bounds a guesser at one address, while the victim still signs in from another', async () => {
    const results: string[] = [];
    for (let i = 0; i < 10; i++) results.push(await signIn('127.0.0.3', PASSENGER.email, `guess-${i}`));
    expect(results).toEqual([...Array(5).fill('UNAUTHENTICATED'), ...Array(5).fill('RATE_LIMITED')]);
    // The guesser holding the right password now still gets nothing at that address.
    expect(await signIn('127.0.0.3', PASSENGER.email, PASSENGER.password)).toBe('RATE_LIMITED');
    expect(await signIn('127.0.0.4', PASSENGER.email, PASSENGER.password)).toBe(PASSENGER.email);
  });
});
