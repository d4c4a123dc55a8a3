import { AppError, ErrorCode } from '@busline/shared';
import type { CompanyScope } from '../domain/scope';
import type { Repositories } from '../repositories';
import type { QuotaKind } from '../repositories/quota-repository';
import type { ServiceDeps } from './service-deps';

/** Most buses, routes and drivers a company's admins may each add, and stations they may create, by default. */
export const DEFAULT_QUOTAS = { perKind: 2000, stations: 200 };

const PLURAL: Record<QuotaKind, string> = { bus: 'buses', route: 'routes', driver: 'drivers', station: 'stations' };

/**
 * Refuses a company admin's new bus, route, driver or station once the company has its quota of them
 * (COMPANY_QUOTA, COMPANY_STATION_QUOTA): every row is kept and listed, and stations are shared with every company,
 * so one tenant creating them in a loop would grow everyone's tables and station lists without end. Two creations
 * at once are counted one after the other. Platform admins are not limited.
 */
export async function assertQuota(
  repos: Repositories,
  deps: Pick<ServiceDeps, 'quotas'>,
  scope: CompanyScope,
  companyId: string,
  kind: QuotaKind,
): Promise<void> {
  if (scope === 'all') return;
  const max = kind === 'station' ? deps.quotas.stations : deps.quotas.perKind;
  if ((await repos.quotas.lockAndCount(kind, companyId)) >= max)
    throw new AppError(
      ErrorCode.BAD_USER_INPUT,
      `The company has ${max} ${PLURAL[kind]}, the most it may have; ask the platform's admins for more`,
      { reason: 'QUOTA_REACHED', max },
    );
}
