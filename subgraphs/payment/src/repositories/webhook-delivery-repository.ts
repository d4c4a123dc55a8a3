// Provider callbacks received: one row per delivery, so a redelivered callback is recognised.
import type { Executor } from '@busline/shared';
import { webhookDeliveries } from '../db/schema';

export class WebhookDeliveryRepository {
  constructor(private readonly db: Executor) {}

  /** Records a delivery; false when this delivery was recorded before (a duplicate). */
  async recordOnce(eventId: string, providerReference: string): Promise<boolean> {
    const recorded = await this.db
      .insert(webhookDeliveries)
      .values({ eventId: eventId.slice(0, 200), providerReference })
      .onConflictDoNothing()
      .returning({ eventId: webhookDeliveries.eventId });
    return recorded.length > 0;
  }
}
