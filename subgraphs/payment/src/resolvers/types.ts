// Fields of the entities (a booking's payments; a payment's amounts, refund and cash details) over ctx.services.
import type { Resolvers } from '../generated/resolvers';
import { seesCashDetails } from '../services/read-payments';

export const types: Omit<Resolvers, 'Query' | 'Mutation' | 'Subscription' | 'DateTime'> = {
  Booking: {
    __resolveReference: (ref) => ref,
    payments: (booking, _, ctx) => ctx.services.payments.ofBooking(ctx.viewer, booking.id),
  },
  Payment: {
    __resolveReference: (ref, ctx) => ctx.services.payments.find(ctx.viewer, ref.id),
    booking: (payment) => ({ __typename: 'Booking', id: payment.bookingId }),
    amount: (payment) => ({ amount: payment.amount, currency: payment.currency }),
    refundState: (payment, _, ctx) => ctx.services.payments.refundState(payment.id),
    refundAmount: (payment, _, ctx) => ctx.services.payments.refundAmount(payment.id),
    // The till of a cash payment only for the company's staff and platform admins (seesCashDetails).
    cashReceived: (payment, _, ctx) =>
      seesCashDetails(ctx.viewer, payment) && payment.cashReceived !== null
        ? { amount: payment.cashReceived, currency: payment.currency }
        : null,
    cashChange: (payment, _, ctx) =>
      seesCashDetails(ctx.viewer, payment) && payment.cashReceived !== null
        ? { amount: payment.cashReceived - payment.amount, currency: payment.currency }
        : null,
    agentId: (payment, _, ctx) => (seesCashDetails(ctx.viewer, payment) ? payment.agentId : null),
    shiftId: (payment, _, ctx) => (seesCashDetails(ctx.viewer, payment) ? payment.shiftId : null),
  },
};
