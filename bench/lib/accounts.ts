/**
 * Passenger accounts for load that many people make, each with its own access token: registered
 * straight at the auth subgraph (with the router's secret), each from an address of its own (auth's
 * limit on sign-ups per address is not what a benchmark measures), a few at a time.
 */
import { ROUTER_SECRET_HEADER } from '@busline/shared';

const REGISTER = 'mutation($input: RegisterInput!) { register(input: $input) { accessToken } }';

/** Registers `count` passengers; resolves with their access tokens in order. */
export async function registerPassengers(
  authGraphqlUrl: string,
  routerSecret: string,
  count: number,
  label = 'bench',
): Promise<string[]> {
  const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const tokens: string[] = new Array(count);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const response = await fetch(authGraphqlUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [ROUTER_SECRET_HEADER]: routerSecret,
          'x-client-ip': `10.255.${i >> 8}.${i & 255}`,
        },
        body: JSON.stringify({
          query: REGISTER,
          variables: {
            input: {
              email: `${label}-${run}-${i}@bench.busline.test`,
              password: 'bench-passenger-password',
              fullName: `Bench Passenger ${i}`,
            },
          },
        }),
      });
      const result = (await response.json()) as { data?: { register: { accessToken: string } }; errors?: unknown };
      if (!result.data) throw new Error(`registering passenger ${i} failed: ${JSON.stringify(result.errors)}`);
      tokens[i] = result.data.register.accessToken;
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, count) }, worker));
  return tokens;
}
