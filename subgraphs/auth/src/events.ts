import { EventTypes, handle, Roles, z, type DomainEventHandler, type RevocationList } from '@busline/shared';
import { RefreshTokenRepository } from './repositories/refresh-token-repository';
import { UserRepository } from './repositories/user-repository';

/** The user subgraph's number of an admin decision (absent from events written before it numbered them). */
const decision = z.number().int().positive().optional();
const roleChanged = z.object({
  userId: z.string().uuid(),
  role: z.enum(Roles),
  companyId: z.string().uuid().nullish(),
  decision,
});
const userRef = z.object({ userId: z.string().uuid(), decision });

/**
 * Events the auth subgraph consumes: the user subgraph's admin decisions, applied to the
 * credentials so the next token (login or refresh) carries them, and the access tokens already
 * issued revoked on every subgraph.
 */
export function createHandlers(revocations: RevocationList): Record<string, DomainEventHandler> {
  /**
   * Every token issued until now is void. Revoked before the decision commits, so a revocation that
   * cannot be written (Redis away) fails the handler and the event is delivered again instead of
   * being lost; and once more after the commit, for a token refreshed in between (it still carried
   * the old state). Now rather than the decision's time: a token refreshed while the event was on its
   * way carries the old state too. A token minted in the same second is refused once as well (`iat`
   * counts seconds); its holder signs in again.
   */
  const revoke = async (userId: string, afterCommit: (fn: () => unknown) => void) => {
    await revocations.revoke(userId, new Date());
    afterCommit(() => revocations.revoke(userId, new Date()));
  };

  return {
    [EventTypes.UserRoleChanged]: handle(
      roleChanged,
      async ({ userId, role, companyId, decision }, { tx, logger, afterCommit }, event) => {
        const outcome = await new UserRepository(tx).applyDecision(
          userId,
          'role',
          { role, companyId: companyId ?? null },
          new Date(event.occurredAt),
          decision,
        );
        if (outcome !== 'applied') return logger.warn({ userId, outcome }, 'role change not applied');
        await revoke(userId, afterCommit);
      },
    ),
    [EventTypes.UserSuspended]: handle(userRef, async ({ userId, decision }, { tx, logger, afterCommit }, event) => {
      const users = new UserRepository(tx);
      const suspendedAt = new Date(event.occurredAt);
      const outcome = await users.applyDecision(userId, 'status', { status: 'SUSPENDED' }, suspendedAt, decision);
      if (outcome === 'missing') return logger.warn({ userId, outcome }, 'suspension not applied');
      const tokens = new RefreshTokenRepository(tx);
      if (outcome === 'applied') await tokens.revokeAllOfUser(userId);
      else {
        // A later decision was applied first (the two travel on separate streams, and a suspension whose revocation
        // could not be written is retried): the status stays the later one's, but the sign-ins the suspension ended,
        // delivered in order, end all the same. Those begun by the later decision's time (sign-ins after a
        // reinstatement are the owner's), rotations since included: their lock first, as a refresh takes it.
        const current = await users.findById(userId);
        const decidedAt = current?.statusDecidedAt ?? suspendedAt;
        const cutoff = decidedAt > suspendedAt ? decidedAt : suspendedAt;
        const families = (await tokens.familiesStartedBy(userId, cutoff)).sort();
        for (const familyId of families) await tokens.lockFamily(familyId);
        await tokens.revokeFamilies(families);
        logger.warn(
          { userId, outcome, ended: families.length },
          'suspension came after a later decision: sign-ins ended',
        );
      }
      // Every access token until now: a later sign-in's holder refreshes once.
      await revoke(userId, afterCommit);
    }),
    // Nothing to revoke: tokens issued from now on have a later iat than any revocation.
    [EventTypes.UserReinstated]: handle(userRef, async ({ userId, decision }, { tx, logger }, event) => {
      const outcome = await new UserRepository(tx).applyDecision(
        userId,
        'status',
        { status: 'ACTIVE' },
        new Date(event.occurredAt),
        decision,
      );
      if (outcome !== 'applied') logger.warn({ userId, outcome }, 'reinstatement not applied');
    }),
  };
}
