import { canActForCompany } from '@busline/shared';
import type { BusRow, CompanyRow, DriverRow, RouteRow, RouteStopRow, StationRow, TripRow } from '../db/schema';
import { seatsOf } from '../domain/seat-layout';
import type { CompanyContext } from '../context';

async function routeEnd(route: RouteRow, ctx: CompanyContext, end: 'first' | 'last'): Promise<StationRow> {
  const stops = await ctx.stopsByRouteId.load(route.id);
  const stop = end === 'first' ? stops[0] : stops[stops.length - 1];
  return (await ctx.stationById.load(stop!.stationId))!;
}

/** Field resolvers and federation entity references. */
export const types = {
  Company: {
    __resolveReference: (ref: { id: string }, ctx: CompanyContext) => ctx.companyById.load(ref.id),
    refundPolicy: (company: CompanyRow) => ({ tiers: company.refundTiers }),
  },
  Station: {
    __resolveReference: (ref: { id: string }, ctx: CompanyContext) => ctx.stationById.load(ref.id),
  },
  Bus: {
    company: (bus: BusRow, _: unknown, ctx: CompanyContext) => ctx.companyById.load(bus.companyId),
    seatLayout: (bus: BusRow) => ({ decks: bus.seatLayout, seats: seatsOf(bus.seatLayout) }),
  },
  Driver: {
    company: (driver: DriverRow, _: unknown, ctx: CompanyContext) => ctx.companyById.load(driver.companyId),
  },
  Route: {
    __resolveReference: (ref: { id: string }, ctx: CompanyContext) => ctx.routeById.load(ref.id),
    company: (route: RouteRow, _: unknown, ctx: CompanyContext) => ctx.companyById.load(route.companyId),
    origin: (route: RouteRow, _: unknown, ctx: CompanyContext) => routeEnd(route, ctx, 'first'),
    destination: (route: RouteRow, _: unknown, ctx: CompanyContext) => routeEnd(route, ctx, 'last'),
    stops: (route: RouteRow, _: unknown, ctx: CompanyContext) => ctx.stopsByRouteId.load(route.id),
    durationMinutes: async (route: RouteRow, _: unknown, ctx: CompanyContext) => {
      const stops = await ctx.stopsByRouteId.load(route.id);
      return stops[stops.length - 1]?.minutesFromDeparture ?? 0;
    },
  },
  RouteStop: {
    order: (stop: RouteStopRow) => stop.position,
    station: (stop: RouteStopRow, _: unknown, ctx: CompanyContext) => ctx.stationById.load(stop.stationId),
  },
  Trip: {
    __resolveReference: (ref: { id: string }, ctx: CompanyContext) => ctx.tripById.load(ref.id),
    company: (trip: TripRow, _: unknown, ctx: CompanyContext) => ctx.companyById.load(trip.companyId),
    route: (trip: TripRow, _: unknown, ctx: CompanyContext) => ctx.routeById.load(trip.routeId),
    bus: (trip: TripRow, _: unknown, ctx: CompanyContext) => ctx.busById.load(trip.busId),
    // Drivers' personal data stays with their company (staff, drivers) and platform admins.
    driver: (trip: TripRow, _: unknown, ctx: CompanyContext) =>
      trip.driverId && canActForCompany(ctx.viewer, trip.companyId, 'COMPANY_ADMIN', 'DRIVER') ? ctx.driverById.load(trip.driverId) : null,
    price: (trip: TripRow) => ({ amount: trip.priceAmount, currency: trip.priceCurrency }),
    cancellationReason: (trip: TripRow) => trip.cancelReason,
  },
};
