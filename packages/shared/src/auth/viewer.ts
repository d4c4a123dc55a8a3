import { AppError, ErrorCode } from '../errors';

export const Roles = ['PASSENGER', 'DRIVER', 'COUNTER_AGENT', 'COMPANY_ADMIN', 'PLATFORM_ADMIN'] as const;
export type Role = (typeof Roles)[number];

/** Who is calling, as proven by a verified access token. */
export interface Viewer {
  userId: string;
  role: Role;
  /** Company a COMPANY_ADMIN, DRIVER or COUNTER_AGENT belongs to. */
  companyId: string | null;
}

export function requireViewer(viewer: Viewer | null | undefined): Viewer {
  if (!viewer) throw new AppError(ErrorCode.UNAUTHENTICATED, 'Authentication required');
  return viewer;
}

/** The caller must be signed in with one of `roles`. */
export function requireRole(viewer: Viewer | null | undefined, ...roles: Role[]): Viewer {
  const v = requireViewer(viewer);
  if (!roles.includes(v.role)) throw new AppError(ErrorCode.FORBIDDEN, 'Not allowed for your role');
  return v;
}

/** May this viewer act for `companyId`? PLATFORM_ADMIN always; staff only for their own company. */
export function canActForCompany(viewer: Viewer | null | undefined, companyId: string, ...staffRoles: Role[]): boolean {
  if (!viewer) return false;
  if (viewer.role === 'PLATFORM_ADMIN') return true;
  const roles = staffRoles.length > 0 ? staffRoles : (['COMPANY_ADMIN'] as Role[]);
  return roles.includes(viewer.role) && viewer.companyId === companyId;
}

/**
 * The caller must be a PLATFORM_ADMIN, or staff (COMPANY_ADMIN unless other roles are given)
 * of `companyId`. The message never tells whether the company exists.
 */
export function requireCompanyAccess(
  viewer: Viewer | null | undefined,
  companyId: string,
  ...staffRoles: Role[]
): Viewer {
  const v = requireViewer(viewer);
  if (!canActForCompany(v, companyId, ...staffRoles)) {
    throw new AppError(ErrorCode.FORBIDDEN, 'Not allowed for this company');
  }
  return v;
}
