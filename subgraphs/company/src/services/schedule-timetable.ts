import { badInput, EventTypes } from '@busline/shared';
import type { TripRow } from '../db/schema';
import { inCompanyCurrency } from '../domain/currency';
import type { CompanyScope } from '../domain/scope';
import { addDays, assertTimeZone, isCalendarDate, TIME_PATTERN, zonedToUtc } from '../domain/zoned-time';
import { repositories } from '../repositories';
import type { ServiceDeps } from './service-deps';
import { companyOf, routeWithDuration } from './trip-lookups';
import { assertPlacement, assertTimes } from './trip-placement';
import { countSnapshots, emitSnapshots } from './trip-snapshot';
import { price, type MoneyInput } from './validation';

export interface TimetableInput {
  routeId: string;
  busId: string;
  driverId?: string | null;
  /** Local wall-clock time, "07:00". */
  departureTime: string;
  /** Zone of departureTime and startDate; the company's when absent. */
  timeZone?: string | null;
  /** First day, YYYY-MM-DD in `timeZone`. */
  startDate: string;
  /** How many consecutive calendar days the timetable spans. */
  days: number;
  /** Only these days of the week; every day when absent. */
  weekdays?: Weekday[] | null;
  price: MoneyInput;
}

export const WEEKDAYS = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const MAX_DAYS = 92;

/** Recurring departures: one trip per day, all scheduled in one transaction or none at all. */
export class ScheduleTimetableService {
  constructor(private readonly deps: ServiceDeps) {}

  async schedule(scope: CompanyScope, input: TimetableInput): Promise<TripRow[]> {
    if (input.timeZone != null) assertTimeZone(input.timeZone);
    if (!TIME_PATTERN.test(input.departureTime))
      throw badInput('departureTime must be HH:MM, e.g. 07:00', 'departureTime');
    if (!isCalendarDate(input.startDate)) throw badInput('startDate must be a date, e.g. 2026-12-01', 'startDate');
    if (!Number.isInteger(input.days) || input.days < 1 || input.days > MAX_DAYS) {
      throw badInput(`days must be between 1 and ${MAX_DAYS}`, 'days');
    }
    const money = price(input.price);
    return this.deps.runner.run(async (uow) => {
      const repos = repositories(uow.tx);
      const { route, durationMinutes } = await routeWithDuration(repos, scope, input.routeId, { locked: true });
      const company = await companyOf(repos, route.companyId);
      const timeZone = input.timeZone ?? company.timeZone;
      const currency = inCompanyCurrency(money.currency, company.currency);
      const created: TripRow[] = [];
      for (let day = 0; day < input.days; day++) {
        const date = addDays(input.startDate, day);
        if (input.weekdays && !input.weekdays.includes(WEEKDAYS[new Date(`${date}T12:00:00Z`).getUTCDay()]!)) continue;
        const departureAt = zonedToUtc(date, input.departureTime, timeZone);
        const arrivalAt = new Date(departureAt.getTime() + durationMinutes * 60_000);
        try {
          assertTimes(departureAt, arrivalAt, this.deps.now(), durationMinutes);
          // Trips inserted earlier in this transaction count too: a timetable never overlaps itself.
          await assertPlacement(repos, {
            companyId: route.companyId,
            busId: input.busId,
            driverId: input.driverId ?? null,
            departureAt,
            arrivalAt,
          });
        } catch (error) {
          if (error instanceof Error && 'code' in error) error.message = `${date}: ${error.message}`;
          throw error;
        }
        created.push(
          await repos.trips.insert({
            companyId: route.companyId,
            routeId: route.id,
            busId: input.busId,
            driverId: input.driverId ?? null,
            departureAt,
            arrivalAt,
            priceAmount: money.amount,
            priceCurrency: currency,
          }),
        );
      }
      if (created.length === 0) throw badInput('No day in the range falls on the chosen weekdays', 'weekdays');
      await countSnapshots(repos, this.deps, scope, created.length);
      await emitSnapshots(uow, repos, EventTypes.TripScheduled, created);
      return created;
    });
  }
}
