import { AppError, ErrorCode, requireViewer, type Viewer } from '@busline/shared';

/**
 * Which companies' rows a repository call may see: one company, or all of them (platform
 * admin, public data, seeding). Every repository method over tenant data takes one.
 */
export type CompanyScope = 'all' | { companyId: string };

export const ALL: CompanyScope = 'all';
export const companyScope = (companyId: string): CompanyScope => ({ companyId });

/**
 * The widest scope a signed-in viewer may act in: everything for a PLATFORM_ADMIN, their own
 * company for a COMPANY_ADMIN. Anyone else cannot manage company data.
 */
export function manageScope(viewer: Viewer | null | undefined): CompanyScope {
  const v = requireViewer(viewer);
  if (v.role === 'PLATFORM_ADMIN') return ALL;
  if (v.role === 'COMPANY_ADMIN' && v.companyId) return companyScope(v.companyId);
  throw new AppError(ErrorCode.FORBIDDEN, 'Not allowed for your role');
}

export function inScope(scope: CompanyScope, companyId: string): boolean {
  return scope === 'all' || scope.companyId === companyId;
}

/**
 * The error for a row outside the caller's scope. Company staff get FORBIDDEN whether or not
 * the row exists, so ids of other companies cannot be probed; platform admins see NOT_FOUND.
 */
export function outOfScope(scope: CompanyScope, what: string): AppError {
  return scope === 'all'
    ? new AppError(ErrorCode.NOT_FOUND, `${what} not found`)
    : new AppError(ErrorCode.FORBIDDEN, `Not allowed for this ${what.toLowerCase()}`);
}
