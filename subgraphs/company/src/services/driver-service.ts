import { badInput, isUniqueViolation, isUuid } from '@busline/shared';
import type { DriverRow } from '../db/schema';
import { companyScope, outOfScope, type CompanyScope } from '../domain/scope';
import { repositories } from '../repositories';
import type { ServiceDeps } from './service-deps';
import { phone, requiredText } from './validation';

export interface DriverInput {
  name?: string | null;
  phone?: string | null;
  licenceNumber?: string | null;
  userId?: string | null;
}

function checked(input: DriverInput): Partial<DriverRow> {
  const values: Partial<DriverRow> = {};
  if (input.name != null) values.name = requiredText(input.name, 'name', 100);
  if (input.phone != null) values.phone = phone(input.phone, 'phone') ?? requiredText(null, 'phone');
  if (input.licenceNumber != null)
    values.licenceNumber = requiredText(input.licenceNumber, 'licenceNumber', 40).toUpperCase();
  if (input.userId !== undefined) {
    if (input.userId !== null && !isUuid(input.userId)) throw badInput('userId must be a user id', 'userId');
    values.userId = input.userId;
  }
  return values;
}

/** A company's drivers, optionally linked to their Busline user account. */
export class DriverService {
  constructor(private readonly deps: ServiceDeps) {}

  async create(scope: CompanyScope, companyId: string, input: DriverInput): Promise<DriverRow> {
    const values = checked(input);
    for (const field of ['name', 'phone', 'licenceNumber'] as const) {
      if (!values[field]) throw badInput(`${field} is required`, field);
    }
    return this.guardLicence(() =>
      this.deps.runner.run(async ({ tx }) => {
        const repos = repositories(tx);
        const [company] = await repos.companies.findByIds([companyId]);
        if (!company) throw badInput('No such company', 'companyId');
        if (await repos.drivers.findByLicence(scope, companyId, values.licenceNumber!)) {
          throw badInput('This company already has a driver with this licence number', 'licenceNumber');
        }
        return repos.drivers.insert({ ...(values as Required<typeof values>), companyId });
      }),
    );
  }

  async update(scope: CompanyScope, id: string, input: DriverInput): Promise<DriverRow> {
    const values = checked(input);
    return this.guardLicence(() =>
      this.deps.runner.run(async ({ tx }) => {
        const repos = repositories(tx);
        const driver = await repos.drivers.findById(scope, id);
        if (!driver) throw outOfScope(scope, 'Driver');
        if (Object.keys(values).length === 0) return driver;
        return (await repos.drivers.update(companyScope(driver.companyId), id, values))!;
      }),
    );
  }

  private async guardLicence<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (isUniqueViolation(error))
        throw badInput('This company already has a driver with this licence number', 'licenceNumber');
      throw error;
    }
  }
}
