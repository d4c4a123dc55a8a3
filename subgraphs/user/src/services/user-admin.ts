import {
  AppError,
  badInput,
  ErrorCode,
  EventTypes,
  isUuid,
  pageRequest,
  toConnection,
  type Db,
  type Role,
  type TransactionRunner,
  type UnitOfWork,
  type Viewer,
} from '@busline/shared';
import type { ProfileRow } from '../db/schema';
import { ProfileRepository, type UserFilter } from '../repositories/profile-repository';
import { validateProfileInput, type ProfileInput } from './profile-validation';

// Roles that belong to one company (companyId required, carried in their tokens).
const STAFF_ROLES: Role[] = ['COMPANY_ADMIN', 'DRIVER', 'COUNTER_AGENT'];

/** Profiles and the platform admins' decisions about users (roles, suspension). */
export class UserService {
  constructor(
    private readonly db: Db,
    private readonly runner: TransactionRunner,
  ) {}

  async updateProfile(userId: string, input: ProfileInput): Promise<ProfileRow> {
    const changes = validateProfileInput(input);
    return this.runner.run(async ({ tx, emit }) => {
      const profiles = new ProfileRepository(tx);
      const current = await profiles.findForUpdate(userId);
      if (!current) throw new AppError(ErrorCode.NOT_FOUND, 'Profile not found (it may still be being created)');
      if (Object.keys(changes).length === 0) return current;
      const updated = await profiles.update(userId, changes);
      // How to reach the user and in which language (notification keeps a copy).
      await emit(EventTypes.UserProfileUpdated, {
        userId,
        fullName: updated.fullName,
        phone: updated.phone,
        language: updated.language,
        email: updated.email,
      });
      return updated;
    });
  }

  async list(args: UserFilter & { first?: number | null; after?: string | null }) {
    const page = pageRequest(args, { defaultSize: 20, maxSize: 100, cursor: ['time', 'uuid'] });
    if (args.search && args.search.length > 200) throw badInput('Search must be at most 200 characters', 'search');
    const rows = await new ProfileRepository(this.db).list(args, page);
    return toConnection(rows, page, (row) => [row.registeredAt.toISOString(), row.userId]);
  }

  /** Runs an admin change on one user's row (locked); NOT_FOUND for users this subgraph has not heard of. */
  private change(
    userId: string,
    fn: (current: ProfileRow, profiles: ProfileRepository, uow: UnitOfWork) => Promise<ProfileRow>,
  ) {
    if (!isUuid(userId)) throw new AppError(ErrorCode.NOT_FOUND, 'User not found');
    return this.runner.run(async (uow) => {
      const profiles = new ProfileRepository(uow.tx);
      const current = await profiles.findForUpdate(userId);
      if (!current) throw new AppError(ErrorCode.NOT_FOUND, 'User not found');
      return fn(current, profiles, uow);
    });
  }

  async setRole(admin: Viewer, userId: string, role: Role, companyId: string | null | undefined): Promise<ProfileRow> {
    const needsCompany = STAFF_ROLES.includes(role);
    if (needsCompany && !companyId) throw badInput(`A ${role} must belong to a company: give companyId`, 'companyId');
    if (!needsCompany && companyId) throw badInput(`A ${role} belongs to no company: leave companyId out`, 'companyId');
    if (companyId && !isUuid(companyId)) throw badInput('companyId is not a valid id', 'companyId');
    return this.change(userId, async (current, profiles, { emit }) => {
      // The stored id, not the argument: the same uuid written in capitals is the same user.
      if (current.userId === admin.userId && role !== 'PLATFORM_ADMIN')
        throw badInput('You cannot take away your own platform admin role', 'role');
      const target = { role, companyId: companyId ?? null };
      if (current.role === target.role && current.companyId === target.companyId) return current;
      const updated = await profiles.update(current.userId, target);
      await emit(EventTypes.UserRoleChanged, { userId: current.userId, ...target, changedBy: admin.userId });
      return updated;
    });
  }

  async suspend(admin: Viewer, userId: string, rawReason: string): Promise<ProfileRow> {
    const reason = rawReason.trim();
    if (reason.length === 0 || reason.length > 500) throw badInput('Give a reason of 1 to 500 characters', 'reason');
    return this.change(userId, async (current, profiles, { emit }) => {
      if (current.userId === admin.userId) throw badInput('You cannot suspend yourself', 'userId');
      if (current.suspendedAt) return current;
      const updated = await profiles.update(current.userId, { suspendedAt: new Date(), suspensionReason: reason });
      await emit(EventTypes.UserSuspended, { userId: current.userId, reason, suspendedBy: admin.userId });
      return updated;
    });
  }

  async reinstate(admin: Viewer, userId: string): Promise<ProfileRow> {
    return this.change(userId, async (current, profiles, { emit }) => {
      if (!current.suspendedAt) return current;
      const updated = await profiles.update(current.userId, { suspendedAt: null, suspensionReason: null });
      await emit(EventTypes.UserReinstated, { userId: current.userId, reinstatedBy: admin.userId });
      return updated;
    });
  }
}
