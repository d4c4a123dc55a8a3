import type { Logger, LivePubSub, TransactionRunner, UnitOfWork } from '@busline/shared';
import type { ProviderRegistry } from '../provider/registry';
import { BookingReplicaRepository } from '../repositories/booking-replica-repository';
import { PaymentRepository } from '../repositories/payment-repository';
import { applyOutcome } from './settle-payments';

/**
 * A booking that expired or was cancelled is no longer payable; a payment still PENDING is
 * withdrawn at the provider when it allows it. When it is too late (the payer approved), the
 * payment settles as SUCCEEDED and ticketing asks for the refund (refund.requested).
 */
export class CloseBookingsService {
  constructor(
    private readonly runner: TransactionRunner,
    private readonly pubsub: LivePubSub,
    private readonly providers: ProviderRegistry,
    private readonly logger: Logger,
  ) {}

  async close(uow: UnitOfWork, bookingId: string, userId: string, state: 'EXPIRED' | 'CANCELLED'): Promise<void> {
    await new BookingReplicaRepository(uow.tx).markClosed(bookingId, userId, state);
    const pending = await new PaymentRepository(uow.tx).findPendingForBooking(bookingId);
    for (const payment of pending)
      uow.afterCommit(() => this.cancelAtProvider(payment.id, payment.providerReference, payment.provider));
  }

  private async cancelAtProvider(
    paymentId: string,
    reference: string | null,
    providerName: string | null,
  ): Promise<void> {
    const provider = this.providers.forPayment(providerName);
    // MoMo and Airtel cannot withdraw a push request: it runs out at the provider or settles normally.
    if (!reference || !provider.cancel) return;
    const cancelled = await provider.cancel(reference);
    if (!cancelled) {
      this.logger.info({ paymentId }, 'pending payment could not be withdrawn; it will settle normally');
      return;
    }
    await this.runner.run((uow) =>
      applyOutcome(uow, this.pubsub, paymentId, { status: 'CANCELLED', reason: 'BOOKING_CLOSED' }),
    );
  }
}
