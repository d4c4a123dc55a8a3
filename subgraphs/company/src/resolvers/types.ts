import { canActForCompany } from '@busline/shared';
import type { RouteRow, StationRow } from '../db/schema';
import { pairFares } from '../domain/fares';
import { seatsOf } from '../domain/seat-layout';
import type { CompanyContext } from '../context';
import type { Resolvers } from '../generated/resolvers';

/** A row its foreign key guarantees; should it be missing, the non-null field still fails as before. */
async function related<T>(row: Promise<T | null>): Promise<T> {
  return (await row)!;
}

async function routeEnd(route: RouteRow, ctx: CompanyContext, end: 'first' | 'last'): Promise<StationRow> {
  const stops = await ctx.stopsByRouteId.load(route.id);
  const stop = end === 'first' ? stops[0] : stops[stops.length - 1];
  return related(ctx.stationById.load(stop!.stationId));
}

/** Field resolvers and federation entity references. */
export const types: Omit<Resolvers, 'Query' | 'Mutation' | 'DateTime'> = {
  Company: {
    __resolveReference: (ref, ctx) => ctx.companyById.load(ref.id),
    refundPolicy: (company) => ({ tiers: company.refundTiers }),
  },
  Station: {
    __resolveReference: (ref, ctx) => ctx.stationById.load(ref.id),
  },
  Bus: {
    company: (bus, _, ctx) => related(ctx.companyById.load(bus.companyId)),
    seatLayout: (bus) => ({ decks: bus.seatLayout, seats: seatsOf(bus.seatLayout) }),
  },
  Driver: {
    company: (driver, _, ctx) => related(ctx.companyById.load(driver.companyId)),
  },
  Route: {
    __resolveReference: (ref, ctx) => ctx.routeById.load(ref.id),
    company: (route, _, ctx) => related(ctx.companyById.load(route.companyId)),
    origin: (route, _, ctx) => routeEnd(route, ctx, 'first'),
    destination: (route, _, ctx) => routeEnd(route, ctx, 'last'),
    stops: (route, _, ctx) => ctx.stopsByRouteId.load(route.id),
    durationMinutes: async (route, _, ctx) => {
      const stops = await ctx.stopsByRouteId.load(route.id);
      return stops[stops.length - 1]?.minutesFromDeparture ?? 0;
    },
    fares: async (route, _, ctx) =>
      (await ctx.faresByRouteId.load(route.id)).map((f) => ({
        boardingStop: f.boardingPosition,
        alightingStop: f.alightingPosition,
        price: { amount: f.amount, currency: f.currency },
      })),
  },
  RouteStop: {
    order: (stop) => stop.position,
    station: (stop, _, ctx) => related(ctx.stationById.load(stop.stationId)),
  },
  Trip: {
    fares: async (trip, _, ctx) => {
      const [stops, set] = await Promise.all([
        ctx.stopsByRouteId.load(trip.routeId),
        ctx.faresByRouteId.load(trip.routeId),
      ]);
      return pairFares(stops, { amount: trip.priceAmount, currency: trip.priceCurrency }, set).map((f) => ({
        boardingStop: f.boardingStop,
        alightingStop: f.alightingStop,
        price: { amount: f.amount, currency: f.currency },
        derived: f.derived,
      }));
    },
    __resolveReference: (ref, ctx) => ctx.tripById.load(ref.id),
    company: (trip, _, ctx) => related(ctx.companyById.load(trip.companyId)),
    route: (trip, _, ctx) => related(ctx.routeById.load(trip.routeId)),
    bus: (trip, _, ctx) => related(ctx.busById.load(trip.busId)),
    // Drivers' personal data stays with their company (staff, drivers) and platform admins.
    driver: (trip, _, ctx) =>
      trip.driverId && canActForCompany(ctx.viewer, trip.companyId, 'COMPANY_ADMIN', 'DRIVER')
        ? ctx.driverById.load(trip.driverId)
        : null,
    price: (trip) => ({ amount: trip.priceAmount, currency: trip.priceCurrency }),
    cancellationReason: (trip) => trip.cancelReason,
  },
};
