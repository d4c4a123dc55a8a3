import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import type { Viewer } from '@busline/shared';
import { eventually, startTestSubgraph, type TestSubgraph } from '@busline/shared/testing';
import { migrations } from '../src/db/migrations';
import { outbox, payableBookings, payments, sandboxRequests } from '../src/db/schema';
import type { AirtelMoneyConfig } from '../src/provider/airtel-money';
import type { PaymentOptions } from '../src/options';
import { DEFAULT_ROUTES } from '../src/provider/registry';
import type { PaymentProvider } from '../src/provider/types';
import { createServer } from '../src/server';

export type PaymentSubgraph = TestSubgraph<ReturnType<typeof createServer>> & {
  providerCalls: { requestToPay: number; refund: number };
};

/** The sandbox provider with the calls a test scripts replaced (`overrides`, given the sandbox); the rest its own. */
export const sandboxWith =
  (overrides: (sandbox: PaymentProvider) => Partial<PaymentProvider>) =>
  (sandbox: PaymentProvider): PaymentProvider => ({
    name: sandbox.name,
    requestToPay: (request) => sandbox.requestToPay(request),
    getStatus: (reference, market) => sandbox.getStatus(reference, market),
    refund: (request) => sandbox.refund(request),
    cancel: (reference) => sandbox.cancel!(reference),
    close: () => sandbox.close!(),
    ...overrides(sandbox),
  });

/** Starts the payment subgraph with tiny sandbox delays and a provider that counts its calls. */
export async function startPaymentSubgraph(options: PaymentOptions = {}): Promise<PaymentSubgraph> {
  const providerCalls = { requestToPay: 0, refund: 0 };
  const counting = sandboxWith((sandbox) => ({
    requestToPay: (r) => (providerCalls.requestToPay++, sandbox.requestToPay(r)),
    refund: (r) => (providerCalls.refund++, sandbox.refund(r)),
  }));
  const subgraph = await startTestSubgraph({
    name: 'payment',
    migrations,
    createServer: (deps) =>
      createServer(deps, {
        sandboxCallbackDelayMs: 30,
        sandboxUnansweredSettleMs: 400,
        reconcileAfterMs: 150,
        reconcileBackoffMs: 100,
        reconcileBackoffMaxMs: 200,
        reconcileIntervalMs: 100,
        refundRetryMs: 50,
        bookingReplicaWaitMs: 300,
        provider: counting,
        ...options,
      }),
  });
  return Object.assign(subgraph, { providerCalls });
}

export const passenger = (): Viewer => ({ userId: randomUUID(), role: 'PASSENGER', companyId: null });

/** Publishes a domain event as another subgraph would (through the bus). */
export async function publish(
  subgraph: PaymentSubgraph,
  type: string,
  payload: Record<string, unknown>,
  id: string = randomUUID(),
): Promise<void> {
  await subgraph.deps.bus.publish({ id, type, source: 'ticketing', occurredAt: new Date().toISOString(), payload });
}

/** booking.held for `owner`, waited for until the replica has it. */
export async function holdBooking(
  subgraph: PaymentSubgraph,
  owner: Viewer,
  amount = 12_000,
  companyId: string = randomUUID(),
): Promise<string> {
  const bookingId = randomUUID();
  await publish(subgraph, 'booking.held', {
    bookingId,
    tripId: randomUUID(),
    companyId,
    userId: owner.userId,
    tickets: [{ ticketId: randomUUID(), seatNumber: '1A', passengerName: 'Aline' }],
    totalAmount: { amount, currency: 'RWF' },
    expiresAt: new Date(Date.now() + 600_000).toISOString(),
    departureAt: new Date(Date.now() + 86_400_000).toISOString(),
  });
  const db = subgraph.database.handle.db;
  await eventually(
    async () => (await db.select().from(payableBookings).where(eq(payableBookings.bookingId, bookingId))).length === 1,
  );
  return bookingId;
}

export const START_PAYMENT = `mutation($input: StartPaymentInput!, $key: String!) {
  startPayment(input: $input, idempotencyKey: $key) { id status method providerReference amount { amount currency } booking { id } }
}`;

export function startPayment(
  subgraph: PaymentSubgraph,
  viewer: Viewer,
  input: { bookingId: string; method?: string; phone?: string },
  key: string = randomUUID(),
) {
  return subgraph.request(START_PAYMENT, { input: { method: 'MTN_MOMO', phone: '0788123456', ...input }, key }, viewer);
}

/** Outbox rows of `type` whose payload concerns `bookingId`. */
export async function eventsFor(subgraph: PaymentSubgraph, type: string, bookingId: string) {
  const rows = await subgraph.database.handle.db.select().from(outbox).where(eq(outbox.type, type));
  return rows.map((row) => row.payload as Record<string, any>).filter((payload) => payload.bookingId === bookingId);
}

export async function paymentRows(subgraph: PaymentSubgraph, bookingId: string) {
  return subgraph.database.handle.db.select().from(payments).where(eq(payments.bookingId, bookingId));
}

/** A new passenger's booking of 20,000 RWF paid from the Airtel wallet `phone`: the answer and the payment's row. */
export async function payByAirtel(subgraph: PaymentSubgraph, phone: string) {
  const owner = passenger();
  const bookingId = await holdBooking(subgraph, owner, 20_000);
  const result = await startPayment(subgraph, owner, { bookingId, method: 'AIRTEL_MONEY', phone });
  const [payment] = await paymentRows(subgraph, bookingId);
  return { result, payment, bookingId };
}

/** The in-process sandbox's payer answers a request now (its status API shows the outcome from now on). */
export async function payerAnswers(
  subgraph: PaymentSubgraph,
  reference: string,
  outcome: 'SUCCESSFUL' | 'FAILED',
): Promise<void> {
  await subgraph.database.handle.db
    .update(sandboxRequests)
    .set({ outcome, reason: outcome === 'FAILED' ? 'APPROVAL_REJECTED' : null, settlesAt: new Date() })
    .where(eq(sandboxRequests.referenceId, reference));
}

/**
 * The sandbox provider, but the answer to a payment request is lost whenever `lose()` says so: the request reached
 * the provider and we saw a timeout, so the payment is FAILED (PROVIDER_UNAVAILABLE) while the payer can still
 * approve it.
 */
export const losingAnswers = (lose: () => boolean = () => true) =>
  sandboxWith((sandbox) => ({
    requestToPay: async (request) => {
      await sandbox.requestToPay(request);
      if (lose()) throw new Error('timeout waiting for the provider');
    },
  }));

/** Answers one request of a scripted provider API, or returns false to leave it to the default 404. */
export type ProviderScript = (
  request: { method: string; url: string; path: string; body: string; headers: IncomingHttpHeaders },
  /** Writes the answer: `body` as JSON, or as it is with another content type (a gateway's HTML page). */
  send: (status: number, body: unknown, contentType?: string) => void,
) => boolean;
export type AirtelScript = ProviderScript;

/**
 * A scripted provider API on a port of its own: token requests (`isTokenRequest`) always granted with `token`,
 * anything `script` leaves unanswered a 404 with `notFound`; and the payment subgraph routed to it by `providers`.
 */
async function startWithScriptedApi(
  api: { isTokenRequest: (method: string, path: string) => boolean; token: unknown; notFound: unknown },
  script: ProviderScript,
  options: PaymentOptions,
  providers: (baseUrl: string) => NonNullable<PaymentOptions['providers']>,
): Promise<{ subgraph: PaymentSubgraph; stop: () => Promise<void> }> {
  const server = createHttpServer((req, res: ServerResponse) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const send = (status: number, answer: unknown, contentType = 'application/json') => {
        res.writeHead(status, { 'content-type': contentType });
        res.end(contentType === 'application/json' ? JSON.stringify(answer) : String(answer));
      };
      const url = req.url ?? '';
      const request = {
        method: req.method ?? '',
        url,
        path: new URL(url, 'http://x').pathname,
        body,
        headers: req.headers,
      };
      if (api.isTokenRequest(request.method, request.path)) return send(200, api.token);
      if (!script(request, send)) send(404, api.notFound);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const closeServer = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(resolve);
    });
  const subgraph = await startPaymentSubgraph({ provider: undefined, ...options, providers: providers(baseUrl) }).catch(
    async (error: unknown) => {
      await closeServer();
      throw error;
    },
  );
  return {
    subgraph,
    stop: async () => {
      await subgraph.stop();
      await closeServer();
    },
  };
}

/** A scripted Airtel Money API and the payment subgraph routed to it, with `options` and the Airtel `config` given. */
export function startWithScriptedAirtel(
  script: AirtelScript,
  options: PaymentOptions,
  config: Partial<AirtelMoneyConfig> = {},
): Promise<{ subgraph: PaymentSubgraph; stop: () => Promise<void> }> {
  const api = {
    isTokenRequest: (method: string, path: string) => method === 'POST' && path.startsWith('/auth/oauth2/token'),
    token: { access_token: 'tok', expires_in: '3600', token_type: 'bearer' },
    notFound: {},
  };
  return startWithScriptedApi(api, script, options, (baseUrl) => ({
    routes: DEFAULT_ROUTES,
    airtel: {
      baseUrl,
      clientId: 'id',
      clientSecret: 'secret',
      timeoutMs: 2000,
      attempts: 2,
      retryDelayMs: 10,
      ...config,
    },
  }));
}

/** A scripted MTN MoMo API (collections and disbursements) and the payment subgraph routed to it. */
export function startWithScriptedMtn(
  script: ProviderScript,
  options: PaymentOptions,
): Promise<{ subgraph: PaymentSubgraph; stop: () => Promise<void> }> {
  const api = {
    isTokenRequest: (method: string, path: string) =>
      method === 'POST' && /^\/(collection|disbursement)\/token\/?$/.test(path),
    token: { access_token: 'tok', token_type: 'access_token', expires_in: 3600 },
    notFound: { code: 'RESOURCE_NOT_FOUND', message: 'Requested resource was not found.' },
  };
  const credentials = { apiUser: 'user', apiKey: 'key', subscriptionKey: 'sub' };
  return startWithScriptedApi(api, script, options, (baseUrl) => ({
    routes: DEFAULT_ROUTES,
    mtn: {
      baseUrl,
      targetEnvironment: 'sandbox',
      collection: credentials,
      disbursement: credentials,
      timeoutMs: 2000,
      attempts: 2,
      retryDelayMs: 10,
    },
  }));
}
