// A hold names its stretch by stop orders, which a route edit gives to other stations. A passenger who read the
// trip's stops, then held orders 1 → 2 after the company added a stop, bought another stretch at another fare
// without knowing: holdSeats now takes the stations read (TripStop.stationId) and refuses the hold when they are no
// longer at those orders; the stations alone name the stops.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverer, passenger, startTicketing, tripSnapshot, type TicketingTestSubgraph } from './fixtures';

let subgraph: TicketingTestSubgraph;
let deliver: ReturnType<typeof deliverer>;
beforeAll(async () => {
  subgraph = await startTicketing();
  deliver = deliverer(subgraph);
});
afterAll(() => subgraph.stop());

const tripQuery = (fields: string) =>
  `query($r: [_Any!]!) { _entities(representations: $r) { ... on Trip { ${fields} } } }`;
const asTrip = (id: string) => ({ r: [{ __typename: 'Trip', id }] });
const HOLD = `mutation($input: HoldSeatsInput!, $key: String) {
  holdSeats(input: $input, idempotencyKey: $key) {
    id status totalAmount { amount }
    segment { boardingStop alightingStop boarding { name } alighting { name } }
  }
}`;

type Stop = { order: number; name: string; stationId: string | null };

async function stopsOf(tripId: string): Promise<Stop[]> {
  const result = await subgraph.request(tripQuery('stops { order name stationId }'), asTrip(tripId));
  expect(result.errors).toBeUndefined();
  return result.data!._entities[0].stops as Stop[];
}

const hold = (input: Record<string, unknown>, key?: string) =>
  subgraph.request(HOLD, { input: { seats: ['1A'], passengers: [{ name: 'Aline' }], ...input }, key }, passenger());

/** The seed-like trip Nyabugogo (0) → Muhanga (1) → Huye (2), and a Ruyenzi stop added before Muhanga. */
async function tripThenStopAdded() {
  const trip = tripSnapshot();
  await deliver('trip.scheduled', trip);
  const read = await stopsOf(trip.tripId);
  const [nyabugogo, muhanga, huye] = trip.stops;
  const ruyenzi = {
    stationId: randomUUID(),
    code: 'RUY',
    name: 'Ruyenzi',
    city: 'Ruyenzi',
    order: 1,
    minutesFromDeparture: 30,
  };
  const edited = [nyabugogo!, ruyenzi, { ...muhanga!, order: 2 }, { ...huye!, order: 3 }];
  return { trip, read, edit: () => deliver('trip.updated', { ...trip, version: 2, stops: edited }) };
}

describe('holdSeats with the stations the client read', () => {
  it('answers each stop with its station', async () => {
    const trip = tripSnapshot();
    await deliver('trip.scheduled', trip);
    expect(await stopsOf(trip.tripId)).toEqual(
      trip.stops.map((stop) => ({ order: stop.order, name: stop.name, stationId: stop.stationId })),
    );
  });

  it('holds the stretch when the stations are still at the orders given', async () => {
    const { trip, read } = await tripThenStopAdded();
    const result = await hold({
      tripId: trip.tripId,
      boardingStop: 1,
      alightingStop: 2,
      boardingStationId: read[1]!.stationId,
      alightingStationId: read[2]!.stationId,
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.holdSeats.segment).toMatchObject({
      boarding: { name: 'Muhanga' },
      alighting: { name: 'Huye' },
    });
  });

  it('refuses STOPS_CHANGED, holding nothing, when a route edit gave the orders other stations', async () => {
    const { trip, read, edit } = await tripThenStopAdded();
    await edit();
    const result = await hold({
      tripId: trip.tripId,
      boardingStop: 1,
      alightingStop: 2,
      boardingStationId: read[1]!.stationId,
      alightingStationId: read[2]!.stationId,
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'STOPS_CHANGED',
      field: 'boardingStationId',
    });
    // Nothing was held: the seat is free on every stretch.
    const seats = await subgraph.request(
      tripQuery('seatMap(boardingStop: 0, alightingStop: 3) { label state }'),
      asTrip(trip.tripId),
    );
    const seatMap = seats.data!._entities[0].seatMap as { label: string; state: string }[];
    expect(seatMap.find((seat) => seat.label === '1A')!.state).toBe('AVAILABLE');
  });

  it('takes the stations alone as naming the stops, wherever an edit has put them', async () => {
    const { trip, read, edit } = await tripThenStopAdded();
    await edit();
    const result = await hold({
      tripId: trip.tripId,
      boardingStationId: read[1]!.stationId,
      alightingStationId: read[2]!.stationId,
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.holdSeats.segment).toEqual({
      boardingStop: 2,
      alightingStop: 3,
      boarding: { name: 'Muhanga' },
      alighting: { name: 'Huye' },
    });
  });

  it('refuses a station that is not a stop of the trip, and stations the wrong way round', async () => {
    const { trip, read } = await tripThenStopAdded();
    const unknown = await hold({ tripId: trip.tripId, alightingStationId: randomUUID() });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ reason: 'STOPS_CHANGED', field: 'alightingStationId' });
    const backwards = await hold({
      tripId: trip.tripId,
      boardingStationId: read[2]!.stationId,
      alightingStationId: read[0]!.stationId,
    });
    expect(backwards.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'alightingStop' });
  });

  it('counts the stations in an idempotency key: the same key with other stations is a conflict', async () => {
    const { trip, read } = await tripThenStopAdded();
    const key = randomUUID();
    const viewer = passenger();
    const input = { tripId: trip.tripId, seats: ['2A'], passengers: [{ name: 'Aline' }] };
    const first = await subgraph.request(
      HOLD,
      { input: { ...input, boardingStationId: read[0]!.stationId }, key },
      viewer,
    );
    expect(first.errors).toBeUndefined();
    const other = await subgraph.request(
      HOLD,
      { input: { ...input, boardingStationId: read[1]!.stationId }, key },
      viewer,
    );
    expect(other.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_CONFLICT');
  });
});
