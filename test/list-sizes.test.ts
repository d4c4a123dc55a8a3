// The router's list-items limit counts a list without a page size at its LIST_SIZES entry: at least what the
// subgraphs may return, or one anonymous search could ask for many times the limit.
import { readFileSync } from 'node:fs';
import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { MAX_SEATS, MAX_STOPS } from '../subgraphs/company/src/public';
import { SEARCH_LIMIT } from '../subgraphs/ticketing/src/public';
import { DEFAULT_LIMITS, LIST_SIZES, listItems } from '../router/src/limits';

const schema = buildSchema(readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8'));
const items = (query: string) => listItems(schema, parse(query), undefined, {});
/** Every pair of a route's stops has a fare. */
const MAX_PAIRS = (MAX_STOPS * (MAX_STOPS - 1)) / 2;

describe('list sizes the router assumes', () => {
  it("are no smaller than what the subgraphs return: a search's trips, a bus's seats, a route's stops and fares", () => {
    expect(LIST_SIZES['Query.searchTrips']).toBeGreaterThanOrEqual(SEARCH_LIMIT);
    for (const list of ['Trip.seatMap', 'SeatLayout.seats']) expect(LIST_SIZES[list]).toBeGreaterThanOrEqual(MAX_SEATS);
    for (const list of ['Trip.stops', 'Route.stops', 'Query.tripStopManifest'])
      expect(LIST_SIZES[list]).toBeGreaterThanOrEqual(MAX_STOPS);
    expect(LIST_SIZES['Query.tripManifest']).toBeGreaterThanOrEqual(MAX_SEATS);
    for (const list of ['Trip.fares', 'Route.fares']) expect(LIST_SIZES[list]).toBeGreaterThanOrEqual(MAX_PAIRS);
  });

  it('refuse aliased searches asking every fare of every trip, and let the nested search of 100 trips through', () => {
    const search = (n: number) =>
      `s${n}: searchTrips(input: { originCity: "A", destinationCity: "B", date: "2030-01-0${n}", passengers: 1 }) {
        id fares { boardingStop price { amount } } }`;
    const fares = items(`{ ${[1, 2, 3, 4].map(search).join(' ')} }`);
    expect(fares).toBe(4 * (SEARCH_LIMIT + SEARCH_LIMIT * MAX_PAIRS));
    expect(fares).toBeGreaterThan(DEFAULT_LIMITS.maxListItems);
    const nested =
      items(`{ searchTrips(input: { originCity: "A", destinationCity: "B", date: "2030-01-01", passengers: 1 }) {
      id seatMap { label } route { stops { station { code } } } } }`);
    expect(nested).toBe(SEARCH_LIMIT + SEARCH_LIMIT * MAX_SEATS + SEARCH_LIMIT * MAX_STOPS);
    expect(nested).toBeLessThanOrEqual(DEFAULT_LIMITS.maxListItems);
  });
});
