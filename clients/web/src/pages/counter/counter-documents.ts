import { graphql } from '../../gql';

/*
 * The counter's own operations: the sale with its walk-in passenger, taking cash and the agent's shift.
 * Finding trips and holding seats use the documents the passenger pages use (../trip-documents.ts); the
 * booking itself is read with their BookingDetails fragment (../passenger/booking-documents.ts), plus what
 * only a counter sale has.
 */

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

/**
 * The company's owed cash refunds, oldest first. Only the booking's walk-in passenger is read from ticketing:
 * it is nullable, and a counter agent may not see every booking (an online one), so nothing non-null is asked.
 */
export const CASH_REFUNDS_DUE = graphql(`
  query CashRefundsDue($companyId: ID!, $first: Int, $after: String) {
    cashRefundsDue(companyId: $companyId, first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          reason
          dueSince
          amount {
            amount
            currency
          }
          payment {
            id
          }
          booking {
            id
            walkIn {
              name
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

export const HAND_OUT_CASH_REFUND = graphql(`
  mutation HandOutCashRefund($paymentId: ID!, $idempotencyKey: String!, $code: String) {
    handOutCashRefund(paymentId: $paymentId, idempotencyKey: $idempotencyKey, code: $code) {
      id
      status
      refundState
      shiftId
    }
  }
`);

export const SEND_CASH_REFUND_CODE = graphql(`
  mutation SendCashRefundCode($paymentId: ID!) {
    sendCashRefundCode(paymentId: $paymentId) {
      id
    }
  }
`);
