import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverer, passenger, startTicketing, tripSnapshot, type TicketingTestSubgraph } from './fixtures';

let subgraph: TicketingTestSubgraph;
let deliver: ReturnType<typeof deliverer>;
beforeAll(async () => {
  subgraph = await startTicketing();
  deliver = deliverer(subgraph);
});
afterAll(() => subgraph.stop());

const SEATS = `query($id: ID!, $b: Int, $a: Int) { _entities(representations: [{ __typename: "Trip", id: $id }]) { ... on Trip {
  availableSeats(boardingStop: $b, alightingStop: $a) seatMap(boardingStop: $b, alightingStop: $a) { label state }
} } }`;
const HOLD = `mutation($input: HoldSeatsInput!) { holdSeats(input: $input) { id } }`;
const hold = (tripId: string, seats: string[], boardingStop?: number | null, alightingStop?: number | null) => ({
  input: { tripId, seats, passengers: seats.map((s) => ({ name: `Passenger ${s}` })), boardingStop, alightingStop },
});
const seatsOf = async (tripId: string, b: number | null = null, a: number | null = null) => {
  const result = await subgraph.request(SEATS, { id: tripId, b, a });
  const trip = result.data?._entities[0] as
    { availableSeats: number; seatMap: { label: string; state: string }[] } | undefined;
  return { errors: result.errors, trip };
};

describe('Trip.availableSeats and Trip.seatMap over stops the trip does not have', () => {
  // A trip Kigali(0) → Muhanga(1) → Huye(2), seat 1A held on the whole route, asked for its seats over stops it does
  // not have (the web client takes them from the URL): every seat answered free, 1A AVAILABLE, where holdSeats
  // refuses those stops. They are now refused the same way.
  it.each([
    [5, 9],
    [-3, 0],
    [null, 0],
    [2, null],
  ])(
    'refuses boardingStop %s / alightingStop %s with BAD_USER_INPUT instead of answering every seat free',
    async (b, a) => {
      const trip = tripSnapshot();
      await deliver('trip.scheduled', trip);
      expect((await subgraph.request(HOLD, hold(trip.tripId, ['1A']), passenger())).errors).toBeUndefined();

      const refusedHold = await subgraph.request(HOLD, hold(trip.tripId, ['2A'], b, a), passenger());
      expect(refusedHold.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

      const { errors, trip: answer } = await seatsOf(trip.tripId, b, a);
      expect(
        errors?.[0]?.extensions?.code,
        `stops ${b} → ${a} (not a stretch of this 3-stop trip) answered availableSeats=${answer?.availableSeats} ` +
          `and 1A=${answer?.seatMap.find((s) => s.label === '1A')?.state} although 1A is held on the whole route`,
      ).toBe('BAD_USER_INPUT');
    },
  );
});

describe('the seat map of a trip that no longer sells seats', () => {
  // The seat picker of a trip open when the company cancels it: availableSeats answered 0 and the seat map every free
  // seat AVAILABLE. Free seats of a trip that sells none are now CLOSED.
  it('shows no seat AVAILABLE on a cancelled trip', async () => {
    const trip = tripSnapshot();
    await deliver('trip.scheduled', trip);
    await deliver('trip.cancelled', {
      tripId: trip.tripId,
      companyId: trip.companyId,
      version: 2,
      reason: 'Bus broke down',
    });
    const refused = await subgraph.request(HOLD, hold(trip.tripId, ['1A']), passenger());
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const { trip: answer } = await seatsOf(trip.tripId);
    expect(answer!.availableSeats).toBe(0);
    const free = answer!.seatMap.filter((s) => s.state === 'AVAILABLE').map((s) => s.label);
    expect(free, `cancelled trip: availableSeats 0 but seatMap offers ${free.length} seats as AVAILABLE`).toEqual([]);
    expect(new Set(answer!.seatMap.map((s) => s.state))).toEqual(new Set(['CLOSED']));
  });

  // A trip still SCHEDULED a minute past its departure (the bus late): holdSeats refuses it, availableSeats answered
  // every seat. It now answers 0, as the hold decides.
  it('answers 0 availableSeats for a trip past its departure, which holdSeats refuses', async () => {
    const trip = tripSnapshot({ departureAt: new Date(Date.now() - 60_000).toISOString() });
    await deliver('trip.scheduled', trip);
    const refused = await subgraph.request(HOLD, hold(trip.tripId, ['1A']), passenger());
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const { trip: answer } = await seatsOf(trip.tripId);
    expect(
      answer!.availableSeats,
      `trip past its departure (holds refused) still answers availableSeats=${answer!.availableSeats}`,
    ).toBe(0);
    expect(answer!.seatMap.find((s) => s.label === '1A')?.state).toBe('CLOSED');
  });
});
