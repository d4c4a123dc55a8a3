import { canActForCompany } from '@busline/shared';
import { seatsOf } from '../domain/seat-layout';
import type { Resolvers } from '../generated/resolvers';

/** Field resolvers and federation entity references; rows come from this request's reads (read-entities.ts). */
export const types: Omit<Resolvers, 'Query' | 'Mutation' | 'DateTime'> = {
  Company: {
    __resolveReference: (ref, ctx) => ctx.services.entities.company(ref.id),
    refundPolicy: (company) => ({ tiers: company.refundTiers }),
  },
  Station: {
    __resolveReference: (ref, ctx) => ctx.services.entities.station(ref.id),
  },
  Bus: {
    company: (bus, _, ctx) => ctx.services.entities.companyOf(bus),
    seatLayout: (bus) => ({ decks: bus.seatLayout, seats: seatsOf(bus.seatLayout) }),
  },
  Driver: {
    company: (driver, _, ctx) => ctx.services.entities.companyOf(driver),
  },
  Route: {
    __resolveReference: (ref, ctx) => ctx.services.entities.route(ref.id),
    company: (route, _, ctx) => ctx.services.entities.companyOf(route),
    origin: (route, _, ctx) => ctx.services.entities.routeEnd(route.id, 'first'),
    destination: (route, _, ctx) => ctx.services.entities.routeEnd(route.id, 'last'),
    stops: (route, _, ctx) => ctx.services.entities.stops(route.id),
    durationMinutes: (route, _, ctx) => ctx.services.entities.durationMinutes(route.id),
    fares: (route, _, ctx) => ctx.services.entities.routeFares(route.id),
  },
  RouteStop: {
    order: (stop) => stop.position,
    station: (stop, _, ctx) => ctx.services.entities.stationOf(stop),
  },
  Trip: {
    fares: (trip, _, ctx) => ctx.services.entities.tripFares(trip),
    __resolveReference: (ref, ctx) => ctx.services.entities.trip(ref.id),
    company: (trip, _, ctx) => ctx.services.entities.companyOf(trip),
    route: (trip, _, ctx) => ctx.services.entities.routeOf(trip),
    bus: (trip, _, ctx) => ctx.services.entities.busOf(trip),
    // Drivers' personal data stays with their company (staff, drivers) and platform admins.
    driver: (trip, _, ctx) =>
      trip.driverId && canActForCompany(ctx.viewer, trip.companyId, 'COMPANY_ADMIN', 'DRIVER')
        ? ctx.services.entities.driver(trip.driverId)
        : null,
    price: (trip) => ({ amount: trip.priceAmount, currency: trip.priceCurrency }),
    cancellationReason: (trip) => trip.cancelReason,
  },
};
