import { randomUUID } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '@busline/shared';
import { eventually } from '@busline/shared/testing';
import { processedEvents } from '../src/db/schema';
import { confirmBooking, driverOf, passenger, passesOf, publish, startQrSubgraph, type QrSubgraph } from './helpers';

let subgraph: QrSubgraph;
beforeAll(async () => {
  subgraph = await startQrSubgraph();
});
afterAll(() => subgraph.stop());

const QR = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Ticket { qr { token } } } }';
const agentOf = (companyId: string, userId: string = randomUUID()): Viewer => ({
  userId,
  role: 'COUNTER_AGENT',
  companyId,
});
const adminOf = (companyId: string): Viewer => ({ userId: randomUUID(), role: 'COMPANY_ADMIN', companyId });

/** The token of the ticket's pass as `viewer` reads it through Ticket.qr, or null. */
async function qrAs(ticketId: string, viewer: Viewer): Promise<string | null> {
  const result = await subgraph.request(QR, { r: [{ __typename: 'Ticket', id: ticketId }] }, viewer);
  expect(result.errors).toBeUndefined();
  return (result.data?._entities[0].qr?.token as string | undefined) ?? null;
}

async function publishAndWait(type: string, payload: Record<string, unknown>, id = randomUUID()) {
  await publish(subgraph, type, payload, id);
  await eventually(
    async () =>
      (
        await subgraph.database.handle.db
          .select()
          .from(processedEvents)
          .where(inArray(processedEvents.eventId, [id]))
      ).length === 1,
  );
}

const claimed = (
  booking: { bookingId: string; tripId: string; companyId: string },
  userId: string,
  agentId: string,
) => ({
  bookingId: booking.bookingId,
  tripId: booking.tripId,
  companyId: booking.companyId,
  userId,
  previousUserId: agentId,
  ticketIds: [],
  claimedAt: new Date().toISOString(),
});

/** A counter sale: confirmed with the selling agent as owner and seller. */
async function counterSale(seats = 1) {
  const companyId = randomUUID();
  const agent = agentOf(companyId);
  const booking = await confirmBooking(subgraph, { companyId, seats, soldBy: agent.userId, owner: agent });
  return { ...booking, agent };
}

describe('passes of counter sales', () => {
  it('are read by the selling agent and the company admins, not by other staff', async () => {
    const sale = await counterSale();
    const ticketId = sale.ticketIds[0]!;
    const token = (await passesOf(subgraph, sale.bookingId))[0]!.token;
    expect(await qrAs(ticketId, sale.agent)).toBe(token);
    expect(await qrAs(ticketId, adminOf(sale.companyId))).toBe(token);
    expect(await qrAs(ticketId, agentOf(sale.companyId))).toBeNull();
    expect(await qrAs(ticketId, adminOf(randomUUID()))).toBeNull();
    expect(await qrAs(ticketId, driverOf(sale.companyId))).toBeNull();
    expect(await qrAs(ticketId, passenger())).toBeNull();
  });

  it("of an online booking stay the passenger's only, also for the company's admins", async () => {
    const booking = await confirmBooking(subgraph);
    expect(await qrAs(booking.ticketIds[0]!, booking.owner)).not.toBeNull();
    expect(await qrAs(booking.ticketIds[0]!, adminOf(booking.companyId))).toBeNull();
    expect(await qrAs(booking.ticketIds[0]!, agentOf(booking.companyId))).toBeNull();
  });

  it('belong to the passenger who claims the booking; the seller can still reprint them, nobody else', async () => {
    const sale = await counterSale(2);
    const claimer = passenger();
    const claimId = randomUUID();
    await publishAndWait('booking.claimed', claimed(sale, claimer.userId, sale.agent.userId), claimId);
    expect((await passesOf(subgraph, sale.bookingId)).map((p) => p.userId)).toEqual([claimer.userId, claimer.userId]);
    for (const ticketId of sale.ticketIds) {
      expect(await qrAs(ticketId, claimer)).not.toBeNull();
      // The seller, as an agent of the company, reprints it; the same person without that role is a stranger.
      expect(await qrAs(ticketId, sale.agent)).not.toBeNull();
      expect(await qrAs(ticketId, { userId: sale.agent.userId, role: 'PASSENGER', companyId: null })).toBeNull();
      expect(await qrAs(ticketId, agentOf(randomUUID(), sale.agent.userId))).toBeNull();
      expect(await qrAs(ticketId, adminOf(sale.companyId))).not.toBeNull();
    }
    // The same event again, and a second delivery under another id, change nothing.
    const before = await passesOf(subgraph, sale.bookingId);
    await publishAndWait('booking.claimed', claimed(sale, claimer.userId, sale.agent.userId), claimId);
    await publishAndWait('booking.claimed', claimed(sale, claimer.userId, sale.agent.userId));
    expect(await passesOf(subgraph, sale.bookingId)).toEqual(before);
  });

  it("a platform admin's counter sale: theirs until the passenger claims it, then not (no reprint role)", async () => {
    const companyId = randomUUID();
    const seller: Viewer = { userId: randomUUID(), role: 'PLATFORM_ADMIN', companyId: null };
    const sale = await confirmBooking(subgraph, { companyId, seats: 1, soldBy: seller.userId, owner: seller });
    const ticketId = sale.ticketIds[0]!;
    expect(await qrAs(ticketId, seller)).not.toBeNull();
    expect(await qrAs(ticketId, { userId: randomUUID(), role: 'PLATFORM_ADMIN', companyId: null })).toBeNull();
    const claimer = passenger();
    await publishAndWait('booking.claimed', claimed(sale, claimer.userId, seller.userId));
    expect(await qrAs(ticketId, claimer)).not.toBeNull();
    // Not an agent nor an admin of the company: the claim ends what the sale gave them.
    expect(await qrAs(ticketId, seller)).toBeNull();
    expect(await qrAs(ticketId, adminOf(companyId))).not.toBeNull();
  });

  it('issued after the claim arrived (events out of order) go to the passenger who claimed', async () => {
    const companyId = randomUUID();
    const agent = agentOf(companyId);
    const claimer = passenger();
    const bookingId = randomUUID();
    const tripId = randomUUID();
    await publishAndWait('booking.claimed', claimed({ bookingId, tripId, companyId }, claimer.userId, agent.userId));
    const sale = await confirmBooking(subgraph, { companyId, soldBy: agent.userId, owner: agent, bookingId, tripId });
    const [pass] = await passesOf(subgraph, sale.bookingId);
    expect(pass).toMatchObject({ userId: claimer.userId, soldBy: agent.userId });
    expect(await qrAs(pass!.ticketId, claimer)).toBe(pass!.token);
    expect(await qrAs(pass!.ticketId, agent)).toBe(pass!.token);
  });

  it('keep the newest claim when an older one arrives late', async () => {
    const sale = await counterSale();
    const [first, second] = [passenger(), passenger()];
    const later = { ...claimed(sale, second.userId, first.userId), claimedAt: new Date().toISOString() };
    const earlier = {
      ...claimed(sale, first.userId, sale.agent.userId),
      claimedAt: new Date(Date.now() - 60_000).toISOString(),
    };
    await publishAndWait('booking.claimed', later);
    await publishAndWait('booking.claimed', earlier);
    expect((await passesOf(subgraph, sale.bookingId))[0]!.userId).toBe(second.userId);
    expect(await qrAs(sale.ticketIds[0]!, first)).toBeNull();
  });
});
