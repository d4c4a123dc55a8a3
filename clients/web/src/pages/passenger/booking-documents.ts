import { graphql } from '../../gql';

/** Everything the booking page shows; the live subscription selects the same fields. */
export const BOOKING_FIELDS = graphql(`
  fragment BookingDetails on Booking {
    id
    status
    expiresAt
    createdAt
    cancellationReason
    totalAmount {
      amount
      currency
    }
    refund {
      amount
      currency
    }
    trip {
      id
      departureAt
      timeZone
      arrivalAt
      company {
        id
        name
      }
      route {
        id
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
        plateNumber
        model
      }
    }
    tickets {
      id
      seatNumber
      passengerName
      status
      segment {
        boardingStop
        alightingStop
        boarding {
          name
          city
          departsAt
        }
        alighting {
          name
          city
          departsAt
        }
        fare {
          amount
          currency
        }
      }
      qr {
        token
        pngDataUrl
        validUntil
      }
    }
    payments {
      id
      status
      method
      failureReason
      createdAt
    }
  }
`);

export const BOOKING = graphql(`
  query Booking($id: ID!) {
    booking(id: $id) {
      ...BookingDetails
    }
  }
`);

export const BOOKING_CHANGED = graphql(`
  subscription BookingStatusChanged($bookingId: ID!) {
    bookingStatusChanged(bookingId: $bookingId) {
      ...BookingDetails
    }
  }
`);

export const START_PAYMENT = graphql(`
  mutation StartPayment($input: StartPaymentInput!, $idempotencyKey: String!) {
    startPayment(input: $input, idempotencyKey: $idempotencyKey) {
      id
      status
      booking {
        id
        status
      }
    }
  }
`);

export const CANCEL_BOOKING = graphql(`
  mutation CancelBooking($bookingId: ID!) {
    cancelBooking(bookingId: $bookingId) {
      ...BookingDetails
    }
  }
`);

/** A booking as a row of a list (the passenger's bookings, the sales just claimed): components/BookingRow.tsx. */
export const BOOKING_LIST_ITEM = graphql(`
  fragment BookingListItem on Booking {
    id
    status
    totalAmount {
      amount
      currency
    }
    tickets {
      id
      seatNumber
    }
    trip {
      id
      departureAt
      timeZone
      company {
        id
        name
      }
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
`);
