import { AppError, ErrorCode } from '@busline/shared';
import type { CompanyScope } from './scope';

export const STATION_SHARED = "This station is used by other companies' routes; only a platform admin can change it";
export const STATION_OF_ANOTHER_COMPANY =
  'This station was added by another company; only that company or a platform admin can change it';

/**
 * Stations are platform data every company's routes share, so renaming one renames it in
 * everybody's trips. A platform admin may change any station. A company admin may change one
 * only while it affects no other company: not added by another company, and no route of
 * another company stops there. `routeCompanyIds` are the companies whose routes stop at it,
 * read while the station row is locked so no such route can appear before the change commits.
 */
export function assertMayChangeStation(
  scope: CompanyScope,
  station: { createdByCompanyId: string | null },
  routeCompanyIds: readonly string[],
): void {
  if (scope === 'all') return;
  if (station.createdByCompanyId !== null && station.createdByCompanyId !== scope.companyId) {
    throw new AppError(ErrorCode.FORBIDDEN, STATION_OF_ANOTHER_COMPANY);
  }
  if (routeCompanyIds.some((companyId) => companyId !== scope.companyId)) {
    throw new AppError(ErrorCode.FORBIDDEN, STATION_SHARED);
  }
}
