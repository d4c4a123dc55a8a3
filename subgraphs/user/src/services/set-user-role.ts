// A platform admin giving a user a role; a staff role (COMPANY_ADMIN, DRIVER, COUNTER_AGENT) with its company.
import {
  AppError,
  badInput,
  ErrorCode,
  EventTypes,
  isUuid,
  type Db,
  type Role,
  type TransactionRunner,
  type Viewer,
} from '@busline/shared';
import type { ProfileRow } from '../db/schema';
import { DashboardProjectionRepository } from '../repositories/dashboard-projection-repository';
import { changeUser } from './change-user';

// Roles that belong to one company (companyId required, carried in their tokens).
const STAFF_ROLES: Role[] = ['COMPANY_ADMIN', 'DRIVER', 'COUNTER_AGENT'];

/** How long a company not heard of yet is awaited (created a moment ago: its company.created on the way). */
export const COMPANY_KNOWN_WAIT_MS = 5_000;

export class SetUserRoleService {
  constructor(
    private readonly runner: TransactionRunner,
    private readonly db: Db,
    private readonly companyWaitMs = COMPANY_KNOWN_WAIT_MS,
  ) {}

  async setRole(admin: Viewer, userId: string, role: Role, companyId: string | null | undefined): Promise<ProfileRow> {
    const needsCompany = STAFF_ROLES.includes(role);
    if (needsCompany && !companyId) throw badInput(`A ${role} must belong to a company: give companyId`, 'companyId');
    if (!needsCompany && companyId) throw badInput(`A ${role} belongs to no company: leave companyId out`, 'companyId');
    if (companyId && !isUuid(companyId)) throw badInput('companyId is not a valid id', 'companyId');
    // As stored: the same uuid written in capitals is the same company (and repeating a decision changes nothing).
    const company = companyId?.toLowerCase() ?? null;
    if (company) await this.knownCompany(company);
    return changeUser(this.runner, admin, userId, async (current, profiles, { emit }, decision) => {
      // The stored id, not the argument: the same uuid written in capitals is the same user.
      if (current.userId === admin.userId && role !== 'PLATFORM_ADMIN')
        throw badInput('You cannot take away your own platform admin role', 'role');
      const target = { role, companyId: company };
      if (current.role === target.role && current.companyId === target.companyId) return current;
      const updated = await profiles.update(current.userId, target);
      await emit(EventTypes.UserRoleChanged, {
        userId: current.userId,
        ...target,
        changedBy: admin.userId,
        decision,
      });
      return updated;
    });
  }

  /**
   * The company must exist (company.created reached this subgraph): a mistyped id would make staff of nothing and
   * end the user's sessions. One created a moment ago is awaited a little.
   */
  private async knownCompany(companyId: string): Promise<void> {
    const deadline = Date.now() + this.companyWaitMs;
    for (;;) {
      if (await new DashboardProjectionRepository(this.db).hasCompany(companyId)) return;
      if (Date.now() >= deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new AppError(ErrorCode.BAD_USER_INPUT, 'No company with this id', {
      field: 'companyId',
      reason: 'UNKNOWN_COMPANY',
    });
  }
}
