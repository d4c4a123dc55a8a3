import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Logger } from '@busline/shared';
import {
  callProvider,
  isTransient,
  longestCallMs,
  maskNumbers,
  ProviderHttpError,
  retryIdempotent,
  sleep,
  type ProviderAnswer,
} from './http';
import { nationalNumber, toProviderAmount } from './money';
import { AccessTokens } from './token-cache';
import {
  ProviderRejectedError,
  type Market,
  type PaymentProvider,
  type PayRequest,
  type ProviderStatus,
  type RefundRequest,
} from './types';

export interface AirtelMoneyConfig {
  /** https://openapiuat.airtel.africa (staging), https://openapi.airtel.africa, or the simulator's URL. */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** Callback private key: when set, a callback must carry `hash` = base64 HMAC-SHA256 of its transaction. */
  callbackSecret?: string;
  timeoutMs: number;
  /** Attempts of status reads, and of a payment request the provider shows it never received. */
  attempts: number;
  retryDelayMs: number;
}

export const AIRTEL_MONEY = 'airtel-money';

/** An Airtel transaction status (TS, TF, TE, TIP, TA) in Busline's terms. */
export function airtelStatus(transaction: any): ProviderStatus {
  const message = typeof transaction?.message === 'string' ? transaction.message : '';
  switch (transaction?.status ?? transaction?.status_code) {
    case 'TS':
      return {
        status: 'SUCCESSFUL',
        ...(transaction.airtel_money_id ? { financialTransactionId: String(transaction.airtel_money_id) } : {}),
      };
    case 'TF':
      return { status: 'FAILED', reason: /insufficient/i.test(message) ? 'NOT_ENOUGH_FUNDS' : 'DECLINED' };
    case 'TE':
      return { status: 'FAILED', reason: 'EXPIRED' };
    case 'TIP':
    case 'TA':
      return { status: 'PENDING' };
    default:
      throw new ProviderHttpError(AIRTEL_MONEY, 'status', 200, transaction);
  }
}

/** The `hash` Airtel adds to a callback: base64 HMAC-SHA256 of the JSON text of its `transaction`. */
export function airtelCallbackHash(secret: string, transactionJson: string): string {
  return createHmac('sha256', secret).update(transactionJson).digest('base64');
}

/** The end (exclusive) of the JSON value starting at `start` (after whitespace), or -1 when malformed. */
function valueEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') {
        inString = false;
        if (depth === 0) return i + 1;
      }
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i + 1;
      if (depth < 0) return i;
    } else if (depth === 0 && (c === ',' || /\s/.test(c))) return i;
  }
  return depth === 0 && !inString ? text.length : -1;
}

/** The text of a top-level member's value of a JSON object exactly as sent, or undefined. */
export function rawJsonMember(text: string, name: string): string | undefined {
  let i = text.indexOf('{');
  if (i < 0) return undefined;
  i++;
  while (i < text.length) {
    while (/[\s,]/.test(text[i] ?? '')) i++;
    if (text[i] !== '"') return undefined;
    const keyEnd = valueEnd(text, i);
    if (keyEnd < 0) return undefined;
    const key = JSON.parse(text.slice(i, keyEnd)) as string;
    i = keyEnd;
    while (/\s/.test(text[i] ?? '')) i++;
    if (text[i] !== ':') return undefined;
    i++;
    while (/\s/.test(text[i] ?? '')) i++;
    const end = valueEnd(text, i);
    if (end < 0) return undefined;
    if (key === name) return text.slice(i, end);
    i = end;
  }
  return undefined;
}

/**
 * Checks a callback's `hash` against its `transaction` as Airtel sent it: the member's raw text, or
 * its compact form in the sender's key order (never our re-serialisation, which may order keys
 * differently).
 */
export function checkAirtelCallbackHash(secret: string, rawBody: string, hash: unknown): boolean {
  if (typeof hash !== 'string' || hash.length > 200) return false;
  const raw = rawJsonMember(rawBody, 'transaction');
  if (raw === undefined) return false;
  let compact: string | undefined;
  try {
    compact = JSON.stringify(JSON.parse(raw));
  } catch {
    return false;
  }
  const presented = Buffer.from(hash);
  return [...new Set([raw, compact])].some((text) => {
    const expected = Buffer.from(airtelCallbackHash(secret, text));
    return expected.length === presented.length && timingSafeEqual(expected, presented);
  });
}

/** Airtel took the request: any 2xx (200 as documented, 202 through some gateways) that does not say it failed. */
const accepted = (answer: ProviderAnswer) =>
  answer.status >= 200 && answer.status < 300 && answer.body?.status?.success !== false;

/** Airtel refusing a payment request because it already has a transaction under our id: proof it holds one. */
const isDuplicateRefusal = (answer: ProviderAnswer) =>
  typeof answer.body?.status?.message === 'string' && /duplicate/i.test(answer.body.status.message);

/**
 * Airtel Money collections (USSD push), status enquiry and refunds. Airtel documents no idempotency for
 * a payment request, so an unclear outcome (no answer, 5xx, a refusal) is settled by asking for the
 * transaction by our id first: it is sent again only when Airtel shows it never received it, and a refusal of
 * such a resend (or of our id as a duplicate) leaves the outcome unclear, never refused.
 */
export class AirtelMoneyProvider implements PaymentProvider {
  readonly name = AIRTEL_MONEY;
  readonly tokens: AccessTokens;

  constructor(
    private readonly config: AirtelMoneyConfig,
    private readonly logger: Logger,
  ) {
    this.tokens = new AccessTokens(async () => {
      const answer = await callProvider(AIRTEL_MONEY, 'token', {
        method: 'POST',
        url: `${config.baseUrl}/auth/oauth2/token`,
        body: { client_id: config.clientId, client_secret: config.clientSecret, grant_type: 'client_credentials' },
        timeoutMs: config.timeoutMs,
      });
      if (answer.status !== 200 || typeof answer.body?.access_token !== 'string')
        throw new ProviderHttpError(AIRTEL_MONEY, 'token', answer.status, answer.body);
      return { token: answer.body.access_token, expiresInSeconds: Number(answer.body.expires_in) || 180 };
    });
  }

  private send(
    method: 'GET' | 'POST',
    path: string,
    market: Market,
    operation: string,
    body?: unknown,
  ): Promise<ProviderAnswer> {
    return this.tokens.withToken((token) =>
      callProvider(AIRTEL_MONEY, operation, {
        method,
        url: `${this.config.baseUrl}${path}`,
        headers: { authorization: `Bearer ${token}`, 'x-country': market.country, 'x-currency': market.currency },
        body,
        timeoutMs: this.config.timeoutMs,
      }),
    );
  }

  async requestToPay(request: PayRequest): Promise<void> {
    const market = { country: request.country, currency: request.currency };
    const body = {
      reference: request.payerMessage.slice(0, 64),
      subscriber: {
        country: request.country,
        currency: request.currency,
        msisdn: nationalNumber(request.phone, request.country),
      },
      transaction: {
        amount: Number(toProviderAmount(request.amount, request.currency)),
        country: request.country,
        currency: request.currency,
        id: request.referenceId,
      },
    };
    for (let attempt = 1; ; attempt++) {
      let answer: ProviderAnswer | undefined;
      let failure: unknown;
      try {
        answer = await this.send('POST', '/merchant/v1/payments/', market, 'payment', body);
        if (accepted(answer)) return;
      } catch (error) {
        failure = error;
      }
      // Unclear or refused: did Airtel record our transaction anyway (a lost answer, or a duplicate id)?
      const known = await this.getStatus(request.referenceId, market).catch((error) => {
        this.logger.warn(
          { err: error, referenceId: request.referenceId },
          'Airtel status unknown after an unclear payment request',
        );
        return undefined;
      });
      if (known && known.status !== 'NOT_FOUND') {
        this.logger.info(
          { referenceId: request.referenceId, status: known.status },
          'Airtel has the payment request already: not sent again',
        );
        return;
      }
      // A refusal is final only for the first request, when nothing of ours can have reached Airtel before it (not
      // for a request sent again after its sender died: mayHaveBeenSent). A resend follows an unclear attempt Airtel
      // may have recorded with its answer lost while its enquiry lags (says "not found"): its refusal, e.g.
      // "Duplicate transaction id", may be Airtel keeping the request the payer is approving now. Neither refusal is
      // a verdict: the payment fails as unclear and keeps being checked.
      const final = attempt === 1 && !request.mayHaveBeenSent && !(answer && isDuplicateRefusal(answer));
      if (answer && answer.status < 500 && answer.status !== 429 && answer.status !== 401 && final) {
        const status = answer.body?.status ?? {};
        throw new ProviderRejectedError(
          String(status.response_code ?? status.result_code ?? `HTTP_${answer.status}`),
          `Airtel refused the payment request: ${typeof status.message === 'string' ? maskNumbers(status.message).slice(0, 160) : `HTTP ${answer.status}`}`,
        );
      }
      const error = failure ?? new ProviderHttpError(AIRTEL_MONEY, 'payment', answer!.status, answer!.body);
      // Without a status we cannot tell whether a resend would charge twice: stop and let reconciliation look.
      if (!known || attempt >= this.config.attempts || !isTransient(error)) throw error;
      await sleep(this.config.retryDelayMs * 2 ** (attempt - 1));
    }
  }

  async getStatus(referenceId: string, market?: Market): Promise<ProviderStatus> {
    if (!market) throw new Error('Airtel status enquiry needs the payment country and currency');
    const answer = await retryIdempotent(this.config.attempts, this.config.retryDelayMs, async () => {
      const result = await this.send(
        'GET',
        `/standard/v1/payments/${encodeURIComponent(referenceId)}`,
        market,
        'status',
      );
      if (result.status >= 500 || result.status === 429)
        throw new ProviderHttpError(AIRTEL_MONEY, 'status', result.status, result.body);
      return result;
    });
    if (answer.status === 404 || String(answer.body?.status?.code) === '404') return { status: 'NOT_FOUND' };
    if (answer.status !== 200 || answer.body?.status?.success === false)
      throw new ProviderHttpError(AIRTEL_MONEY, 'status', answer.status, answer.body);
    return airtelStatus(answer.body?.data?.transaction);
  }

  /** One status enquiry, retried. */
  get statusCheckMs(): number {
    return longestCallMs(this.config, this.config.attempts);
  }

  /** Each attempt's request (sent once) and status enquiry (retried), and the waits between attempts. */
  get requestMs(): number {
    const { attempts, retryDelayMs } = this.config;
    return attempts * (longestCallMs(this.config, 1) + this.statusCheckMs) + retryDelayMs * (2 ** (attempts - 1) - 1);
  }

  /** A status enquiry (retried) and the refund request (sent once). */
  get refundAttemptMs(): number {
    return longestCallMs(this.config, this.config.attempts) + longestCallMs(this.config, 1);
  }

  /**
   * Refund of the whole transaction by its Airtel money id (read from the status enquiry). Airtel's
   * refund takes no reference of ours, so it is sent once per attempt and never retried in here.
   */
  async refund(request: RefundRequest): Promise<ProviderStatus> {
    const market = { country: request.country ?? 'RW', currency: request.currency };
    // Airtel's refund returns the whole transaction; a partial refund (a cancellation tier) would overpay.
    if (request.paymentAmount !== undefined && request.amount !== request.paymentAmount)
      return { status: 'FAILED', reason: 'PARTIAL_REFUND_UNSUPPORTED' };
    // Read before anything is sent: an answer it cannot read there hides no refund (a failure, not an unclear attempt).
    const paid = await this.getStatus(request.paymentReference, market).catch((error: unknown) => {
      if (error instanceof ProviderHttpError && error.status < 300) throw new Error(error.message);
      throw error;
    });
    if (paid.status !== 'SUCCESSFUL' || !paid.financialTransactionId)
      return { status: 'FAILED', reason: 'PAYMENT_NOT_SUCCESSFUL' };
    const answer = await this.send('POST', '/standard/v1/payments/refund', market, 'refund', {
      transaction: { airtel_money_id: paid.financialTransactionId },
    });
    if (answer.status >= 500 || answer.status === 429)
      throw new ProviderHttpError(AIRTEL_MONEY, 'refund', answer.status, answer.body);
    const transaction = answer.body?.data?.transaction;
    if (answer.status === 200 && (transaction?.status === 'SUCCESS' || transaction?.status === 'TS')) {
      return {
        status: 'SUCCESSFUL',
        financialTransactionId: String(transaction.airtel_money_id ?? paid.financialTransactionId),
      };
    }
    const status = answer.body?.status ?? {};
    // A 2xx that is neither a refund done nor a refusal (a gateway's page, a cut-off body) may hide a refund that
    // went through: no answer, not a refusal (the next attempt then reads "already refunded" as done).
    const refused = status.success === false || ['TF', 'FAILED'].includes(String(transaction?.status));
    if (answer.status < 300 && !refused)
      throw new ProviderHttpError(AIRTEL_MONEY, 'refund', answer.status, answer.body);
    // Our earlier attempt may have gone through with its answer lost: Airtel refusing a second refund of
    // the transaction as already refunded then means it is done, not a refusal.
    if (request.mayHaveBeenSent && typeof status.message === 'string' && /already refunded/i.test(status.message)) {
      this.logger.info(
        { refundId: request.refundId },
        'Airtel says the transaction is already refunded after an attempt without an answer: refunded',
      );
      return { status: 'SUCCESSFUL', financialTransactionId: paid.financialTransactionId };
    }
    return { status: 'FAILED', reason: String(status.response_code ?? status.result_code ?? `HTTP_${answer.status}`) };
  }
}
