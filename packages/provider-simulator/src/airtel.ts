import { createHmac } from 'node:crypto';
import { header, type RouteDef, type SimRequest, type SimResponse } from './http';
import { planFor, type Collection } from './ledger';
import type { SimulatorContext } from './context';

const DIAL_CODES: Record<string, string> = { RW: '250', UG: '256', KE: '254' };
const COUNTRY_CURRENCY: Record<string, string> = { RW: 'RWF', UG: 'UGX', KE: 'KES' };

const status = (httpStatus: number, success: boolean, message: string, resultCode: string, responseCode?: string) => ({
  code: String(httpStatus),
  message,
  result_code: resultCode,
  ...(responseCode ? { response_code: responseCode } : {}),
  success,
});
const refusal = (
  httpStatus: number,
  message: string,
  resultCode = 'ESB000001',
  responseCode?: string,
): SimResponse => ({
  status: httpStatus,
  body: { data: {}, status: status(httpStatus, false, message, resultCode, responseCode) },
});

/** Airtel's status code of a collection: TIP while the payer has not answered, then TS or TF. */
export function airtelCode(context: SimulatorContext, collection: Collection): 'TIP' | 'TS' | 'TF' {
  const state = context.ledger.statusOf(collection);
  return state === 'PENDING' ? 'TIP' : state === 'SUCCESSFUL' ? 'TS' : 'TF';
}

/** The callback body Airtel posts to the URL registered for the application. */
export function airtelCallback(context: SimulatorContext, collection: Collection): Record<string, unknown> {
  const code = airtelCode(context, collection);
  const transaction = {
    id: collection.reference,
    message:
      code === 'TS'
        ? `Paid ${collection.currency} ${collection.amount} to BUSLINE, Trans ID ${collection.financialTransactionId}.`
        : 'Transaction declined by the subscriber',
    status_code: code,
    airtel_money_id: collection.financialTransactionId,
  };
  const secret = context.options.airtelCallbackSecret;
  return secret
    ? { transaction, hash: createHmac('sha256', secret).update(JSON.stringify(transaction)).digest('base64') }
    : { transaction };
}

/** Airtel Money: OAuth client credentials, USSD push payments, status enquiry, refunds. */
export function airtelRoutes(context: SimulatorContext): RouteDef[] {
  const { ledger, options, tokens } = context;

  const market = (request: SimRequest): { country: string; currency: string } | SimResponse => {
    if (!tokens.valid(header(request, 'authorization'), 'airtel'))
      return refusal(401, 'Authorization failed: invalid or expired token', 'ESB000034');
    const country = header(request, 'x-country') ?? '';
    const currency = header(request, 'x-currency') ?? '';
    if (!DIAL_CODES[country] || COUNTRY_CURRENCY[country] !== currency)
      return refusal(400, 'Invalid X-Country or X-Currency', 'ESB000045');
    return { country, currency };
  };

  const token = (request: SimRequest): SimResponse => {
    const body = request.body ?? {};
    if (
      body.grant_type !== 'client_credentials' ||
      body.client_id !== options.airtelClientId ||
      body.client_secret !== options.airtelClientSecret
    ) {
      return { status: 401, body: { error: 'invalid_client', error_description: 'Client authentication failed' } };
    }
    ledger.tokensIssued++;
    return {
      status: 200,
      body: {
        access_token: tokens.issue('airtel', options.airtelTokenTtlSeconds),
        expires_in: String(options.airtelTokenTtlSeconds),
        token_type: 'bearer',
      },
    };
  };

  const pay = (request: SimRequest): SimResponse => {
    const where = market(request);
    if ('status' in where) return where;
    const body = request.body ?? {};
    const transaction = body.transaction ?? {};
    const subscriber = body.subscriber ?? {};
    const id = typeof transaction.id === 'string' ? transaction.id : '';
    if (!id || id.length > 64) return refusal(400, 'transaction.id is required (at most 64 characters)');
    const attempts = ledger.countAttempt(id);
    if (typeof subscriber.msisdn !== 'string' || !/^\d{9}$/.test(subscriber.msisdn)) {
      return refusal(400, 'Invalid MSISDN: the subscriber number is sent without its country code', 'ESB000014');
    }
    if (
      subscriber.country !== where.country ||
      transaction.country !== where.country ||
      transaction.currency !== where.currency ||
      subscriber.currency !== where.currency
    ) {
      return refusal(400, 'Country and currency must match X-Country and X-Currency', 'ESB000045');
    }
    if (
      typeof transaction.amount !== 'number' ||
      !(transaction.amount > 0) ||
      (where.currency !== 'KES' && !Number.isInteger(transaction.amount))
    ) {
      return refusal(400, 'Invalid amount', 'ESB000011');
    }
    if (ledger.find('airtel', id)) return refusal(400, 'Duplicate transaction id', 'ESB000033', 'DP00800001009');
    const msisdn = `${DIAL_CODES[where.country]}${subscriber.msisdn}`;
    const plan = planFor(msisdn);
    if (plan.dropFirstRequest && attempts === 1) return refusal(503, 'Service unavailable', 'ESB000039');
    const collection = ledger.record({
      provider: 'airtel',
      reference: id,
      amount: String(transaction.amount),
      currency: where.currency,
      country: where.country,
      msisdn,
      payerMessage: body.reference,
      plan,
      settlesAt: Date.now() + (plan.late ? options.unansweredSettleMs : options.callbackDelayMs),
    });
    context.scheduleCallbacks(collection);
    if (plan.failFirstAnswer && attempts === 1) return refusal(500, 'Internal server error', 'ESB000039');
    return {
      status: 200,
      body: {
        data: { transaction: { id, status: 'SUCCESS' } },
        status: status(200, true, 'SUCCESS', 'ESB000010', 'DP00800001006'),
      },
    };
  };

  const enquiry = (request: SimRequest): SimResponse => {
    const where = market(request);
    if ('status' in where) return where;
    const collection = ledger.find('airtel', request.params[0]!);
    if (!collection || collection.country !== where.country) return refusal(404, 'Transaction not found', 'ESB000008');
    const code = airtelCode(context, collection);
    return {
      status: 200,
      body: {
        data: {
          transaction: {
            airtel_money_id: collection.financialTransactionId,
            id: collection.reference,
            message:
              code === 'TF' ? 'Transaction declined by the subscriber' : code === 'TS' ? 'success' : 'In process',
            status: code,
          },
        },
        status: status(
          200,
          true,
          'SUCCESS',
          'ESB000010',
          code === 'TS' ? 'DP00800001001' : code === 'TF' ? 'DP00800001005' : 'DP00800001006',
        ),
      },
    };
  };

  const refund = (request: SimRequest): SimResponse => {
    const where = market(request);
    if ('status' in where) return where;
    const moneyId = request.body?.transaction?.airtel_money_id;
    const collection = typeof moneyId === 'string' ? ledger.byAirtelMoneyId(moneyId) : undefined;
    if (!collection || airtelCode(context, collection) !== 'TS')
      return refusal(400, 'Transaction not found or not successful', 'ESB000008');
    if (collection.refunded > 0) return refusal(400, 'Transaction already refunded', 'ESB000041');
    if (ledger.refusesRefund(collection))
      return refusal(400, 'Refund not allowed: merchant balance too low', 'ESB000041');
    collection.refunded = Number(collection.amount);
    if (ledger.losesRefundAnswer(collection)) return refusal(500, 'Internal server error', 'ESB000039');
    return {
      status: 200,
      body: {
        data: { transaction: { airtel_money_id: moneyId, status: 'SUCCESS' } },
        status: status(200, true, 'SUCCESS', 'ESB000010'),
      },
    };
  };

  return [
    { method: 'POST', pattern: /^\/auth\/oauth2\/token$/, handler: token },
    { method: 'POST', pattern: /^\/merchant\/v1\/payments\/?$/, handler: pay },
    { method: 'GET', pattern: /^\/standard\/v1\/payments\/([^/]+)$/, handler: enquiry },
    { method: 'POST', pattern: /^\/standard\/v1\/payments\/refund$/, handler: refund },
  ];
}
