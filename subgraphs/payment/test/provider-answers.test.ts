// Provider answers that are not what the adapters expect: a refund's success that comes back as a gateway's page, an
// Airtel request accepted with 202, a status read for another amount, an answer that never ends. None may pay money
// out twice, lose a payment the payer approves, confirm a ticket for less money, or fill the service's memory.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, testLogger } from '@busline/shared/testing';
import type { PaymentOptions } from '../src/options';
import { MAX_ANSWER_BYTES } from '../src/provider/http';
import { MtnMomoProvider } from '../src/provider/mtn-momo';
import {
  eventsFor,
  holdBooking,
  passenger,
  paymentRows,
  publish,
  startPayment,
  startWithScriptedAirtel,
  startWithScriptedMtn,
  type PaymentSubgraph,
  type ProviderScript,
} from './helpers';

const statusPath = /^\/collection\/v1_0\/requesttopay\/(.+)$/;
const refundStatusPath = /^\/disbursement\/v1_0\/refund\/(.+)$/;
const successOf = (reference: string, amount = '20000') => ({
  amount,
  currency: 'RWF',
  financialTransactionId: '363440463',
  externalId: reference,
  status: 'SUCCESSFUL',
});

/** A passenger's 20,000 RWF booking and its payment started by `method`: the booking and the payment's id. */
async function paidBooking(subgraph: PaymentSubgraph, method: string, phone?: string) {
  const owner = passenger();
  const bookingId = await holdBooking(subgraph, owner, 20_000);
  const { data, errors } = await startPayment(subgraph, owner, { bookingId, method, ...(phone ? { phone } : {}) });
  expect(errors).toBeUndefined();
  return { bookingId, paymentId: data!.startPayment.id as string };
}

/**
 * The payment subgraph on a scripted provider API for the tests of one describe block, its payments checked every
 * 100-200 ms.
 */
function scripted(
  start: typeof startWithScriptedMtn | typeof startWithScriptedAirtel,
  script: ProviderScript,
  options: PaymentOptions = {},
) {
  const running = {} as { subgraph: PaymentSubgraph; stop?: () => Promise<void> };
  beforeAll(async () => {
    const started = await start(script, {
      reconcileAfterMs: 100,
      reconcileBackoffMs: 100,
      reconcileBackoffMaxMs: 200,
      ...options,
    });
    Object.assign(running, started);
  });
  afterAll(() => running.stop?.());
  return running;
}

describe('an MTN refund MoMo made, answered 200 with a page instead of 202', () => {
  /** Refunds MoMo carried out, by X-Reference-Id. */
  const refundsMade = new Set<string>();
  const requests = new Set<string>();
  const script: ProviderScript = ({ method, path, headers }, send) => {
    const reference = String(headers['x-reference-id'] ?? '');
    let match: RegExpExecArray | null;
    if (method === 'POST' && path === '/collection/v1_0/requesttopay') {
      requests.add(reference);
      send(202, '', 'text/plain');
    } else if (method === 'GET' && (match = statusPath.exec(path)) && requests.has(decodeURIComponent(match[1]!))) {
      send(200, successOf(decodeURIComponent(match[1]!)));
    } else if (method === 'POST' && path === '/disbursement/v2_0/refund') {
      refundsMade.add(reference);
      send(200, '<html><body>OK</body></html>', 'text/html');
    } else if (method === 'GET' && (match = refundStatusPath.exec(path)) && refundsMade.has(match[1]!)) {
      send(200, successOf(decodeURIComponent(match[1]!)));
    } else return false;
    return true;
  };
  const running = scripted(startWithScriptedMtn, script, { refundRetryMs: 50, refundMaxAttempts: 3 });

  it('is an unclear answer: the refund is read back under its reference and paid once, never again', async () => {
    const { bookingId, paymentId } = await paidBooking(running.subgraph, 'MTN_MOMO');
    await eventually(async () => (await paymentRows(running.subgraph, bookingId))[0]!.status === 'SUCCEEDED', 5000);
    await publish(running.subgraph, 'refund.requested', {
      bookingId,
      paymentId,
      amount: { amount: 20_000, currency: 'RWF' },
      reason: 'PAID_AFTER_EXPIRY',
    });
    await eventually(async () => (await paymentRows(running.subgraph, bookingId))[0]!.status === 'REFUNDED', 5000);
    // Past two more refund attempts' time: none is sent under a new reference.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(refundsMade.size).toBe(1);
  });
});

describe('Airtel accepting a payment request with 202 while its enquiry does not show it yet', () => {
  const state = { posts: 0, approved: false };
  const script: ProviderScript = ({ method, url }, send) => {
    if (method === 'POST' && url.startsWith('/merchant/v1/payments')) {
      state.posts++;
      send(202, {
        data: { transaction: { id: false, status: 'SUCCESS' } },
        status: {
          code: '200',
          message: 'SUCCESS',
          result_code: 'ESB000010',
          response_code: 'DP00800001006',
          success: true,
        },
      });
    } else if (method === 'GET' && url.startsWith('/standard/v1/payments/')) {
      const id = decodeURIComponent(url.split('/').pop()!);
      if (state.approved)
        send(200, {
          data: { transaction: { id, status: 'TS', airtel_money_id: 'AM-202', message: 'Paid' } },
          status: { code: '200', success: true },
        });
      else send(404, { data: {}, status: { code: '404', success: false, message: 'Transaction not found' } });
    } else return false;
    return true;
  };
  const running = scripted(startWithScriptedAirtel, script);

  it('takes it as accepted and keeps checking: the payment the payer approves is confirmed, never failed', async () => {
    const { bookingId } = await paidBooking(running.subgraph, 'AIRTEL_MONEY', '0732125678');
    expect(state.posts).toBe(1);
    const [pending] = await paymentRows(running.subgraph, bookingId);
    expect({ status: pending!.status, failureReason: pending!.failureReason }).toEqual({
      status: 'PENDING',
      failureReason: null,
    });
    state.approved = true;
    await eventually(async () => (await paymentRows(running.subgraph, bookingId))[0]!.status === 'SUCCEEDED', 5000);
    expect(state.posts).toBe(1);
  });
});

describe('an MTN status read saying SUCCESSFUL for another amount', () => {
  const collected = new Map<string, string>();
  let statusReads = 0;
  const script: ProviderScript = ({ method, path, headers }, send) => {
    let match: RegExpExecArray | null;
    if (method === 'POST' && path === '/collection/v1_0/requesttopay') {
      // MoMo will say it collected 1 RWF, whatever was asked (a misrouted or cached answer).
      collected.set(String(headers['x-reference-id']), '1');
      send(202, '', 'text/plain');
    } else if (method === 'GET' && (match = statusPath.exec(path)) && collected.has(decodeURIComponent(match[1]!))) {
      statusReads++;
      const reference = decodeURIComponent(match[1]!);
      send(200, successOf(reference, collected.get(reference)));
    } else return false;
    return true;
  };
  const running = scripted(startWithScriptedMtn, script);

  it('never settles the payment on it, and keeps checking', async () => {
    const { bookingId } = await paidBooking(running.subgraph, 'MTN_MOMO');
    await eventually(() => statusReads >= 3, 5000);
    const [row] = await paymentRows(running.subgraph, bookingId);
    expect(row!.status).toBe('PENDING');
    expect(await eventsFor(running.subgraph, 'payment.succeeded', bookingId)).toEqual([]);
  });
});

describe('a provider answer that never ends', () => {
  let server: Server;
  let baseUrl: string;
  let written = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      if (req.method === 'POST' && req.url?.startsWith('/collection/token/'))
        return res.end(JSON.stringify({ access_token: 'tok', expires_in: 3600 }));
      // A status answer padded for as long as it is read (up to 64 MB).
      const chunk = Buffer.alloc(64 * 1024, 'x');
      let closed = false;
      res.on('close', () => (closed = true));
      res.write('{"status":"PENDING","pad":"');
      const pump = () => {
        while (!closed && written < 64 * 1024 * 1024) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        if (!closed) res.end('"}');
      };
      pump();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );

  it('is read no further than a provider answer can be, and is no answer', async () => {
    const credentials = { apiUser: 'u', apiKey: 'k', subscriptionKey: 's' };
    const momo = new MtnMomoProvider(
      {
        baseUrl,
        targetEnvironment: 'sandbox',
        collection: credentials,
        timeoutMs: 10_000,
        attempts: 1,
        retryDelayMs: 1,
      },
      testLogger('mtn'),
    );
    await expect(momo.getStatus(randomUUID())).rejects.toThrow(`answer longer than ${MAX_ANSWER_BYTES} bytes`);
    // What the server got to write before the read stopped: socket buffers, not the whole of it.
    expect(written).toBeLessThan(8 * 1024 * 1024);
  });
});
