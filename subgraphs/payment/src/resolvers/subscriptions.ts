// Payment's live updates: who may watch a payment is checked by the service before the stream opens.
import { requireViewer } from '@busline/shared';
import type { PaymentRow } from '../db/schema';
import type { SubscriptionResolvers } from '../generated/resolvers';

export const subscriptions: SubscriptionResolvers = {
  paymentStatusChanged: {
    subscribe: (_, args, ctx) => ctx.services.payments.watch(requireViewer(ctx.viewer), args.paymentId),
    // The payload is the payment row our own publisher sent (services/read-payments.ts).
    resolve: (payload: PaymentRow) => payload,
  },
};
