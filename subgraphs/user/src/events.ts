import { EventTypes, handle, Roles, withoutTrunkZero, z, type DomainEventHandler } from '@busline/shared';
import { ProfileRepository } from './repositories/profile-repository';
import { dashboardHandlers } from './services/project-dashboards';

const userRegistered = z.object({
  userId: z.string().uuid(),
  email: z.string(),
  fullName: z.string(),
  phone: z.string().nullish(),
  role: z.enum(Roles).default('PASSENGER'),
  companyId: z.string().uuid().nullish(),
  registeredAt: z.string().datetime({ offset: true }).optional(),
  language: z.string().optional(),
});

/** Events the user subgraph consumes. */
export const handlers: Record<string, DomainEventHandler> = {
  ...dashboardHandlers,
  [EventTypes.UserRegistered]: handle(userRegistered, async (payload, { tx, logger }, event) => {
    const created = await new ProfileRepository(tx).createIfMissing({
      userId: payload.userId,
      fullName: payload.fullName,
      // As auth writes it now; an event an older auth sent may keep the trunk 0.
      phone: payload.phone ? withoutTrunkZero(payload.phone) : null,
      language: payload.language ?? 'en',
      email: payload.email.toLowerCase(),
      role: payload.role,
      companyId: payload.companyId ?? null,
      registeredAt: new Date(payload.registeredAt ?? event.occurredAt),
    });
    logger.info({ userId: payload.userId, created }, 'profile for registered user');
  }),
};
