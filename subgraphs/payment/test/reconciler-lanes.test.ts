import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createServer as createSimulator, type ProviderSimulator } from '@busline/provider-simulator';
import { testLogger } from '@busline/shared/testing';
import { DEFAULT_ROUTES } from '../src/provider/registry';
import {
  holdBooking,
  passenger,
  paymentRows,
  startPayment,
  startPaymentSubgraph,
  type PaymentSubgraph,
} from './helpers';

const AIRTEL_SECRET = 'airtel-callback-secret-for-audit';
const MTN_TIMEOUT_MS = 1000;
const MTN_ATTEMPTS = 2;
const HUNG_MTN_PAYMENTS = 6;

let mtn: Server;
const sockets = new Set<Socket>();
let simulator: ProviderSimulator;
let subgraph: PaymentSubgraph;

beforeAll(async () => {
  // MTN MoMo whose status API hangs (an outage of its status endpoint): tokens and requesttopay answer, a status
  // read never does.
  mtn = createHttpServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const url = req.url ?? '';
      if (req.method === 'POST' && url.startsWith('/collection/token')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ access_token: 'tok', token_type: 'access_token', expires_in: 3600 }));
        return;
      }
      if (req.method === 'POST' && url.startsWith('/collection/v1_0/requesttopay')) {
        res.writeHead(202);
        res.end();
        return;
      }
      // GET /collection/v1_0/requesttopay/{id}: no answer at all.
    });
  });
  mtn.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => mtn.listen(0, '127.0.0.1', resolve));
  const mtnUrl = `http://127.0.0.1:${(mtn.address() as AddressInfo).port}`;

  // Airtel Money is healthy: the provider simulator, payers approve after 50 ms with a signed callback.
  simulator = createSimulator({
    logger: testLogger('provider-simulator'),
    options: { callbackDelayMs: 50, unansweredSettleMs: 400, airtelCallbackSecret: AIRTEL_SECRET },
  });
  const simulatorUrl = await simulator.start(0);
  const creds = { apiUser: 'u', apiKey: 'k', subscriptionKey: 's' };
  subgraph = await startPaymentSubgraph({
    provider: undefined,
    expectedCallbackMs: 50,
    reconcileAfterMs: 100,
    reconcileBackoffMs: 100,
    reconcileBackoffMaxMs: 200,
    reconcileIntervalMs: 100,
    providers: {
      routes: DEFAULT_ROUTES,
      mtn: {
        baseUrl: mtnUrl,
        targetEnvironment: 'sandbox',
        collection: creds,
        disbursement: creds,
        timeoutMs: MTN_TIMEOUT_MS,
        attempts: MTN_ATTEMPTS,
        retryDelayMs: 10,
      },
      airtel: {
        baseUrl: simulatorUrl,
        clientId: 'simulator',
        clientSecret: 'simulator',
        callbackSecret: AIRTEL_SECRET,
        timeoutMs: 2000,
        attempts: 2,
        retryDelayMs: 10,
      },
    },
  });
  simulator.setAirtelCallbackUrl(`${subgraph.server.url}/webhooks/airtel`);
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await subgraph?.stop();
  await simulator?.stop();
  await new Promise((resolve) => mtn.close(resolve));
});

// MTN MoMo's status API hangs (every read times out) while a handful of MTN payments are pending; Airtel Money is
// healthy, and an Airtel payer approves at once (its signed callback within ~50 ms). The reconciler checked due
// payments one after another in one pass, and the callback only made its payment due: the Airtel payment waited behind
// every hung MTN read (with the defaults, 50 payments a pass at up to 2 minutes each, far past
// PENDING_PAYMENT_GRACE_MS: a ticket paid on time refunded as paid after expiry). Each provider has a lane now.
it("settles an Airtel payment from its callback within seconds while MTN's status API hangs", async () => {
  // Several MTN payments pending: their status checks fall due ~150 ms after each request and hang.
  for (let i = 0; i < HUNG_MTN_PAYMENTS; i++) {
    const owner = passenger();
    const bookingId = await holdBooking(subgraph, owner, 10_000);
    const { errors } = await startPayment(subgraph, owner, {
      bookingId,
      method: 'MTN_MOMO',
      phone: `07881700${String(i).padStart(2, '0')}`,
    });
    expect(errors).toBeUndefined();
  }
  // Let the reconciler start its pass over the MTN payments.
  await new Promise((resolve) => setTimeout(resolve, 400));

  const owner = passenger();
  const bookingId = await holdBooking(subgraph, owner, 10_000);
  const started = Date.now();
  const { data, errors } = await startPayment(subgraph, owner, {
    bookingId,
    method: 'AIRTEL_MONEY',
    phone: '0732171234',
  });
  expect(errors).toBeUndefined();
  expect(data?.startPayment.status).toBe('PENDING');

  // Airtel approved and called back within ~50 ms; the status read back would say TS at once.
  const deadline = started + 5000;
  let status = 'PENDING';
  while (Date.now() < deadline) {
    status = (await paymentRows(subgraph, bookingId))[0]!.status;
    if (status === 'SUCCEEDED') break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(
    status,
    `an Airtel payment approved with its callback delivered (${simulator.ledger.callbacksSent.get(data!.startPayment.providerReference) ?? 0} sent) was still ${status} after 5 s: the reconciler was stuck on ${HUNG_MTN_PAYMENTS} hung MTN status reads`,
  ).toBe('SUCCEEDED');
});
