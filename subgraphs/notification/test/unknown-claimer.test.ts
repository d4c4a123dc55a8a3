// Notification knows only the users whose events it has read (docs/notifications.md): a counter sale claimed by an
// account whose user.registered it never read is recorded all the same. A change of its trip then failed as a whole
// on that one passenger: nobody else on the bus was told, and the trip's new time was not recorded. That passenger is
// now skipped (logged); the others are told.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eventually } from '@busline/shared/testing';
import { bookings, trips } from '../src/db/schema';
import {
  confirmedPayload,
  messagesOf,
  person,
  publish,
  startNotificationSubgraph,
  tripSnapshot,
  world,
  type NotificationSubgraph,
} from './helpers';

let subgraph: NotificationSubgraph;
beforeAll(async () => {
  subgraph = await startNotificationSubgraph();
});
afterAll(() => subgraph?.stop());

const db = () => subgraph.database.handle.db;

it("tells every passenger of a delayed trip, though one booking's claimer is unknown to notification", async () => {
  const w = await world(subgraph);
  // Aline bought online; her ticket was sent.
  const aline = await person(subgraph);
  await publish(subgraph, 'booking.confirmed', confirmedPayload(w, aline, ['1A']));
  await eventually(
    async () => (await messagesOf(subgraph, aline.userId)).filter((m) => m.status === 'SENT').length === 2,
  );
  // A counter sale on the same bus, claimed by an account whose user.registered notification never read.
  const agent = await person(subgraph);
  const sale = {
    ...confirmedPayload(w, { userId: agent.userId, role: 'COUNTER_AGENT', companyId: w.companyId }, ['4B']),
    channel: 'COUNTER',
    soldBy: agent.userId,
    contact: { name: 'Jean Habimana', phone: '+250788661234', email: null, language: 'rw' },
  };
  await publish(subgraph, 'booking.confirmed', sale);
  const claimer = randomUUID();
  await publish(subgraph, 'booking.claimed', {
    bookingId: sale.bookingId,
    tripId: w.tripId,
    companyId: w.companyId,
    userId: claimer,
    previousUserId: agent.userId,
    ticketIds: [],
    claimedAt: new Date().toISOString(),
  });
  await eventually(async () => {
    const [row] = await db().select().from(bookings).where(eq(bookings.bookingId, sale.bookingId));
    return row?.userId === claimer;
  });

  // The company moves the departure an hour later.
  const later = new Date(w.departureAt.getTime() + 3_600_000);
  await publish(subgraph, 'trip.updated', tripSnapshot({ ...w, version: 2, departureAt: later }), undefined, 'company');

  // Aline is told, and the trip's new departure recorded.
  const alert = await eventually(
    async () => (await messagesOf(subgraph, aline.userId)).find((m) => m.kind === 'TRIP_DELAYED'),
    15_000,
  ).catch(() => undefined);
  const [trip] = await db().select().from(trips).where(eq(trips.tripId, w.tripId));
  expect({ alerted: !!alert, departureAt: trip!.departureAt.toISOString() }).toEqual({
    alerted: true,
    departureAt: later.toISOString(),
  });
});
