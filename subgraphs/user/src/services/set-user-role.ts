// A platform admin giving a user a role; a staff role (COMPANY_ADMIN, DRIVER, COUNTER_AGENT) with its company.
import { badInput, EventTypes, isUuid, type Role, type TransactionRunner, type Viewer } from '@busline/shared';
import type { ProfileRow } from '../db/schema';
import { changeUser } from './change-user';

// Roles that belong to one company (companyId required, carried in their tokens).
const STAFF_ROLES: Role[] = ['COMPANY_ADMIN', 'DRIVER', 'COUNTER_AGENT'];

export class SetUserRoleService {
  constructor(private readonly runner: TransactionRunner) {}

  async setRole(admin: Viewer, userId: string, role: Role, companyId: string | null | undefined): Promise<ProfileRow> {
    const needsCompany = STAFF_ROLES.includes(role);
    if (needsCompany && !companyId) throw badInput(`A ${role} must belong to a company: give companyId`, 'companyId');
    if (!needsCompany && companyId) throw badInput(`A ${role} belongs to no company: leave companyId out`, 'companyId');
    if (companyId && !isUuid(companyId)) throw badInput('companyId is not a valid id', 'companyId');
    return changeUser(this.runner, admin, userId, async (current, profiles, { emit }, decision) => {
      // The stored id, not the argument: the same uuid written in capitals is the same user.
      if (current.userId === admin.userId && role !== 'PLATFORM_ADMIN')
        throw badInput('You cannot take away your own platform admin role', 'role');
      const target = { role, companyId: companyId ?? null };
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
}
