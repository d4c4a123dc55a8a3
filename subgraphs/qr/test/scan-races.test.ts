// A scan decides on the pass and its trip as they stand once a change of the trip being applied has committed (or
// after it commits its own boarding), and commits nothing once the router stopped waiting for it.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '@busline/shared';
import { graphqlRequest, inFlight, lockWaiters, untilWaiting } from '@busline/shared/testing';
import { BoardingPassRepository } from '../src/repositories/boarding-pass-repository';
import {
  boardedEvents,
  confirmBooking,
  driverOf,
  passesOf,
  startQrSubgraph,
  tokenOf,
  tripUpdated,
  VERIFY,
  type ConfirmedBooking,
  type QrSubgraph,
} from './helpers';

let subgraph: QrSubgraph;
beforeAll(async () => {
  subgraph = await startQrSubgraph();
});
afterAll(() => subgraph.stop());

type Answer = Awaited<ReturnType<typeof graphqlRequest<{ verifyTicket?: { result: string } }>>>;

/**
 * Scans the booking's first pass as `scanner` while a change of its trip is being applied (`change`, under the trip's
 * lock as qr's trip events take it): the scan is seen waiting for it, then it commits. The scan's answer, and the pass.
 */
async function scanDuring(
  booking: ConfirmedBooking,
  scanner: Viewer,
  change: (repo: BoardingPassRepository) => Promise<unknown>,
  tripId: string | null = booking.tripId,
) {
  const ticketId = booking.ticketIds[0]!;
  const token = await tokenOf(subgraph, ticketId);
  const db = subgraph.database.handle.db;
  const headers = await subgraph.tokens.authorization(scanner);
  let scan!: ReturnType<typeof inFlight<Answer>>;
  await db.transaction(async (tx) => {
    const repo = new BoardingPassRepository(tx);
    await repo.lockTrip(booking.tripId, 'exclusive');
    await change(repo);
    scan = inFlight(
      graphqlRequest<{ verifyTicket?: { result: string } }>(subgraph.graphqlUrl, VERIFY, { token, tripId }, headers),
    );
    await untilWaiting(scan, async () => (await lockWaiters(db)) > 0);
  });
  const answer = await scan.answer;
  const [pass] = await passesOf(subgraph, booking.bookingId);
  return {
    result: answer.data?.verifyTicket?.result,
    status: pass!.status,
    boardings: (await boardedEvents(subgraph, ticketId)).length,
  };
}

describe('a scan while its trip changes', () => {
  it('does not board for a driver the company took off the trip meanwhile', async () => {
    const departure = new Date(Date.now() + 10 * 60_000);
    const booking = await confirmBooking(subgraph, { departureAt: departure });
    const removed = driverOf(booking.companyId);
    await tripUpdated(subgraph, booking, 2, departure, 'BOARDING', { driverUserId: removed.userId });
    const arrival = new Date(departure.getTime() + 2 * 3600_000);
    const other = randomUUID();
    expect(
      await scanDuring(booking, removed, (repo) =>
        repo.recordDeparture(booking.tripId, departure, 3, arrival, false, other),
      ),
    ).toEqual({ result: 'WRONG_TRIP', status: 'ISSUED', boardings: 0 });
  });

  it('does not board a pass of a trip that reached its last stop meanwhile', async () => {
    const departure = new Date(Date.now() + 10 * 60_000);
    const booking = await confirmBooking(subgraph, { departureAt: departure });
    const admin: Viewer = { userId: randomUUID(), role: 'COMPANY_ADMIN', companyId: booking.companyId };
    const arrival = new Date(departure.getTime() + 2 * 3600_000);
    expect(
      await scanDuring(
        booking,
        admin,
        (repo) => repo.recordDeparture(booking.tripId, departure, 2, arrival, true),
        null,
      ),
    ).toEqual({ result: 'EXPIRED', status: 'ISSUED', boardings: 0 });
  });

  it('does not board a trip moved to the next day meanwhile: boarding is not open any more', async () => {
    const departure = new Date(Date.now() + 10 * 60_000);
    const booking = await confirmBooking(subgraph, { departureAt: departure });
    const tomorrow = new Date(departure.getTime() + 24 * 3600_000);
    expect(
      await scanDuring(booking, driverOf(booking.companyId), (repo) =>
        repo.recordDeparture(booking.tripId, tomorrow, 2, null),
      ),
    ).toEqual({ result: 'NOT_YET_BOARDING', status: 'ISSUED', boardings: 0 });
  });

  it('boards once the change that keeps it valid has committed', async () => {
    const departure = new Date(Date.now() + 10 * 60_000);
    const booking = await confirmBooking(subgraph, { departureAt: departure });
    const driver = driverOf(booking.companyId);
    const arrival = new Date(departure.getTime() + 2 * 3600_000);
    expect(
      await scanDuring(booking, driver, (repo) =>
        repo.recordDeparture(booking.tripId, departure, 2, arrival, false, driver.userId),
      ),
    ).toEqual({ result: 'VALID', status: 'BOARDED', boardings: 1 });
  });
});

describe('a scan and the router deadline', () => {
  it('records no boarding once the router stopped waiting (UNAVAILABLE): scanned again, the pass boards', async () => {
    const booking = await confirmBooking(subgraph);
    const ticketId = booking.ticketIds[0]!;
    const token = await tokenOf(subgraph, ticketId);
    const headers = await subgraph.tokens.authorization(driverOf(booking.companyId));
    const db = subgraph.database.handle.db;
    const deadline = Date.now() + 1500;
    let scan!: ReturnType<typeof inFlight<Answer>>;
    // Another writer holds the pass (a slow statement, a lock wait) until past the router's deadline.
    await db.transaction(async (tx) => {
      await tx.execute(sql`select ticket_id from qr.boarding_passes where ticket_id = ${ticketId} for update`);
      scan = inFlight(
        graphqlRequest(
          subgraph.graphqlUrl,
          VERIFY,
          { token, tripId: booking.tripId },
          {
            ...headers,
            'x-request-deadline': String(deadline),
          },
        ),
      );
      await untilWaiting(scan, async () => (await lockWaiters(db)) > 0);
      while (Date.now() < deadline + 200) await new Promise((resolve) => setTimeout(resolve, 50));
    });
    const answer = await scan.answer;
    expect(answer.errors?.[0]?.extensions?.code).toBe('UNAVAILABLE');
    expect((await passesOf(subgraph, booking.bookingId))[0]!.status).toBe('ISSUED');
    expect(await boardedEvents(subgraph, ticketId)).toHaveLength(0);
    const again = await graphqlRequest(subgraph.graphqlUrl, VERIFY, { token, tripId: booking.tripId }, headers);
    expect(again.data?.verifyTicket?.result).toBe('VALID');
  });
});
