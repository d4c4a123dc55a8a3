import { graphql } from '../../gql';

/**
 * The counter's operations: finding the company's trips, holding seats for a walk-in passenger, taking
 * cash, printing the passes and the agent's shift. The booking itself is read with the passenger pages'
 * BookingDetails fragment (../passenger/booking-documents.ts), plus what only a counter sale has.
 */
export const COUNTER_CITIES = graphql(`
  query CounterCities {
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

/** searchTrips answers every company's trips; the page keeps the agent's company's. */
export const COUNTER_SEARCH = graphql(`
  query CounterSearchTrips($input: SearchTripsInput!) {
    searchTrips(input: $input) {
      id
      departureAt
      arrivalAt
      timeZone
      availableSeats
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
      }
      bus {
        id
        plateNumber
        model
      }
    }
  }
`);

export const COUNTER_TRIP = graphql(`
  query CounterTrip($id: ID!, $boardingStop: Int, $alightingStop: Int) {
    trip(id: $id) {
      id
      departureAt
      arrivalAt
      timeZone
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

export const COUNTER_SEATS_CHANGED = graphql(`
  subscription CounterTripSeatsChanged($tripId: ID!, $boardingStop: Int, $alightingStop: Int) {
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

export const COUNTER_HOLD = graphql(`
  mutation CounterHoldSeats($input: HoldSeatsInput!, $idempotencyKey: String) {
    holdSeats(input: $input, idempotencyKey: $idempotencyKey) {
      id
      status
      expiresAt
      channel
    }
  }
`);

/** A counter sale with its walk-in passenger and the trip's time zone, for the checkout and the print. */
export const COUNTER_BOOKING = graphql(`
  query CounterBooking($id: ID!) {
    booking(id: $id) {
      ...BookingDetails
      channel
      soldBy
      claimed
      walkIn {
        name
        phone
        language
      }
      payments {
        id
        cashChange {
          amount
          currency
        }
      }
      trip {
        id
        timeZone
        route {
          id
          name
        }
      }
    }
  }
`);

export const RECORD_CASH = graphql(`
  mutation RecordCashPayment($input: RecordCashPaymentInput!, $idempotencyKey: String!) {
    recordCashPayment(input: $input, idempotencyKey: $idempotencyKey) {
      id
      status
      method
      amount {
        amount
        currency
      }
      cashReceived {
        amount
        currency
      }
      cashChange {
        amount
        currency
      }
      shiftId
      booking {
        id
        status
      }
    }
  }
`);

/** A shift and its totals, one per currency. */
export const CASH_SHIFT_FIELDS = graphql(`
  fragment CashShiftDetails on CashShift {
    id
    status
    openedAt
    closedAt
    paymentCount
    refundCount
    totals {
      currency
      taken {
        amount
        currency
      }
      refunded {
        amount
        currency
      }
      net {
        amount
        currency
      }
    }
  }
`);
export const MY_CASH_SHIFT = graphql(`
  query MyCashShift {
    myCashShift {
      ...CashShiftDetails
    }
  }
`);

export const CLOSE_CASH_SHIFT = graphql(`
  mutation CloseCashShift {
    closeCashShift {
      ...CashShiftDetails
    }
  }
`);

export const COUNTER_SALES = graphql(`
  query CounterSales($companyId: ID!, $soldBy: ID, $first: Int, $after: String) {
    counterSales(companyId: $companyId, soldBy: $soldBy, first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          status
          createdAt
          claimed
          totalAmount {
            amount
            currency
          }
          walkIn {
            name
            phone
          }
          segment {
            boarding {
              city
              departsAt
            }
            alighting {
              city
            }
          }
          tickets {
            id
            seatNumber
          }
          trip {
            id
            departureAt
            timeZone
            route {
              id
              origin {
                id
                city
              }
              destination {
                id
                city
              }
            }
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
