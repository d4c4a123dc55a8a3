// What a provider says is stored as the payment's failureReason and shown: a refusal whose code carried a NUL (which
// Postgres text cannot hold) failed the write of the refusal after the payment and its prompt had gone out, and the
// client was told its input was wrong.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providerText } from '../src/provider/types';
import { payByAirtel, startWithScriptedAirtel, type AirtelScript, type PaymentSubgraph } from './helpers';

let subgraph: PaymentSubgraph;
let stop: () => Promise<void>;

const script: AirtelScript = ({ method, url }, send) => {
  if (method === 'POST' && url.startsWith('/merchant/v1/payments')) {
    // A definite refusal, its code carrying a NUL and a line break.
    send(400, { data: {}, status: { code: '400', success: false, message: 'Refused', response_code: 'DP\u0000X\nY' } });
    return true;
  }
  if (method === 'GET' && url.startsWith('/standard/v1/payments/')) {
    send(404, { data: {}, status: { code: '404', success: false, message: 'Transaction not found' } });
    return true;
  }
  return false;
};

beforeAll(async () => {
  ({ subgraph, stop } = await startWithScriptedAirtel(script, {}));
});
afterAll(async () => {
  await stop?.();
});

describe("a provider's words", () => {
  it('are stored without control characters: a refusal with a NUL in its code is a FAILED payment, not an error', async () => {
    const { result, payment } = await payByAirtel(subgraph, '0732121234');
    expect(result.errors).toBeUndefined();
    expect(payment).toMatchObject({ status: 'FAILED' });
    expect(payment!.failureReason).not.toMatch(/\p{Cc}/u);
    expect(payment!.failureReason).toContain('DP X Y');
  });

  it('are cut at 200 characters', () => {
    expect(providerText('x'.repeat(500))).toHaveLength(200);
    expect(providerText(undefined)).toBeUndefined();
  });
});
