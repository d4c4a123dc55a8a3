import { EventTypes, Roles, z, type DomainEventHandler } from '@busline/shared';
import { RefreshTokenRepository } from './repositories/refresh-token-repository';
import { UserRepository } from './repositories/user-repository';

const roleChanged = z.object({ userId: z.string().uuid(), role: z.enum(Roles), companyId: z.string().uuid().nullish() });
const userRef = z.object({ userId: z.string().uuid() });

/**
 * Events the auth subgraph consumes: the user subgraph's admin decisions, applied to the
 * credentials so the next token (login or refresh) carries them.
 */
export const handlers: Record<string, DomainEventHandler> = {
  [EventTypes.UserRoleChanged]: async (event, { tx, logger }) => {
    const { userId, role, companyId } = roleChanged.parse(event.payload);
    const outcome = await new UserRepository(tx).applyDecision(userId, 'role', { role, companyId: companyId ?? null }, new Date(event.occurredAt));
    if (outcome !== 'applied') logger.warn({ userId, outcome }, 'role change not applied');
  },
  [EventTypes.UserSuspended]: async (event, { tx, logger }) => {
    const { userId } = userRef.parse(event.payload);
    const outcome = await new UserRepository(tx).applyDecision(userId, 'status', { status: 'SUSPENDED' }, new Date(event.occurredAt));
    if (outcome !== 'applied') return logger.warn({ userId, outcome }, 'suspension not applied');
    // Refresh tokens die now; access tokens already issued live at most their 15 minutes.
    await new RefreshTokenRepository(tx).revokeAllOfUser(userId);
  },
  [EventTypes.UserReinstated]: async (event, { tx, logger }) => {
    const { userId } = userRef.parse(event.payload);
    const outcome = await new UserRepository(tx).applyDecision(userId, 'status', { status: 'ACTIVE' }, new Date(event.occurredAt));
    if (outcome !== 'applied') logger.warn({ userId, outcome }, 'reinstatement not applied');
  },
};
