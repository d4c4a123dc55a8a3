import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testLogger } from '@busline/shared/testing';
import { AirtelMoneyProvider, airtelStatus, checkAirtelCallbackHash } from '../src/provider/airtel-money';
import { MtnMomoProvider } from '../src/provider/mtn-momo';
import { AIRTEL, MTN } from './fixtures/provider-examples';

/** The shape of a JSON value: the same keys, each with the type of its value. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, shape(inner)]));
  return typeof value;
}

interface Recorded {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: any;
}

/** A provider that answers with the published examples (`answers` by "METHOD path") and records what it was sent. */
let answers: Record<string, { status: number; body?: unknown }> = {};
const recorded: Recorded[] = [];
let server: Server;
let baseUrl: string;
beforeAll(async () => {
  server = createServer(async (request, response) => {
    let text = '';
    for await (const chunk of request) text += chunk;
    const path = new URL(request.url!, 'http://x').pathname;
    recorded.push({
      method: request.method!,
      path,
      headers: request.headers,
      body: text ? JSON.parse(text) : undefined,
    });
    const key = Object.keys(answers).find((k) => new RegExp(`^${k}$`).test(`${request.method} ${path}`));
    const answer = key ? answers[key]! : { status: 404, body: MTN.notFound };
    response
      .writeHead(answer.status, { 'content-type': 'application/json' })
      .end(answer.body === undefined ? '' : JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const http = { timeoutMs: 2000, attempts: 2, retryDelayMs: 1 };
const sent = (method: string, path: string) => recorded.filter((r) => r.method === method && r.path === path);

describe('MTN MoMo against its published examples', () => {
  const credentials = { apiUser: randomUUID(), apiKey: 'api-key', subscriptionKey: 'subscription-key' };
  const momo = () =>
    new MtnMomoProvider(
      { baseUrl, targetEnvironment: { RW: 'mtnrwanda' }, collection: credentials, disbursement: credentials, ...http },
      testLogger('mtn'),
    );

  it('asks for a token with Basic api user:key and the subscription key, and sends requesttopay in the published shape', async () => {
    answers = {
      'POST /collection/token/': { status: 200, body: MTN.tokenResponse },
      'POST /collection/v1_0/requesttopay': { status: 202 },
    };
    const reference = randomUUID();
    await momo().requestToPay({
      referenceId: reference,
      amount: 20_000,
      currency: 'RWF',
      phone: '250788123456',
      country: 'RW',
      callbackUrl: 'https://pay.example/webhooks/momo?ref=x&sig=y',
      payerMessage: 'Busline booking 1234',
    });
    const [token] = sent('POST', '/collection/token/');
    expect(token?.headers.authorization).toBe(
      `Basic ${Buffer.from(`${credentials.apiUser}:api-key`).toString('base64')}`,
    );
    expect(token?.headers['ocp-apim-subscription-key']).toBe('subscription-key');
    const [request] = sent('POST', '/collection/v1_0/requesttopay');
    expect(shape(request?.body)).toEqual(shape(MTN.requestToPayBody));
    expect(request?.body).toMatchObject({
      amount: '20000',
      currency: 'RWF',
      externalId: reference,
      payer: { partyIdType: 'MSISDN', partyId: '250788123456' },
    });
    expect(request?.headers).toMatchObject({
      authorization: `Bearer ${MTN.tokenResponse.access_token}`,
      'x-reference-id': reference,
      'x-target-environment': 'mtnrwanda',
      'x-callback-url': 'https://pay.example/webhooks/momo?ref=x&sig=y',
      'ocp-apim-subscription-key': 'subscription-key',
      'content-type': 'application/json',
    });
  });

  it('takes 409 RESOURCE_ALREADY_EXIST as the request it already has, without sending it again', async () => {
    answers = {
      'POST /collection/token/': { status: 200, body: MTN.tokenResponse },
      'POST /collection/v1_0/requesttopay': { status: 409, body: MTN.duplicateReference },
    };
    const before = sent('POST', '/collection/v1_0/requesttopay').length;
    await expect(
      momo().requestToPay({
        referenceId: randomUUID(),
        amount: 100,
        currency: 'UGX',
        phone: '256772123456',
        country: 'RW',
        callbackUrl: 'https://x',
        payerMessage: 'm',
      }),
    ).resolves.toBeUndefined();
    expect(sent('POST', '/collection/v1_0/requesttopay').length - before).toBe(1);
  });

  it('reads the published status answers: SUCCESSFUL (numeric ids too), FAILED with a reason string or object, PENDING, unknown', async () => {
    const cases = [
      [
        MTN.statusSuccessful,
        {
          status: 'SUCCESSFUL',
          financialTransactionId: '23503452',
          collected: { amount: '100', currency: 'UGX' },
        },
      ],
      [MTN.statusFailed, { status: 'FAILED', reason: 'APPROVAL_REJECTED' }],
      [MTN.statusFailedWithErrorReason, { status: 'FAILED', reason: 'PAYER_NOT_FOUND' }],
      [MTN.statusPending, { status: 'PENDING' }],
    ] as const;
    for (const [body, expected] of cases) {
      answers = {
        'POST /collection/token/': { status: 200, body: MTN.tokenResponse },
        'GET /collection/v1_0/requesttopay/.+': { status: 200, body },
      };
      expect(await momo().getStatus(randomUUID(), { country: 'RW', currency: 'RWF' })).toEqual(expected);
    }
    answers = { 'POST /collection/token/': { status: 200, body: MTN.tokenResponse } };
    expect(await momo().getStatus(randomUUID(), { country: 'RW', currency: 'RWF' })).toEqual({ status: 'NOT_FOUND' });
  });
});

describe('Airtel Money against its published examples', () => {
  const airtel = () =>
    new AirtelMoneyProvider({ baseUrl, clientId: 'client', clientSecret: 'secret', ...http }, testLogger('airtel'));

  it('asks for a client-credentials token and sends the payment in the published shape, the number without its country code', async () => {
    answers = {
      'POST /auth/oauth2/token': { status: 200, body: AIRTEL.tokenResponse },
      'POST /merchant/v1/payments/': { status: 200, body: AIRTEL.paymentResponse },
    };
    const reference = randomUUID();
    await airtel().requestToPay({
      referenceId: reference,
      amount: 5000,
      currency: 'UGX',
      phone: '256752123456',
      country: 'UG',
      callbackUrl: 'unused',
      payerMessage: 'Busline booking 1234',
    });
    const [token] = sent('POST', '/auth/oauth2/token');
    expect(shape(token?.body)).toEqual(shape(AIRTEL.tokenRequest));
    expect(token?.body).toEqual({ client_id: 'client', client_secret: 'secret', grant_type: 'client_credentials' });
    const [payment] = sent('POST', '/merchant/v1/payments/');
    expect(shape(payment?.body)).toEqual(shape(AIRTEL.paymentBody));
    expect(payment?.body).toEqual({
      reference: 'Busline booking 1234',
      subscriber: { country: 'UG', currency: 'UGX', msisdn: '752123456' },
      transaction: { amount: 5000, country: 'UG', currency: 'UGX', id: reference },
    });
    expect(payment?.headers).toMatchObject({
      authorization: `Bearer ${AIRTEL.tokenResponse.access_token}`,
      'x-country': 'UG',
      'x-currency': 'UGX',
    });
  });

  it('reads the published enquiry answer and callback statuses', async () => {
    answers = {
      'POST /auth/oauth2/token': { status: 200, body: AIRTEL.tokenResponse },
      'GET /standard/v1/payments/.+': { status: 200, body: AIRTEL.enquiryResponse },
    };
    expect(await airtel().getStatus('83****88', { country: 'UG', currency: 'UGX' })).toEqual({
      status: 'SUCCESSFUL',
      financialTransactionId: 'C36*******67',
    });
    expect(sent('GET', '/standard/v1/payments/83****88').at(-1)?.headers).toMatchObject({
      'x-country': 'UG',
      'x-currency': 'UGX',
    });
    expect(airtelStatus(AIRTEL.callback.transaction)).toEqual({
      status: 'SUCCESSFUL',
      financialTransactionId: 'MP210603.1234.L06941',
    });
    expect(airtelStatus({ ...AIRTEL.callback.transaction, status_code: 'TF', message: 'Insufficient funds' })).toEqual({
      status: 'FAILED',
      reason: 'NOT_ENOUGH_FUNDS',
    });
    expect(airtelStatus({ ...AIRTEL.callback.transaction, status_code: 'TIP' })).toEqual({ status: 'PENDING' });
  });

  it('refunds by the airtel_money_id of the enquiry, in the published shape, and reads the published answer as done', async () => {
    answers = {
      'POST /auth/oauth2/token': { status: 200, body: AIRTEL.tokenResponse },
      'GET /standard/v1/payments/.+': { status: 200, body: AIRTEL.enquiryResponse },
      'POST /standard/v1/payments/refund': { status: 200, body: AIRTEL.refundResponse },
    };
    const answer = await airtel().refund({
      refundId: randomUUID(),
      attemptReference: randomUUID(),
      paymentReference: '83****88',
      amount: 5000,
      paymentAmount: 5000,
      currency: 'UGX',
      country: 'UG',
    });
    expect(answer).toEqual({ status: 'SUCCESSFUL', financialTransactionId: 'CI2****29' });
    const [refund] = sent('POST', '/standard/v1/payments/refund');
    expect(shape(refund?.body)).toEqual(shape(AIRTEL.refundBody));
    expect(refund?.body).toEqual({ transaction: { airtel_money_id: 'C36*******67' } });
  });

  it('verifies the callback hash over the transaction as sent, whatever its key order or spacing, and refuses another or none', () => {
    const key = 'callback-private-key';
    // Signed here with node:crypto over the sender's own text, not with the adapter's code.
    const sign = (text: string) => createHmac('sha256', key).update(text).digest('base64');
    const { id, message, status_code, airtel_money_id } = AIRTEL.callback.transaction;
    const reordered = `{"status_code":${JSON.stringify(status_code)},"airtel_money_id":${JSON.stringify(airtel_money_id)},"id":${JSON.stringify(id)},"message":${JSON.stringify(message)}}`;
    const spaced = JSON.stringify(AIRTEL.callback.transaction, null, 2);
    for (const transaction of [JSON.stringify(AIRTEL.callback.transaction), reordered, spaced]) {
      const body = `{ "transaction": ${transaction}, "hash": "${sign(transaction)}" }`;
      expect(checkAirtelCallbackHash(key, body, sign(transaction)), transaction).toBe(true);
      expect(checkAirtelCallbackHash('another-key', body, sign(transaction))).toBe(false);
      expect(checkAirtelCallbackHash(key, body.replace(`"${status_code}"`, '"TF"'), sign(transaction))).toBe(false);
      expect(checkAirtelCallbackHash(key, body, undefined)).toBe(false);
    }
    // A body whose transaction is not where the hash says stays refused.
    expect(checkAirtelCallbackHash(key, `{"hash":"x","other":{"transaction":1}}`, sign('1'))).toBe(false);
  });
});
