// A passenger boarding at an intermediate stop is told when the bus leaves their stop (docs/notifications.md). A
// route edit re-sends every upcoming trip with new stop times, often with the same first departure: only the first
// departure was compared (a Musanze passenger whose bus now came an hour sooner was told nothing), and the former time
// was worked out with the new stop times (a time the passenger had never been given). A stop added before theirs
// renumbers the stops: the same station is their stop, whichever of the trip's snapshot and the booking's renumbering
// is read first.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@busline/shared/testing';
import {
  confirmedPayload,
  messagesOf,
  person,
  publish,
  startNotificationSubgraph,
  tripSnapshot,
  world,
  type NotificationSubgraph,
  type World,
} from './helpers';

let subgraph: NotificationSubgraph;
beforeAll(async () => {
  subgraph = await startNotificationSubgraph();
});
afterAll(() => subgraph?.stop());

const [kigali, base, musanze, rubavu] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
const stop = (stationId: string, city: string, order: number, minutesFromDeparture: number) => ({
  stationId,
  code: city.slice(0, 3).toUpperCase(),
  name: `${city} Park`,
  city,
  order,
  minutesFromDeparture,
});
/** Kigali → Musanze (reached `atMusanze` minutes in) → Rubavu. */
const route = (atMusanze: number) => [
  stop(kigali, 'Kigali', 0, 0),
  stop(musanze, 'Musanze', 1, atMusanze),
  stop(rubavu, 'Rubavu', 2, 240),
];
/** The same with a stop added before Musanze: Musanze is now order 2. */
const routeWithBase = (atMusanze: number) => [
  stop(kigali, 'Kigali', 0, 0),
  stop(base, 'Base', 1, 60),
  stop(musanze, 'Musanze', 2, atMusanze),
  stop(rubavu, 'Rubavu', 3, 240),
];

async function snapshot(w: World, version: number, stops: unknown[], departureAt = w.departureAt) {
  const id = await publish(
    subgraph,
    'trip.updated',
    tripSnapshot({ ...w, version, departureAt }, { stops }),
    undefined,
    'company',
  );
  await eventually(() => subgraph.deliveries(id) >= 1);
}

/**
 * A trip leaving Kigali at 07:00 (Kigali time), at Musanze 120 minutes later, and a ticket Musanze → Rubavu, its
 * stations named as ticketing names them (`stations`), or not (a booking confirmed before notification kept them).
 */
async function musanzePassenger(stations = true) {
  const w = await world(subgraph);
  await snapshot(w, 2, route(120));
  const p = await person(subgraph);
  const booking = confirmedPayload(w, p);
  const named = (stationId: string) => (stations ? { boarding: { stationId } } : {});
  booking.tickets = booking.tickets.map((t) => ({
    ...t,
    boardingStop: 1,
    alightingStop: 2,
    ...named(musanze),
    ...(stations ? { alighting: { stationId: rubavu } } : {}),
  }));
  await publish(subgraph, 'booking.confirmed', booking);
  await eventually(async () => (await messagesOf(subgraph, p.userId)).filter((m) => m.status === 'SENT').length >= 2);
  // The ticket: the bus leaves Musanze at 9:00.
  expect(subgraph.simulator.messages.smsTo(p.phone!)[0]!.message).toMatch(/Musanze - Rubavu, Jan 15, 2030, 9:00\sAM/);
  return { w, p, bookingId: booking.bookingId as string };
}

const alertsOf = async (userId: string) =>
  (await messagesOf(subgraph, userId)).filter((m) => m.kind !== 'BOOKING_CONFIRMED');

describe("a change of the bus's time at the passenger's stop", () => {
  it('is told when a route edit brings the stop an hour sooner, the first departure unchanged', async () => {
    const { w, p } = await musanzePassenger();
    await snapshot(w, 3, route(60));
    const alerts = await eventually(async () => {
      const found = await alertsOf(p.userId);
      return found.length === 2 ? found : undefined;
    });
    expect(alerts.map((m) => m.kind)).toEqual(['TRIP_RESCHEDULED', 'TRIP_RESCHEDULED']);
    expect(alerts.find((m) => m.channel === 'SMS')!.body).toMatch(/8:00\sAM instead of Jan 15, 2030, 9:00\sAM/);
  });

  it('names the former time at the stop as the passenger had it, not worked out with the new stop times', async () => {
    const { w, p } = await musanzePassenger();
    // The departure an hour later (08:00) and Musanze 150 minutes in: 10:30 at Musanze instead of 9:00.
    await snapshot(w, 3, route(150), new Date(w.departureAt.getTime() + 3_600_000));
    const sms = await eventually(async () =>
      (await alertsOf(p.userId)).find((m) => m.kind === 'TRIP_DELAYED' && m.channel === 'SMS'),
    );
    expect(sms.body).toMatch(/now leaves Jan 15, 2030, 10:30\sAM instead of Jan 15, 2030, 9:00\sAM/);
  });

  for (const first of ['trip', 'renumbering'] as const)
    it(`is not told when a stop added before theirs leaves their time as it was (${first} read first)`, async () => {
      // Without the booking's stations: its orders are mapped through the previous snapshot's.
      const { w, p, bookingId } = await musanzePassenger(false);
      const renumbering = async () => {
        const id = await publish(subgraph, 'booking.stops_changed', {
          bookingId,
          tripId: w.tripId,
          version: 3,
          tickets: [
            {
              ticketId: randomUUID(),
              boardingStop: 2,
              alightingStop: 3,
              boarding: { name: 'Musanze Park', city: 'Musanze' },
              alighting: { name: 'Rubavu Park', city: 'Rubavu' },
            },
          ],
        });
        await eventually(() => subgraph.deliveries(id) >= 1);
      };
      if (first === 'renumbering') await renumbering();
      await snapshot(w, 3, routeWithBase(120));
      if (first === 'trip') await renumbering();
      // Then Musanze is really reached half an hour later: one alert, from 9:00.
      await snapshot(w, 4, routeWithBase(150));
      const sms = await eventually(async () =>
        (await alertsOf(p.userId)).find((m) => m.kind === 'TRIP_DELAYED' && m.channel === 'SMS'),
      );
      expect(sms.body).toMatch(/Musanze - Rubavu now leaves Jan 15, 2030, 9:30\sAM instead of Jan 15, 2030, 9:00\sAM/);
      expect((await alertsOf(p.userId)).map((m) => m.kind)).toEqual(['TRIP_DELAYED', 'TRIP_DELAYED']);
    });

  it("follows the passenger's station through two route edits read before the first one's renumbering", async () => {
    const { w, p } = await musanzePassenger();
    await snapshot(w, 3, routeWithBase(120)); // Base added: Musanze is order 2 now, at 9:00 still
    await snapshot(
      w,
      4,
      routeWithBase(120).map((s) => (s.city === 'Base' ? { ...s, minutesFromDeparture: 90 } : s)),
    );
    // Only Base moved: nothing for a Musanze passenger.
    await snapshot(w, 5, routeWithBase(150)); // Musanze 30 minutes later
    const sms = await eventually(async () =>
      (await alertsOf(p.userId)).find((m) => m.kind === 'TRIP_DELAYED' && m.channel === 'SMS'),
    );
    expect(sms.body).toMatch(/Musanze - Rubavu now leaves Jan 15, 2030, 9:30\sAM instead of Jan 15, 2030, 9:00\sAM/);
    expect((await alertsOf(p.userId)).map((m) => m.kind)).toEqual(['TRIP_DELAYED', 'TRIP_DELAYED']);
  });
});
