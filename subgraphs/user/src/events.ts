import { EventTypes, z, type DomainEventHandler } from '@busline/shared';
import { ProfileRepository } from './repositories/profile-repository';

const userRegistered = z.object({
  userId: z.string().uuid(),
  fullName: z.string(),
  phone: z.string().nullish(),
  language: z.string().optional(),
});

/** Events the user subgraph consumes. */
export const handlers: Record<string, DomainEventHandler> = {
  [EventTypes.UserRegistered]: async (event, { tx, logger }) => {
    const payload = userRegistered.parse(event.payload);
    const created = await new ProfileRepository(tx).createIfMissing({
      userId: payload.userId,
      fullName: payload.fullName,
      phone: payload.phone ?? null,
      language: payload.language ?? 'en',
    });
    logger.info({ userId: payload.userId, created }, 'profile for registered user');
  },
};
