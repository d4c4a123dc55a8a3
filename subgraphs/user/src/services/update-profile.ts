// A user changing their own profile; notification keeps a copy of how to reach them.
import { AppError, ErrorCode, EventTypes, type TransactionRunner } from '@busline/shared';
import type { ProfileRow } from '../db/schema';
import { ProfileRepository } from '../repositories/profile-repository';
import { validateProfileInput, type ProfileInput } from './profile-validation';

export class UpdateProfileService {
  constructor(private readonly runner: TransactionRunner) {}

  async update(userId: string, input: ProfileInput): Promise<ProfileRow> {
    const changes = validateProfileInput(input);
    return this.runner.run(async ({ tx, emit }) => {
      const profiles = new ProfileRepository(tx);
      const current = await profiles.findForUpdate(userId);
      if (!current) throw new AppError(ErrorCode.NOT_FOUND, 'Profile not found (it may still be being created)');
      // Only what differs: the same values again write nothing and tell nobody (docs/events.md).
      const differs = (Object.keys(changes) as (keyof typeof changes)[]).some((key) => changes[key] !== current[key]);
      if (!differs) return current;
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
}
