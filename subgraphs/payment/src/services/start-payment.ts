import { createHash, randomUUID } from 'node:crypto';
import {
  AppError,
  canActForCompany,
  currentTraceparent,
  ErrorCode,
  EventTypes,
  idempotencyKeyOf,
  isUniqueViolation,
  isUuid,
  type Db,
  type Viewer,
} from '@busline/shared';
import type { PayableBookingRow, PaymentMethod, PaymentRow } from '../db/schema';
import type { ProviderRegistry } from '../provider/registry';
import type { PaymentProvider } from '../provider/types';
import { BookingReplicaRepository } from '../repositories/booking-replica-repository';
import { IDEMPOTENCY_TTL_MS, IdempotencyRepository } from '../repositories/idempotency-repository';
import { PaymentRepository } from '../repositories/payment-repository';
import { MARKET_CURRENCY, normalizeMsisdn, operatorOf } from './phone';
import { maySee } from './read-payments';
import { isPayable, sendPaymentRequest, type RequestPaymentDeps } from './request-payment';
import { publishAfterCommit } from './settle-payments';

/** When a client should retry a payment whose booking has not reached payments yet. */
const BOOKING_NOT_YET_RETRY_SECONDS = 3;

export interface StartPaymentInput {
  bookingId: string;
  method: PaymentMethod;
  phone: string;
}

export interface StartPaymentDeps extends RequestPaymentDeps {
  providers: ProviderRegistry;
  replicaWaitMs: number;
  /** Mobile-money payments one booking may ask for. */
  promptsPerBooking: number;
  /** Push prompts one wallet may receive in an hour, over every booking and account. */
  promptsPerWalletPerHour: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * booking.held may still be on its way (events are delayed while Redis is away): wait briefly,
 * then tell the client exactly what to retry, and when. Nothing was started, so the retry with the
 * same idempotency key is the first attempt that counts.
 */
export async function waitForBooking(
  db: Db,
  bookingId: string,
  waitMs: number,
  mutation: string,
): Promise<PayableBookingRow> {
  const repo = new BookingReplicaRepository(db);
  const deadline = Date.now() + waitMs;
  for (;;) {
    const row = await repo.find(bookingId);
    if (row) return row;
    if (Date.now() >= deadline) {
      throw new AppError(
        ErrorCode.UNAVAILABLE,
        `This booking has not reached payments yet; nothing was charged. Retry ${mutation} with the same idempotency key in a few seconds`,
        { retryable: true, retryAfterSeconds: BOOKING_NOT_YET_RETRY_SECONDS },
      );
    }
    await sleep(Math.min(100, Math.max(0, deadline - Date.now())));
  }
}

/**
 * The payment an earlier call with this key created, or a conflict when the input differs. `guard` throws when
 * the caller may no longer have it (a seller who left the company since: the same refusal as a new call's).
 */
export async function replayIdempotent(
  db: Db,
  userId: string,
  key: string,
  requestHash: string,
  guard: (payment: PaymentRow) => void | Promise<void>,
): Promise<PaymentRow | undefined> {
  const row = await new IdempotencyRepository(db).find(userId, key);
  if (!row || row.createdAt.getTime() < Date.now() - IDEMPOTENCY_TTL_MS) return undefined;
  if (row.requestHash !== requestHash) {
    throw new AppError(
      ErrorCode.IDEMPOTENCY_CONFLICT,
      'This idempotency key was already used with a different request',
    );
  }
  if (!row.paymentId) return undefined;
  const [payment] = await new PaymentRepository(db).findByIds([row.paymentId]);
  if (payment) await guard(payment);
  return payment;
}

/**
 * startPayment: validates, replays an idempotency key, takes the price from the booking replica,
 * records the payment (with its key and payment.started) in one transaction, then asks the provider.
 */
export class StartPaymentService {
  constructor(private readonly deps: StartPaymentDeps) {}

  async start(viewer: Viewer, input: StartPaymentInput, idempotencyKey: string): Promise<PaymentRow> {
    const key = idempotencyKeyOf(idempotencyKey);
    if (input.method === 'CARD')
      throw new AppError(ErrorCode.BAD_USER_INPUT, 'Card payments are not yet supported; pay with mobile money', {
        field: 'method',
      });
    if (input.method === 'CASH')
      throw new AppError(ErrorCode.BAD_USER_INPUT, 'Cash is taken at the counter with recordCashPayment', {
        field: 'method',
      });
    const wallet = normalizeMsisdn(input.phone);
    if (!wallet) {
      throw new AppError(
        ErrorCode.BAD_USER_INPUT,
        'phone must be a Rwandan mobile number, e.g. 0788123456 or 250788123456 (Ugandan and Kenyan numbers with +256 or +254)',
        { field: 'phone' },
      );
    }
    const phone = wallet.msisdn;
    if (!isUuid(input.bookingId)) throw new AppError(ErrorCode.NOT_FOUND, 'Booking not found');
    const requestHash = createHash('sha256')
      .update(JSON.stringify([input.bookingId, input.method, phone]))
      .digest('hex');

    const replayed = await this.replay(viewer, key, requestHash);
    if (replayed) return replayed;

    const booking = await waitForBooking(this.deps.db, input.bookingId, this.deps.replicaWaitMs, 'startPayment');
    if (booking.userId !== viewer.userId)
      throw new AppError(ErrorCode.FORBIDDEN, 'Only the owner of the booking can pay for it');
    // A counter sale nobody has claimed is its seller's only while they are staff at the company's counter.
    const sellerLeft =
      booking.channel === 'COUNTER' &&
      booking.soldBy === viewer.userId &&
      !(booking.companyId && canActForCompany(viewer, booking.companyId, 'COUNTER_AGENT', 'COMPANY_ADMIN'));
    if (sellerLeft) throw new AppError(ErrorCode.FORBIDDEN, 'Only the owner of the booking can pay for it');
    this.assertPayable(booking);
    const provider = this.chooseProvider(input.method, wallet, booking);

    let created: PaymentRow | undefined;
    try {
      created = await this.deps.runner.run(async (uow) => {
        const keys = new IdempotencyRepository(uow.tx);
        // Insert-first: of concurrent calls with one key, exactly one gets here with claimed = true.
        if (!(await keys.claim(viewer.userId, key, requestHash))) return undefined;
        // Payable still, read again under the row's lock: a cancellation or expiry handled since the read above is
        // seen here, and one handled after waits for this payment and finds it pending (CloseBookingsService).
        const locked = await new BookingReplicaRepository(uow.tx).lock(booking.bookingId);
        if (!locked || locked.userId !== viewer.userId)
          throw new AppError(ErrorCode.FORBIDDEN, 'Only the owner of the booking can pay for it');
        this.assertPayable(locked);
        await this.assertPromptAllowed(new PaymentRepository(uow.tx), booking, phone);
        const payment = await new PaymentRepository(uow.tx).insert({
          bookingId: booking.bookingId,
          userId: booking.userId,
          companyId: booking.companyId,
          amount: booking.amount!,
          currency: booking.currency!,
          method: input.method,
          phone,
          providerReference: randomUUID(),
          provider: provider.name,
          country: wallet.country,
          // Stored, not a timer: whichever instance is up when it is due checks a lost callback.
          nextCheckAt: new Date(Date.now() + this.deps.firstCheckAfterMs),
          traceparent: currentTraceparent(),
        });
        await keys.attachPayment(viewer.userId, key, payment.id);
        await uow.emit(EventTypes.PaymentStarted, {
          paymentId: payment.id,
          bookingId: payment.bookingId,
          userId: payment.userId,
          amount: { amount: payment.amount, currency: payment.currency },
          method: payment.method,
          startedAt: payment.createdAt.toISOString(),
        });
        publishAfterCommit(uow, this.deps.pubsub, payment);
        return payment;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'payments_one_active_per_booking_idx')) {
        throw new AppError(ErrorCode.BAD_USER_INPUT, 'This booking already has a payment in progress or completed', {
          field: 'bookingId',
          reason: 'PAYMENT_IN_PROGRESS',
        });
      }
      throw error;
    }
    if (!created) {
      const again = await this.replay(viewer, key, requestHash);
      if (again) return again;
      throw new AppError(
        ErrorCode.UNAVAILABLE,
        'A request with this idempotency key is still being processed; retry shortly',
      );
    }
    return sendPaymentRequest(this.deps, created, provider);
  }

  /**
   * Each payment pushes a prompt to the payer's phone, whoever's number it is: a booking may ask for
   * `promptsPerBooking` of them (a refused one can be retried, not forever), and a wallet receive
   * `promptsPerWalletPerHour` over every booking and account (nobody can flood a stranger's phone with prompts, nor
   * trick them into approving one by wearing them down), except for an account that has paid from it before (its
   * owner, whose prompts strangers cannot use up). Checked in the payment's transaction.
   */
  private async assertPromptAllowed(
    payments: PaymentRepository,
    booking: { bookingId: string; userId: string },
    phone: string,
  ): Promise<void> {
    const { promptsPerBooking, promptsPerWalletPerHour } = this.deps;
    if ((await payments.countPromptsForBooking(booking.bookingId)) >= promptsPerBooking) {
      throw new AppError(
        ErrorCode.BAD_USER_INPUT,
        `This booking has asked for payment ${promptsPerBooking} times, the most allowed; book the seats again to pay`,
        { field: 'bookingId', reason: 'TOO_MANY_ATTEMPTS', max: promptsPerBooking },
      );
    }
    const hour = 3_600_000;
    const recent = await payments.promptsToWalletSince(phone, new Date(Date.now() - hour));
    // An account that has paid from this wallet before is its owner's: strangers cannot use up its prompts.
    if (recent.count >= promptsPerWalletPerHour && !(await payments.hasPaidFrom(phone, booking.userId))) {
      const retryAfterSeconds = Math.max(
        1,
        Math.ceil(((recent.oldest?.getTime() ?? Date.now()) + hour - Date.now()) / 1000),
      );
      throw new AppError(
        ErrorCode.RATE_LIMITED,
        `Too many payment requests to this phone; try again in ${Math.ceil(retryAfterSeconds / 60)} minutes`,
        { field: 'phone', retryAfterSeconds },
      );
    }
  }

  /**
   * The configured provider for this method, market and company. The wallet must hold the booking's
   * currency (a Rwandan wallet pays RWF); the deprecated MOBILE_MONEY picks the operator by number.
   */
  private chooseProvider(
    method: PaymentMethod,
    wallet: { msisdn: string; country: string },
    booking: PayableBookingRow,
  ): PaymentProvider {
    const operator = method === 'MOBILE_MONEY' ? operatorOf(wallet.msisdn) : method;
    if (operator !== 'MTN_MOMO' && operator !== 'AIRTEL_MONEY') {
      throw new AppError(ErrorCode.BAD_USER_INPUT, 'Choose MTN_MOMO or AIRTEL_MONEY for this number', {
        field: 'method',
      });
    }
    if (booking.currency && MARKET_CURRENCY[wallet.country] !== booking.currency) {
      throw new AppError(
        ErrorCode.BAD_USER_INPUT,
        `This booking is priced in ${booking.currency}; pay with a wallet that holds ${booking.currency}`,
        { field: 'phone', reason: 'CURRENCY_MISMATCH' },
      );
    }
    const provider = this.deps.providers.choose({
      method: operator,
      country: wallet.country,
      companyId: booking.companyId,
    });
    if (!provider) {
      throw new AppError(
        ErrorCode.BAD_USER_INPUT,
        `${operator} payments are not available for ${wallet.country} numbers here; try another method`,
        { field: 'method', reason: 'PROVIDER_NOT_AVAILABLE' },
      );
    }
    return provider;
  }

  /** A replay answers the payment only to whom may still see it (maySee: a seller while staff of the company). */
  private replay(viewer: Viewer, key: string, requestHash: string): Promise<PaymentRow | undefined> {
    return replayIdempotent(this.deps.db, viewer.userId, key, requestHash, async (payment) => {
      const sale = await new BookingReplicaRepository(this.deps.db).find(payment.bookingId);
      if (!maySee(viewer, payment, sale))
        throw new AppError(ErrorCode.FORBIDDEN, 'Only the owner of the booking can pay for it');
    });
  }

  private assertPayable(booking: PayableBookingRow): void {
    if (booking.state === 'CANCELLED')
      throw new AppError(ErrorCode.BAD_USER_INPUT, 'This booking was cancelled and cannot be paid', {
        field: 'bookingId',
      });
    if (!isPayable(booking))
      throw new AppError(ErrorCode.HOLD_EXPIRED, 'The seat hold of this booking has expired; hold the seats again');
  }
}
