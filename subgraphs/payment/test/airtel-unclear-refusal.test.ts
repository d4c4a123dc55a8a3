// Airtel Money: a resend refused while Airtel's status enquiry is down is no refusal to rely on (docs/payments.md: an
// unclear outcome is settled by asking for the transaction; when even that cannot be read, the payment fails as
// PROVIDER_UNAVAILABLE and keeps being checked). The first request may have reached Airtel, its answer lost, and the
// resend be refused as a duplicate: the payer's phone shows the prompt.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@busline/shared/testing';
import { payments } from '../src/db/schema';
import { airtelCallbackHash } from '../src/provider/airtel-money';
import { DEFAULT_ROUTES } from '../src/provider/registry';
import { holdBooking, passenger, startPayment, startPaymentSubgraph, type PaymentSubgraph } from './helpers';

const SECRET = 'airtel-callback-secret-for-tests';

/**
 * A scripted Airtel: the first payment request is recorded but its answer is a 504; the enquiry does not show it
 * yet (404), so the adapter sends it again and gets "Duplicate transaction id"; from then on the enquiry is down
 * (503), or with `lagging` still says "not found", until the payer approves, after which it says TS.
 */
function fakeAirtel() {
  const state = { posts: 0, recorded: false, enquiryDown: false, lagging: false, approved: false };
  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const url = req.url ?? '';
      if (req.method === 'POST' && url.startsWith('/auth/oauth2/token'))
        return send(res, 200, { access_token: 'tok', expires_in: '3600', token_type: 'bearer' });
      if (req.method === 'POST' && url.startsWith('/merchant/v1/payments')) {
        state.posts++;
        if (state.posts === 1) {
          state.recorded = true;
          return send(res, 504, { status: { code: '504', success: false, message: 'Gateway timeout' } });
        }
        state.enquiryDown = !state.lagging;
        return send(res, 400, {
          data: {},
          status: {
            code: '400',
            success: false,
            message: 'Duplicate transaction id',
            result_code: 'ESB000033',
            response_code: 'DP00800001009',
          },
        });
      }
      if (req.method === 'GET' && url.startsWith('/standard/v1/payments/')) {
        const id = decodeURIComponent(url.split('/').pop()!);
        if (state.approved)
          return send(res, 200, {
            data: { transaction: { id, status: 'TS', airtel_money_id: 'AM123', message: 'success' } },
            status: { code: '200', success: true },
          });
        if (state.enquiryDown) return send(res, 503, { status: { code: '503', success: false } });
        return send(res, 404, { data: {}, status: { code: '404', success: false, message: 'Transaction not found' } });
      }
      send(res, 404, {});
    });
  });
  return { server, state };
}

let subgraph: PaymentSubgraph;
let airtel: ReturnType<typeof fakeAirtel>;

beforeAll(async () => {
  airtel = fakeAirtel();
  await new Promise<void>((resolve) => airtel.server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(airtel.server.address() as AddressInfo).port}`;
  subgraph = await startPaymentSubgraph({
    provider: undefined,
    reconcileAfterMs: 200,
    reconcileBackoffMs: 100,
    reconcileBackoffMaxMs: 200,
    providers: {
      routes: DEFAULT_ROUTES,
      airtel: {
        baseUrl: url,
        clientId: 'id',
        clientSecret: 'secret',
        callbackSecret: SECRET,
        timeoutMs: 2000,
        attempts: 2,
        retryDelayMs: 10,
      },
    },
  });
});
afterAll(async () => {
  await subgraph?.stop();
  await new Promise((resolve) => airtel?.server.close(resolve));
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
    await eventually(async () => (await row()).status === 'SUCCEEDED', 4000);
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
    await eventually(async () => (await row()).status === 'SUCCEEDED', 4000);
    expect((await row()).failureReason).toBeNull();
  });
});
