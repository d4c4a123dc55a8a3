import type { Logger } from '@busline/shared';
import {
  callProvider,
  longestCallMs,
  maskNumbers,
  ProviderHttpError,
  retryIdempotent,
  type ProviderAnswer,
} from './http';
import { toProviderAmount } from './money';
import { AccessTokens } from './token-cache';
import {
  ProviderRejectedError,
  type Market,
  type PaymentProvider,
  type PayRequest,
  type ProviderStatus,
  type RefundRequest,
} from './types';

/** API user, key and subscription key of one MoMo product (collection or disbursement). */
export interface MomoProductCredentials {
  apiUser: string;
  apiKey: string;
  subscriptionKey: string;
}

export interface MtnMomoConfig {
  /** https://sandbox.momodeveloper.mtn.com, https://proxy.momoapi.mtn.com, or the simulator's URL. */
  baseUrl: string;
  /** `sandbox`, or mtn<country> in production (mtnrwanda, mtnuganda); one value or one per country. */
  targetEnvironment: string | Record<string, string>;
  collection: MomoProductCredentials;
  /** Refunds go through the disbursement product; without it refunds are refused (REFUND_NOT_CONFIGURED). */
  disbursement?: MomoProductCredentials;
  timeoutMs: number;
  /** Attempts of an idempotent call (request-to-pay under one X-Reference-Id, status reads). */
  attempts: number;
  retryDelayMs: number;
}

export const MTN_MOMO = 'mtn-momo';

/** Access tokens of one product: POST /<product>/token/ with Basic apiUser:apiKey. */
function productTokens(
  config: MtnMomoConfig,
  product: 'collection' | 'disbursement',
  credentials: MomoProductCredentials,
): AccessTokens {
  return new AccessTokens(async () => {
    const answer = await callProvider(MTN_MOMO, `${product} token`, {
      method: 'POST',
      url: `${config.baseUrl}/${product}/token/`,
      headers: {
        authorization: `Basic ${Buffer.from(`${credentials.apiUser}:${credentials.apiKey}`).toString('base64')}`,
        'ocp-apim-subscription-key': credentials.subscriptionKey,
      },
      timeoutMs: config.timeoutMs,
    });
    if (answer.status !== 200 || typeof answer.body?.access_token !== 'string')
      throw new ProviderHttpError(MTN_MOMO, `${product} token`, answer.status, answer.body);
    return { token: answer.body.access_token, expiresInSeconds: Number(answer.body.expires_in) || 3600 };
  });
}

/** MoMo's failure reason, a string or `{ code, message }` depending on the API version. */
function reasonOf(body: any, fallback: string): string {
  const reason = body?.reason;
  if (typeof reason === 'string' && reason) return reason;
  if (typeof reason?.code === 'string') return reason.code;
  return typeof body?.code === 'string' ? body.code : fallback;
}

/** A request-to-pay or refund as MoMo reports it, in Busline's terms. */
export function momoStatus(body: any): ProviderStatus {
  switch (body?.status) {
    case 'SUCCESSFUL':
      return {
        status: 'SUCCESSFUL',
        ...(body.financialTransactionId != null ? { financialTransactionId: String(body.financialTransactionId) } : {}),
        ...(body.amount != null || body.currency != null
          ? { collected: { amount: String(body.amount ?? ''), currency: String(body.currency ?? '') } }
          : {}),
      };
    case 'FAILED':
    case 'REJECTED':
      return { status: 'FAILED', reason: reasonOf(body, 'DECLINED') };
    case 'TIMEOUT':
      return { status: 'FAILED', reason: 'EXPIRED' };
    case 'PENDING':
    case 'CREATED':
    case 'ONGOING':
      return { status: 'PENDING' };
    default:
      throw new ProviderHttpError(MTN_MOMO, 'status', 200, body);
  }
}

/**
 * MTN MoMo Collections (request to pay) and Disbursements (refunds). Our payment reference is the
 * X-Reference-Id, so a retried request is the same request: MoMo answers 409 to a reference it already
 * has and never charges it twice. Callbacks are not signed by MTN: they only prompt a status read.
 */
export class MtnMomoProvider implements PaymentProvider {
  readonly name = MTN_MOMO;
  readonly collectionTokens: AccessTokens;
  private readonly disbursementTokens: AccessTokens | undefined;

  constructor(
    private readonly config: MtnMomoConfig,
    private readonly logger: Logger,
  ) {
    this.collectionTokens = productTokens(config, 'collection', config.collection);
    this.disbursementTokens = config.disbursement && productTokens(config, 'disbursement', config.disbursement);
  }

  /** X-Target-Environment of a country's MoMo. */
  private target(country: string | undefined): string {
    const configured = this.config.targetEnvironment;
    if (typeof configured === 'string') return configured;
    const target = country ? configured[country] : undefined;
    if (!target)
      throw new ProviderRejectedError(
        'COUNTRY_NOT_CONFIGURED',
        `no MTN MoMo target environment configured for ${country ?? 'an unknown country'}`,
      );
    return target;
  }

  private headers(
    token: string,
    credentials: MomoProductCredentials,
    country: string | undefined,
    extra: Record<string, string> = {},
  ): Record<string, string> {
    return {
      authorization: `Bearer ${token}`,
      'x-target-environment': this.target(country),
      'ocp-apim-subscription-key': credentials.subscriptionKey,
      ...extra,
    };
  }

  async requestToPay(request: PayRequest): Promise<void> {
    const body = {
      amount: toProviderAmount(request.amount, request.currency),
      currency: request.currency,
      externalId: request.referenceId,
      payer: { partyIdType: 'MSISDN', partyId: request.phone },
      payerMessage: request.payerMessage.slice(0, 160),
      payeeNote: `Busline ${request.referenceId}`,
    };
    // Same X-Reference-Id on every attempt: a request that did arrive answers 409 the next time.
    const answer = await retryIdempotent(this.config.attempts, this.config.retryDelayMs, async () => {
      const result = await this.collectionTokens.withToken((token) =>
        callProvider(MTN_MOMO, 'requesttopay', {
          method: 'POST',
          url: `${this.config.baseUrl}/collection/v1_0/requesttopay`,
          headers: this.headers(token, this.config.collection, request.country, {
            'x-reference-id': request.referenceId,
            'x-callback-url': request.callbackUrl,
          }),
          body,
          timeoutMs: this.config.timeoutMs,
        }),
      );
      if (result.status >= 500 || result.status === 429)
        throw new ProviderHttpError(MTN_MOMO, 'requesttopay', result.status, result.body);
      return result;
    });
    if (answer.status === 202) return;
    if (answer.status === 409) {
      this.logger.info(
        { referenceId: request.referenceId },
        'MoMo already has this request (409): accepted once, not charged again',
      );
      return;
    }
    if (answer.status === 400 || answer.status === 403 || answer.status === 404) {
      throw new ProviderRejectedError(
        reasonOf(answer.body, 'PROVIDER_REJECTED'),
        `MoMo refused the request: HTTP ${answer.status} ${typeof answer.body?.message === 'string' ? maskNumbers(answer.body.message).slice(0, 160) : ''}`.trim(),
      );
    }
    throw new ProviderHttpError(MTN_MOMO, 'requesttopay', answer.status, answer.body);
  }

  async getStatus(referenceId: string, market?: Market): Promise<ProviderStatus> {
    const answer = await this.read(
      this.collectionTokens,
      this.config.collection,
      market?.country,
      `/collection/v1_0/requesttopay/${encodeURIComponent(referenceId)}`,
      'requesttopay status',
    );
    if (answer.status === 404) return { status: 'NOT_FOUND' };
    if (answer.status !== 200) throw new ProviderHttpError(MTN_MOMO, 'requesttopay status', answer.status, answer.body);
    return momoStatus(answer.body);
  }

  /** One status read, retried. */
  get statusCheckMs(): number {
    return longestCallMs(this.config, this.config.attempts);
  }

  /** The request, retried under one reference. */
  get requestMs(): number {
    return longestCallMs(this.config, this.config.attempts);
  }

  /** The attempt's status read, its request and the status read after it, each retried. */
  get refundAttemptMs(): number {
    return 3 * longestCallMs(this.config, this.config.attempts);
  }

  /**
   * Refund under the attempt's X-Reference-Id: its status is read first, so an attempt that reached MoMo
   * before is never sent again (a retried POST answers 409 anyway), and its refusal is returned as is.
   * After a refusal the refund service gives the next attempt a new reference, which MoMo has not seen.
   */
  async refund(request: RefundRequest): Promise<ProviderStatus> {
    const credentials = this.config.disbursement;
    if (!credentials || !this.disbursementTokens) return { status: 'FAILED', reason: 'REFUND_NOT_CONFIGURED' };
    const tokens = this.disbursementTokens;
    const path = `/disbursement/v1_0/refund/${encodeURIComponent(request.attemptReference)}`;
    const known = await this.read(tokens, credentials, request.country, path, 'refund status');
    if (known.status === 200) return momoStatus(known.body);
    if (known.status !== 404) throw new ProviderHttpError(MTN_MOMO, 'refund status', known.status, known.body);
    const sent = await retryIdempotent(this.config.attempts, this.config.retryDelayMs, async () => {
      const result = await tokens.withToken((token) =>
        callProvider(MTN_MOMO, 'refund', {
          method: 'POST',
          url: `${this.config.baseUrl}/disbursement/v2_0/refund`,
          headers: this.headers(token, credentials, request.country, { 'x-reference-id': request.attemptReference }),
          body: {
            amount: toProviderAmount(request.amount, request.currency),
            currency: request.currency,
            externalId: request.refundId,
            payerMessage: 'Busline refund',
            payeeNote: `Busline refund ${request.refundId}`,
            referenceIdToRefund: request.paymentReference,
          },
          timeoutMs: this.config.timeoutMs,
        }),
      );
      if (result.status >= 500 || result.status === 429)
        throw new ProviderHttpError(MTN_MOMO, 'refund', result.status, result.body);
      return result;
    });
    // A refusal is a 4xx but 409 (MoMo has this reference already). Any other answer (a 2xx but 202, such as a
    // gateway's page) may have come after MoMo made the refund: unclear, so the next attempt keeps this reference
    // and reads its status first, never paying the refund again under a new one.
    if (sent.status >= 400 && sent.status < 500 && sent.status !== 409)
      return { status: 'FAILED', reason: reasonOf(sent.body, `HTTP_${sent.status}`) };
    if (sent.status !== 202 && sent.status !== 409)
      throw new ProviderHttpError(MTN_MOMO, 'refund', sent.status, sent.body);
    const after = await this.read(tokens, credentials, request.country, path, 'refund status');
    if (after.status === 404) return { status: 'PENDING' };
    if (after.status !== 200) throw new ProviderHttpError(MTN_MOMO, 'refund status', after.status, after.body);
    return momoStatus(after.body);
  }

  /** GET with a token, retried while MoMo fails transiently; 2xx and 4xx answers are the caller's. */
  private read(
    tokens: AccessTokens,
    credentials: MomoProductCredentials,
    country: string | undefined,
    path: string,
    operation: string,
  ): Promise<ProviderAnswer> {
    return retryIdempotent(this.config.attempts, this.config.retryDelayMs, async () => {
      const answer = await tokens.withToken((token) =>
        callProvider(MTN_MOMO, operation, {
          method: 'GET',
          url: `${this.config.baseUrl}${path}`,
          headers: this.headers(token, credentials, country),
          timeoutMs: this.config.timeoutMs,
        }),
      );
      if (answer.status >= 500 || answer.status === 429)
        throw new ProviderHttpError(MTN_MOMO, operation, answer.status, answer.body);
      return answer;
    });
  }
}
