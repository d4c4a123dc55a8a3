import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@busline/shared/testing';
import {
  eventsFor,
  holdBooking,
  passenger,
  paymentRows,
  startPayment,
  startPaymentSubgraph,
  type PaymentSubgraph,
  sandboxWith,
} from './helpers';

// The provider's status API does not know these references yet (a request that surfaces late).
const unknown = new Set<string>();
const lateToSurface = sandboxWith((sandbox) => ({
  getStatus: async (reference) => (unknown.has(reference) ? { status: 'NOT_FOUND' } : sandbox.getStatus(reference)),
}));

let subgraph: PaymentSubgraph;
beforeAll(async () => {
  subgraph = await startPaymentSubgraph({ provider: lateToSurface });
});
afterAll(() => subgraph.stop());

describe('a payment the provider says it does not know', () => {
  it('is failed as UNKNOWN_TO_PROVIDER but kept being checked, and settled SUCCEEDED when the provider shows the success later', async () => {
    const owner = passenger();
    const bookingId = await holdBooking(subgraph, owner, 11_000);
    // 9999: approved, shown on the status API only; no callback.
    const { data } = await startPayment(subgraph, owner, { bookingId, phone: '0788129999' });
    const reference = data?.startPayment.providerReference as string;
    unknown.add(reference);
    await eventually(async () => (await paymentRows(subgraph, bookingId))[0]?.status === 'FAILED');
    const failed = (await paymentRows(subgraph, bookingId))[0]!;
    expect(failed).toMatchObject({ failureReason: 'UNKNOWN_TO_PROVIDER' });
    expect(failed.nextCheckAt).not.toBeNull();
    // Still checked while the provider keeps not knowing it.
    await eventually(async () => (await paymentRows(subgraph, bookingId))[0]!.statusChecks >= failed.statusChecks + 2);
    expect((await paymentRows(subgraph, bookingId))[0]).toMatchObject({
      status: 'FAILED',
      nextCheckAt: expect.any(Date),
    });
    unknown.delete(reference);
    await eventually(async () => (await paymentRows(subgraph, bookingId))[0]?.status === 'SUCCEEDED', 5000);
    expect(await eventsFor(subgraph, 'payment.succeeded', bookingId)).toEqual([
      expect.objectContaining({ amount: { amount: 11_000, currency: 'RWF' } }),
    ]);
    expect(await eventsFor(subgraph, 'payment.failed', bookingId)).toEqual([
      expect.objectContaining({ reason: 'UNKNOWN_TO_PROVIDER' }),
    ]);
  });
});
