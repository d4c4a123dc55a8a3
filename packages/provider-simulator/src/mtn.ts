import { header, type RouteDef, type SimRequest, type SimResponse } from './http';
import type { Collection, Ledger } from './ledger';
import { planFor } from './ledger';
import type { TokenStore } from './tokens';
import type { SimulatorContext } from './context';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const ZERO_DECIMAL = new Set(['RWF', 'UGX']);

const error = (status: number, code: string, message: string): SimResponse => ({ status, body: { code, message } });

/** The requesttopay result as GET requesttopay/{id} and the callback carry it. */
export function momoResult(ledger: Ledger, collection: Collection): Record<string, unknown> {
  const status = ledger.statusOf(collection);
  return {
    amount: collection.amount,
    currency: collection.currency,
    ...(status === 'SUCCESSFUL' ? { financialTransactionId: collection.financialTransactionId } : {}),
    externalId: collection.externalId,
    payer: { partyIdType: 'MSISDN', partyId: collection.msisdn },
    payerMessage: collection.payerMessage,
    payeeNote: collection.payeeNote,
    status,
    ...(status === 'FAILED' ? { reason: collection.cancelled ? 'TRANSACTION_CANCELED' : collection.plan.reason } : {}),
  };
}

/**
 * MTN MoMo Collections and Disbursement refunds: tokens (Basic api user:key + subscription key),
 * requesttopay (X-Reference-Id, 202; 409 for a reference it has), status, refunds.
 */
export function mtnRoutes(context: SimulatorContext): RouteDef[] {
  const { ledger, options } = context;
  const tokens: TokenStore = context.tokens;

  const authorized = (request: SimRequest, product: 'collection' | 'disbursement'): SimResponse | undefined => {
    const credentials = product === 'collection' ? options.mtnCollection : options.mtnDisbursement;
    if (header(request, 'ocp-apim-subscription-key') !== credentials.subscriptionKey) {
      return error(401, 'INVALID_SUBSCRIPTION_KEY', 'Access denied due to invalid subscription key');
    }
    if (!tokens.valid(header(request, 'authorization'), `mtn-${product}`))
      return error(401, 'INVALID_TOKEN', 'Access token is missing, invalid or expired');
    if (header(request, 'x-target-environment') !== options.mtnTargetEnvironment)
      return error(400, 'NOT_ALLOWED_TARGET_ENVIRONMENT', 'Access to target environment is forbidden');
    return undefined;
  };

  const token =
    (product: 'collection' | 'disbursement') =>
    (request: SimRequest): SimResponse => {
      const credentials = product === 'collection' ? options.mtnCollection : options.mtnDisbursement;
      const basic = `Basic ${Buffer.from(`${credentials.apiUser}:${credentials.apiKey}`).toString('base64')}`;
      if (
        header(request, 'ocp-apim-subscription-key') !== credentials.subscriptionKey ||
        header(request, 'authorization') !== basic
      ) {
        return error(401, 'INVALID_CREDENTIALS', 'Invalid API user, API key or subscription key');
      }
      ledger.tokensIssued++;
      return {
        status: 200,
        body: {
          access_token: tokens.issue(`mtn-${product}`, options.mtnTokenTtlSeconds),
          token_type: 'access_token',
          expires_in: options.mtnTokenTtlSeconds,
        },
      };
    };

  const requestToPay = (request: SimRequest): SimResponse => {
    const refused = authorized(request, 'collection');
    if (refused) return refused;
    const reference = header(request, 'x-reference-id') ?? '';
    if (!UUID.test(reference)) return error(400, 'INVALID_REFERENCE_ID', 'X-Reference-Id must be a UUID');
    const body = request.body;
    const attempts = ledger.countAttempt(reference);
    if (request.invalidBody || typeof body !== 'object' || body === null)
      return error(400, 'BAD_REQUEST', 'Body must be JSON');
    if (typeof body.amount !== 'string' || !/^\d+(\.\d{1,2})?$/.test(body.amount))
      return error(400, 'INVALID_AMOUNT', 'amount must be a decimal string');
    if (typeof body.currency !== 'string' || !/^[A-Z]{3}$/.test(body.currency))
      return error(400, 'INVALID_CURRENCY', 'currency must be ISO 4217');
    if (ZERO_DECIMAL.has(body.currency) && body.amount.includes('.'))
      return error(400, 'INVALID_AMOUNT', `${body.currency} has no minor units`);
    if (
      body.payer?.partyIdType !== 'MSISDN' ||
      typeof body.payer?.partyId !== 'string' ||
      !/^\d{9,15}$/.test(body.payer.partyId)
    ) {
      return error(
        400,
        'PAYER_NOT_FOUND',
        'payer must be { partyIdType: MSISDN, partyId: international number without + }',
      );
    }
    if (ledger.find('mtn', reference))
      return error(409, 'RESOURCE_ALREADY_EXIST', 'Duplicated reference id. Creation of resource failed.');
    const plan = planFor(body.payer.partyId);
    if (plan.dropFirstRequest && attempts === 1)
      return error(503, 'SERVICE_UNAVAILABLE', 'Service unavailable, try again later');
    const collection = ledger.record({
      provider: 'mtn',
      reference,
      amount: body.amount,
      currency: body.currency,
      msisdn: body.payer.partyId,
      callbackUrl: header(request, 'x-callback-url'),
      externalId: body.externalId,
      payerMessage: body.payerMessage,
      payeeNote: body.payeeNote,
      plan,
      settlesAt: Date.now() + (plan.late ? options.unansweredSettleMs : options.callbackDelayMs),
    });
    context.scheduleCallbacks(collection);
    // Recorded, but the answer is lost in the provider's own trouble: only a retry tells.
    if (plan.failFirstAnswer && attempts === 1)
      return error(500, 'INTERNAL_PROCESSING_ERROR', 'An internal error occurred while processing');
    return { status: 202 };
  };

  const status = (request: SimRequest): SimResponse => {
    const refused = authorized(request, 'collection');
    if (refused) return refused;
    const collection = ledger.find('mtn', request.params[0]!);
    if (!collection) return error(404, 'RESOURCE_NOT_FOUND', 'Requested resource was not found.');
    return { status: 200, body: momoResult(ledger, collection) };
  };

  const refund = (request: SimRequest): SimResponse => {
    const refused = authorized(request, 'disbursement');
    if (refused) return refused;
    const reference = header(request, 'x-reference-id') ?? '';
    if (!UUID.test(reference)) return error(400, 'INVALID_REFERENCE_ID', 'X-Reference-Id must be a UUID');
    if (ledger.refunds.has(reference))
      return error(409, 'RESOURCE_ALREADY_EXIST', 'Duplicated reference id. Creation of resource failed.');
    const body = request.body ?? {};
    const collection =
      typeof body.referenceIdToRefund === 'string' ? ledger.find('mtn', body.referenceIdToRefund) : undefined;
    if (!collection) return error(404, 'RESOURCE_NOT_FOUND', 'referenceIdToRefund was not found');
    if (
      typeof body.amount !== 'string' ||
      !/^\d+(\.\d{1,2})?$/.test(body.amount) ||
      body.currency !== collection.currency
    )
      return error(400, 'INVALID_AMOUNT', 'amount and currency must match the payment');
    const amount = Number(body.amount);
    const refusal =
      ledger.statusOf(collection) !== 'SUCCESSFUL'
        ? 'PAYMENT_NOT_APPROVED'
        : collection.refunded + amount > Number(collection.amount)
          ? 'NOT_ALLOWED'
          : ledger.refusesRefund(collection)
            ? 'NOT_ENOUGH_FUNDS'
            : undefined;
    if (!refusal) collection.refunded += amount;
    ledger.refunds.set(reference, {
      reference,
      collection,
      amount: body.amount,
      currency: body.currency,
      status: refusal ? 'FAILED' : 'SUCCESSFUL',
      reason: refusal,
      externalId: body.externalId,
    });
    if (!refusal && ledger.losesRefundAnswer(collection))
      return error(500, 'INTERNAL_PROCESSING_ERROR', 'An internal error occurred while processing');
    return { status: 202 };
  };

  const refundStatus = (request: SimRequest): SimResponse => {
    const refused = authorized(request, 'disbursement');
    if (refused) return refused;
    const row = ledger.refunds.get(request.params[0]!);
    if (!row) return error(404, 'RESOURCE_NOT_FOUND', 'Requested resource was not found.');
    return {
      status: 200,
      body: {
        amount: row.amount,
        currency: row.currency,
        ...(row.status === 'SUCCESSFUL' ? { financialTransactionId: `R${row.collection.financialTransactionId}` } : {}),
        externalId: row.externalId,
        payee: { partyIdType: 'MSISDN', partyId: row.collection.msisdn },
        status: row.status,
        ...(row.reason ? { reason: row.reason } : {}),
      },
    };
  };

  return [
    { method: 'POST', pattern: /^\/collection\/token\/?$/, handler: token('collection') },
    { method: 'POST', pattern: /^\/disbursement\/token\/?$/, handler: token('disbursement') },
    { method: 'POST', pattern: /^\/collection\/v1_0\/requesttopay$/, handler: requestToPay },
    { method: 'GET', pattern: /^\/collection\/v1_0\/requesttopay\/([^/]+)$/, handler: status },
    { method: 'POST', pattern: /^\/disbursement\/v(?:1|2)_0\/refund$/, handler: refund },
    { method: 'GET', pattern: /^\/disbursement\/v(?:1|2)_0\/refund\/([^/]+)$/, handler: refundStatus },
  ];
}
