// A payment request the provider is slow to answer: a status check while the request may still be on its way finds
// nothing yet ("not found"), and that is no verdict. It failed the payment UNKNOWN_TO_PROVIDER: a payment whose
// prompt was then accepted showed FAILED to a payer about to approve it (who could start another), and a refusal
// read after that check was lost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@busline/shared/testing';
import { paymentRows, payByAirtel, startWithScriptedAirtel, type AirtelScript, type PaymentSubgraph } from './helpers';

/** Longer than the test subgraph's first status check (its expected callback and grace, under 200 ms). */
const SLOW_MS = 900;

/**
 * A scripted Airtel answering each payment request after SLOW_MS: a refusal for a number ending 0000, else an
 * acceptance (the payment then shows TS on the enquiry); the enquiry does not know a request until it is answered.
 */
function slowAirtel() {
  const state = { accepted: new Set<string>(), enquiries: 0 };
  const script: AirtelScript = ({ method, url, body }, send) => {
    if (method === 'POST' && url.startsWith('/merchant/v1/payments')) {
      const { subscriber, transaction } = JSON.parse(body) as {
        subscriber: { msisdn: string };
        transaction: { id: string };
      };
      setTimeout(() => {
        if (subscriber.msisdn.endsWith('0000')) {
          send(400, { data: {}, status: { code: '400', success: false, message: 'Refused', response_code: 'DP0042' } });
        } else {
          state.accepted.add(transaction.id);
          send(200, { data: { transaction: { id: transaction.id, status: 'Success.' } }, status: { success: true } });
        }
      }, SLOW_MS);
      return true;
    }
    if (method === 'GET' && url.startsWith('/standard/v1/payments/')) {
      state.enquiries++;
      const id = decodeURIComponent(url.split('/').pop()!);
      if (state.accepted.has(id))
        send(200, {
          data: { transaction: { id, status: 'TS', airtel_money_id: 'AM-77', message: 'success' } },
          status: { code: '200', success: true },
        });
      else send(404, { data: {}, status: { code: '404', success: false, message: 'Transaction not found' } });
      return true;
    }
    return false;
  };
  return { script, state };
}

let subgraph: PaymentSubgraph;
let stop: () => Promise<void>;
const airtel = slowAirtel();

beforeAll(async () => {
  ({ subgraph, stop } = await startWithScriptedAirtel(airtel.script, {}));
});
afterAll(async () => {
  await stop?.();
});

describe('a payment request the provider is slow to answer', () => {
  it('keeps its refusal: no status check fails the payment while the request is on its way', async () => {
    const { result, payment } = await payByAirtel(subgraph, '0732120000');
    expect(result.errors).toBeUndefined();
    expect(payment).toMatchObject({ status: 'FAILED', failureReason: 'DP0042' });
    // Status reads were made meanwhile (the first check is due before the answer comes), and changed nothing.
    expect(airtel.state.enquiries).toBeGreaterThan(1);
  });

  it('stays PENDING once accepted, and is settled by the next status check', async () => {
    const { result, payment: stored, bookingId } = await payByAirtel(subgraph, '0732124321');
    expect(result.errors).toBeUndefined();
    // Answered PENDING; read a moment later, a status check may have settled it already, never failed it.
    expect((result.data as { startPayment: { status: string } }).startPayment.status).toBe('PENDING');
    expect(stored).toMatchObject({ status: expect.stringMatching(/^(PENDING|SUCCEEDED)$/), failureReason: null });
    // No callback comes: a status check finds the payment paid.
    await eventually(async () => {
      const [payment] = await paymentRows(subgraph, bookingId);
      return payment?.status === 'SUCCEEDED';
    }, 10_000);
  });
});
