import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { JWK } from 'jose';
import type { Viewer } from '@busline/shared';
import { eventually, startTestSubgraph, type TestSubgraph } from '@busline/shared/testing';
import { migrations } from '../src/db/migrations';
import { boardingPasses, outbox } from '../src/db/schema';
import { createServer } from '../src/server';

export type QrSubgraph = TestSubgraph<ReturnType<typeof createServer>>;

export function startQrSubgraph(signingKeys?: JWK[]): Promise<QrSubgraph> {
  return startTestSubgraph({
    name: 'qr',
    migrations,
    createServer: (deps) => createServer(deps, { signingKeys, validityGraceMs: 6 * 3600_000 }),
  });
}

export const passenger = (): Viewer => ({ userId: randomUUID(), role: 'PASSENGER', companyId: null });
export const driverOf = (companyId: string): Viewer => ({ userId: randomUUID(), role: 'DRIVER', companyId });

export async function publish(
  subgraph: QrSubgraph,
  type: string,
  payload: Record<string, unknown>,
  id = randomUUID(),
): Promise<void> {
  await subgraph.deps.bus.publish({ id, type, source: 'ticketing', occurredAt: new Date().toISOString(), payload });
}

/**
 * trip.updated of the booking's trip at `version`, leaving at `departure` and arriving two hours later (with
 * `status` when given, as the trip's status steps send it, and any `more` of the snapshot's fields); resolves once
 * the subgraph has processed it.
 */
export async function tripUpdated(
  subgraph: QrSubgraph,
  booking: { tripId: string; companyId: string },
  version: number,
  departure: Date,
  status?: string,
  more: Record<string, unknown> = {},
): Promise<void> {
  const id = randomUUID();
  await publish(
    subgraph,
    'trip.updated',
    {
      tripId: booking.tripId,
      companyId: booking.companyId,
      version,
      ...(status ? { status } : {}),
      departureAt: departure.toISOString(),
      arrivalAt: new Date(departure.getTime() + 2 * 3600_000).toISOString(),
      ...more,
    },
    id,
  );
  await eventually(() => subgraph.deliveries(id) > 0);
}

export interface ConfirmedBooking {
  bookingId: string;
  tripId: string;
  companyId: string;
  owner: Viewer;
  ticketIds: string[];
  payload: Record<string, unknown>;
}

/**
 * Publishes booking.confirmed and waits for its passes: a trip of two hours leaving in 10 minutes
 * (boarding open) unless told otherwise.
 */
export async function confirmBooking(
  subgraph: QrSubgraph,
  options: {
    seats?: number;
    arrivalAt?: Date;
    departureAt?: Date;
    companyId?: string;
    segment?: Record<string, unknown>;
    /** A counter sale: the selling agent (the owner should then be that agent). */
    soldBy?: string;
    owner?: Viewer;
    bookingId?: string;
    tripId?: string;
  } = {},
): Promise<ConfirmedBooking> {
  const owner = options.owner ?? passenger();
  const booking = {
    bookingId: options.bookingId ?? randomUUID(),
    tripId: options.tripId ?? randomUUID(),
    companyId: options.companyId ?? randomUUID(),
  };
  const tickets = Array.from({ length: options.seats ?? 1 }, (_, i) => ({
    ticketId: randomUUID(),
    seatNumber: `${i + 1}A`,
    passengerName: `Passenger ${i + 1}`,
    ...options.segment,
  }));
  const departureAt =
    options.departureAt ??
    (options.arrivalAt ? new Date(options.arrivalAt.getTime() - 2 * 3600_000) : new Date(Date.now() + 10 * 60_000));
  const arrivalAt = options.arrivalAt ?? new Date(departureAt.getTime() + 2 * 3600_000);
  const payload = {
    ...booking,
    userId: owner.userId,
    ...(options.soldBy ? { channel: 'COUNTER', soldBy: options.soldBy } : {}),
    paymentId: randomUUID(),
    tickets,
    totalAmount: { amount: 5000 * tickets.length, currency: 'RWF' },
    departureAt: departureAt.toISOString(),
    arrivalAt: arrivalAt.toISOString(),
  };
  await publish(subgraph, 'booking.confirmed', payload);
  await eventually(async () => (await passesOf(subgraph, booking.bookingId)).length === tickets.length);
  return { ...booking, owner, ticketIds: tickets.map((t) => t.ticketId), payload };
}

export async function passesOf(subgraph: QrSubgraph, bookingId: string) {
  return subgraph.database.handle.db.select().from(boardingPasses).where(eq(boardingPasses.bookingId, bookingId));
}

export async function tokenOf(subgraph: QrSubgraph, ticketId: string): Promise<string> {
  const [row] = await subgraph.database.handle.db
    .select()
    .from(boardingPasses)
    .where(eq(boardingPasses.ticketId, ticketId));
  return row!.token;
}

export async function boardedEvents(subgraph: QrSubgraph, ticketId: string) {
  const rows = await subgraph.database.handle.db.select().from(outbox).where(eq(outbox.type, 'ticket.boarded'));
  return rows.map((r) => r.payload as Record<string, unknown>).filter((p) => p.ticketId === ticketId);
}

export const VERIFY = `mutation($token: String!, $tripId: ID) {
  verifyTicket(token: $token, tripId: $tripId) { result boardedAt seatNumber passengerName tripId boardingOpensAt ticket { id } }
}`;

export const VERIFY_AT = `mutation($token: String!, $tripId: ID, $stop: Int) {
  verifyTicket(token: $token, tripId: $tripId, stop: $stop) { result boardedAt boardingStop alightingStop boardingStopName alightingStopName }
}`;
