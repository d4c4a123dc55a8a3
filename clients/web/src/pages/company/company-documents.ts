import { graphql } from '../../gql';

export const COMPANIES = graphql(`
  query Companies {
    companies(first: 100) {
      edges {
        node {
          id
          name
          slug
        }
      }
    }
  }
`);

/** The company's time zone and currency: what its forms and dashboard count days and money in. */
export const COMPANY_SETTINGS = graphql(`
  query CompanySettings($id: ID!) {
    company(id: $id) {
      id
      timeZone
      currency
    }
  }
`);

export const COMPANY_TRIPS = graphql(`
  query CompanyTrips($companyId: ID!, $from: DateTime, $first: Int, $after: String) {
    trips(companyId: $companyId, from: $from, first: $first, after: $after) {
      edges {
        node {
          id
          departureAt
          timeZone
          arrivalAt
          status
          availableSeats
          price {
            amount
            currency
          }
          route {
            id
            name
          }
          bus {
            id
            plateNumber
            seatCount
          }
          driver {
            id
            name
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

export const COMPANY_BUSES = graphql(`
  query CompanyBuses($companyId: ID!, $first: Int, $after: String) {
    buses(companyId: $companyId, first: $first, after: $after) {
      edges {
        node {
          id
          plateNumber
          model
          seatCount
          amenities
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const COMPANY_ROUTES = graphql(`
  query CompanyRoutes($companyId: ID!, $first: Int, $after: String) {
    routes(companyId: $companyId, first: $first, after: $after) {
      edges {
        node {
          id
          name
          distanceKm
          durationMinutes
          stops {
            order
            minutesFromDeparture
            station {
              id
              name
              city
            }
          }
          fares {
            boardingStop
            alightingStop
            price {
              amount
              currency
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

/** Route names only (choosing a trip's route): a route's stops and fares count up to 820 list items each. */
export const COMPANY_ROUTE_NAMES = graphql(`
  query CompanyRouteNames($companyId: ID!, $first: Int, $after: String) {
    routes(companyId: $companyId, first: $first, after: $after) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

export const COMPANY_DRIVERS = graphql(`
  query CompanyDrivers($companyId: ID!, $first: Int, $after: String) {
    drivers(companyId: $companyId, first: $first, after: $after) {
      edges {
        node {
          id
          name
          phone
          licenceNumber
          userId
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const SCHEDULE_TRIP = graphql(`
  mutation ScheduleTrip($input: ScheduleTripInput!) {
    scheduleTrip(input: $input) {
      id
      departureAt
      timeZone
      status
    }
  }
`);

export const STATIONS = graphql(`
  query Stations($first: Int, $after: String) {
    stations(first: $first, after: $after) {
      edges {
        node {
          id
          code
          name
          city
          latitude
          longitude
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const CREATE_BUS = graphql(`
  mutation CreateBus($input: CreateBusInput!) {
    createBus(input: $input) {
      id
      plateNumber
      seatCount
    }
  }
`);

export const CREATE_DRIVER = graphql(`
  mutation CreateDriver($input: CreateDriverInput!) {
    createDriver(input: $input) {
      id
      name
    }
  }
`);

export const CREATE_ROUTE = graphql(`
  mutation CreateRoute($input: CreateRouteInput!) {
    createRoute(input: $input) {
      id
      name
    }
  }
`);

export const CREATE_STATION = graphql(`
  mutation CreateStation($input: CreateStationInput!) {
    createStation(input: $input) {
      id
      code
      name
    }
  }
`);

export const SET_ROUTE_FARES = graphql(`
  mutation SetRouteFares($routeId: ID!, $fares: [RouteFareInput!]!) {
    setRouteFares(routeId: $routeId, fares: $fares) {
      id
      fares {
        boardingStop
        alightingStop
        price {
          amount
          currency
        }
      }
    }
  }
`);
