import { badInput, isUniqueViolation } from '@busline/shared';
import type { BusRow } from '../db/schema';
import { normalizeLayout, seatsOf, type DeckLayoutInput } from '../domain/seat-layout';
import { companyScope, outOfScope, type CompanyScope } from '../domain/scope';
import { repositories } from '../repositories';
import type { ServiceDeps } from './service-deps';
import { refreshUpcomingTrips } from './trip-snapshot';
import { requiredText } from './validation';

export interface BusInput {
  plateNumber?: string | null;
  model?: string | null;
  amenities?: string[] | null;
  seatLayout?: { decks: DeckLayoutInput[] } | null;
}

function checked(input: BusInput): Partial<BusRow> {
  const values: Partial<BusRow> = {};
  if (input.plateNumber != null) {
    const plate = input.plateNumber.trim().toUpperCase().replace(/\s+/g, ' ');
    if (!/^[A-Z0-9][A-Z0-9 -]{2,14}$/.test(plate))
      throw badInput('plateNumber must be 3–15 letters and digits, e.g. RAD 123 A', 'plateNumber');
    values.plateNumber = plate;
  }
  if (input.model != null) values.model = requiredText(input.model, 'model', 100);
  if (input.amenities != null)
    values.amenities = [...new Set(input.amenities.map((a) => requiredText(a, 'amenities', 40)))];
  if (input.seatLayout != null) {
    values.seatLayout = normalizeLayout(input.seatLayout.decks);
    values.seatCount = seatsOf(values.seatLayout).length;
  }
  return values;
}

/** A company's fleet. Callers pass the scope they may act in; the company must be inside it. */
export class BusService {
  constructor(private readonly deps: ServiceDeps) {}

  async create(scope: CompanyScope, companyId: string, input: BusInput): Promise<BusRow> {
    const values = checked(input);
    if (!values.plateNumber) throw badInput('plateNumber is required', 'plateNumber');
    if (!values.model) throw badInput('model is required', 'model');
    if (!values.seatLayout) throw badInput('seatLayout is required', 'seatLayout');
    return this.guardPlate(() =>
      this.deps.runner.run(async ({ tx }) => {
        const repos = repositories(tx);
        const [company] = await repos.companies.findByIds([companyId]);
        if (!company) throw badInput('No such company', 'companyId');
        if (await repos.buses.findByPlate(values.plateNumber!))
          throw badInput('Another bus already has this plate number', 'plateNumber');
        return repos.buses.insert({ ...(values as Required<typeof values>), companyId });
      }),
    );
  }

  async update(scope: CompanyScope, id: string, input: BusInput): Promise<BusRow> {
    const values = checked(input);
    return this.guardPlate(() =>
      this.deps.runner.run(async (uow) => {
        const repos = repositories(uow.tx);
        const bus = await repos.buses.lock(scope, id);
        if (!bus) throw outOfScope(scope, 'Bus');
        if (Object.keys(values).length === 0) return bus;
        const updated = (await repos.buses.update(companyScope(bus.companyId), id, values))!;
        if (values.seatLayout) await refreshUpcomingTrips(uow, repos, { busId: id }, this.deps.now());
        return updated;
      }),
    );
  }

  private async guardPlate<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (isUniqueViolation(error)) throw badInput('Another bus already has this plate number', 'plateNumber');
      throw error;
    }
  }
}
