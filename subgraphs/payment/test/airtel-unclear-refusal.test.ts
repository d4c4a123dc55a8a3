// Airtel Money: a resend refused while Airtel's status enquiry is down is no refusal to rely on (docs/payments.md: an
// unclear outcome is settled by asking for the transaction; when even that cannot be read, the payment fails as
// PROVIDER_UNAVAILABLE and keeps being checked). The first request may have reached Airtel, its answer lost, and the
// resend be refused as a duplicate: the payer's phone shows the prompt.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@busline/shared/testing';
import { payments } from '../src/db/schema';
import { airtelCallbackHash } from '../src/provider/airtel-money';
import {
  holdBooking,
  passenger,
  startPayment,
  startWithScriptedAirtel,
  type AirtelScript,
  type PaymentSubgraph,
} from './helpers';

const SECRET = 'airtel-callback-secret-for-tests';

/**
 * A scripted Airtel: the first payment request is recorded but its answer is a 504; the enquiry does not show it
 * yet (404), so the adapter sends it again and gets "Duplicate transaction id"; from then on the enquiry is down
 * (503), or with `lagging` still says "not found", until the payer approves, after which it says TS.
 */
function fakeAirtel() {
  const state = { posts: 0, recorded: false, enquiryDown: false, lagging: false, approved: false };
  const script: AirtelScript = ({ method, url }, send) => {
    if (method === 'POST' && url.startsWith('/merchant/v1/payments')) {
      state.posts++;
      if (state.posts === 1) {
        state.recorded = true;
        send(504, { status: { code: '504', success: false, message: 'Gateway timeout' } });
        return true;
      }
      state.enquiryDown = !state.lagging;
      send(400, {
        data: {},
        status: {
          code: '400',
          success: false,
          message: 'Duplicate transaction id',
          result_code: 'ESB000033',
          response_code: 'DP00800001009',
        },
      });
    } else if (method === 'GET' && url.startsWith('/standard/v1/payments/')) {
      const id = decodeURIComponent(url.split('/').pop()!);
      if (state.approved)
        send(200, {
          data: { transaction: { id, status: 'TS', airtel_money_id: 'AM123', message: 'success' } },
          status: { code: '200', success: true },
        });
      else if (state.enquiryDown) send(503, { status: { code: '503', success: false } });
      else send(404, { data: {}, status: { code: '404', success: false, message: 'Transaction not found' } });
    } else return false;
    return true;
  };
  return { script, state };
}

let subgraph: PaymentSubgraph;
let stop: () => Promise<void>;
const airtel = fakeAirtel();

beforeAll(async () => {
  ({ subgraph, stop } = await startWithScriptedAirtel(
    airtel.script,
    { reconcileAfterMs: 200, reconcileBackoffMs: 100, reconcileBackoffMaxMs: 200 },
    { callbackSecret: SECRET },
  ));
});
afterAll(async () => {
  await stop?.();
});

describe('Airtel: a refused resend while the status enquiry is down', () => {
  it('keeps checking the payment, so the money the payer then approves is confirmed (or refunded), never lost', async () => {
    // Airtel holds the request (the payer's phone shows the prompt); the payer approves, Airtel's enquiry works again
    // and Airtel posts its (signed) callback.
    const { paymentId, answer } = await approvedAfterRefusedResend();
    expect(airtel.state.recorded).toBe(true);

    const row = () => paymentRow(paymentId);
    // Still being checked: the approved money settles it (it was FAILED, with no check left, the callback
    // answered "already-settled").
    expect(answer.status).not.toBe('already-settled');
    await eventually(async () => (await row()).status === 'SUCCEEDED');
    expect(airtel.state.posts).toBe(2);
  });
});

const paymentRow = async (paymentId: string) =>
  (await subgraph.database.handle.db.select().from(payments).where(eq(payments.id, paymentId)))[0]!;

/** A payment started while Airtel answers as scripted, and Airtel's signed callback once the payer approves. */
async function approvedAfterRefusedResend() {
  const owner = passenger();
  const bookingId = await holdBooking(subgraph, owner, 20_000);
  const { data, errors } = await startPayment(subgraph, owner, {
    bookingId,
    method: 'AIRTEL_MONEY',
    phone: '0732121234',
  });
  expect(errors).toBeUndefined();
  const paymentId = data!.startPayment.id as string;
  const reference = data!.startPayment.providerReference as string;
  airtel.state.approved = true;
  const transaction = { id: reference, message: 'Paid', status_code: 'TS', airtel_money_id: 'AM123' };
  const body = JSON.stringify({ transaction, hash: airtelCallbackHash(SECRET, JSON.stringify(transaction)) });
  const callback = await fetch(`${subgraph.server.url}/webhooks/airtel`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  return { paymentId, answer: (await callback.json()) as { status: string } };
}

describe('Airtel: a resend refused as a duplicate while the status enquiry still says "not found"', () => {
  it('takes the refusal for no verdict and keeps checking: the approved money is confirmed, never lost', async () => {
    // Airtel's enquiry lags behind its payment API: the recorded first request is not visible to it yet.
    Object.assign(airtel.state, { posts: 0, recorded: false, enquiryDown: false, lagging: true, approved: false });
    const { paymentId, answer } = await approvedAfterRefusedResend();
    expect(airtel.state).toMatchObject({ posts: 2, recorded: true });
    // It was FAILED with the duplicate's code and no check left, the callback answered "already-settled".
    expect(answer.status).toBe('checking');
    const row = () => paymentRow(paymentId);
    await eventually(async () => (await row()).status === 'SUCCEEDED');
    expect((await row()).failureReason).toBeNull();
  });
});
