import { graphql } from '../gql';

/**
 * The trip documents both the passenger pages and the counter read: the cities to search between, the
 * search, one trip with its seat map, the live seat changes and the hold. One selection serves both sides
 * (the counter also shows the bus's plate, the passenger the amenities), so the cache holds one shape.
 */
export const CITIES = graphql(`
  query SearchCities {
    stations(first: 100) {
      edges {
        node {
          id
          city
        }
      }
    }
  }
`);

/** searchTrips answers every company's trips; the counter keeps its agent's company's. */
export const SEARCH_TRIPS = graphql(`
  query SearchTrips($input: SearchTripsInput!) {
    searchTrips(input: $input) {
      id
      departureAt
      timeZone
      arrivalAt
      availableSeats
      status
      price {
        amount
        currency
      }
      searchedSegment {
        boardingStop
        alightingStop
        boarding {
          name
          departsAt
        }
        alighting {
          name
          departsAt
        }
        fare {
          amount
          currency
        }
      }
      company {
        id
        name
      }
      route {
        id
        name
        origin {
          id
          name
          city
        }
        destination {
          id
          name
          city
        }
      }
      bus {
        id
        plateNumber
        model
        amenities
      }
    }
  }
`);

/** One trip for choosing seats on a stretch (stop orders; the whole route when left out). */
export const TRIP_SEATS = graphql(`
  query TripSeats($id: ID!, $boardingStop: Int, $alightingStop: Int) {
    trip(id: $id) {
      id
      departureAt
      timeZone
      arrivalAt
      status
      availableSeats(boardingStop: $boardingStop, alightingStop: $alightingStop)
      price {
        amount
        currency
      }
      stops {
        order
        name
        city
        stationId
        departsAt
      }
      fares {
        boardingStop
        alightingStop
        price {
          amount
          currency
        }
      }
      company {
        id
        name
      }
      route {
        id
        name
        origin {
          id
          name
        }
        destination {
          id
          name
        }
      }
      bus {
        id
        model
        plateNumber
        seatLayout {
          decks {
            deck
            rows
            firstRow
            columns
            aisleAfter
          }
        }
      }
      seatMap(boardingStop: $boardingStop, alightingStop: $alightingStop) {
        label
        deck
        row
        column
        state
      }
    }
  }
`);

/** Other holds and sales on the trip, live; the normalised cache updates the seat map in place. */
export const TRIP_SEATS_CHANGED = graphql(`
  subscription TripSeatsChanged($tripId: ID!, $boardingStop: Int, $alightingStop: Int) {
    tripSeatsChanged(tripId: $tripId) {
      id
      availableSeats(boardingStop: $boardingStop, alightingStop: $alightingStop)
      seatMap(boardingStop: $boardingStop, alightingStop: $alightingStop) {
        label
        deck
        row
        column
        state
      }
    }
  }
`);

/** A hold online or at the counter (with `walkIn`); the channel tells which. */
export const HOLD_SEATS = graphql(`
  mutation HoldSeats($input: HoldSeatsInput!, $idempotencyKey: String) {
    holdSeats(input: $input, idempotencyKey: $idempotencyKey) {
      id
      status
      expiresAt
      channel
    }
  }
`);
