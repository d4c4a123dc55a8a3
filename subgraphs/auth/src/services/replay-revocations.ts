import { DEFAULT_REVOCATION_TTL_MS, type Db, type Logger, type RevocationList, type Worker } from '@busline/shared';
import { RefreshTokenRepository } from '../repositories/refresh-token-repository';
import { UserRepository } from '../repositories/user-repository';

/**
 * At start, the revocations of the last DEFAULT_REVOCATION_TTL_MS made again from auth's own records: sign-ins ended
 * (logouts, reuse, suspensions) and accounts decided on (suspended, role changed). Revocations live in memory (`npm
 * start`) or in Redis: a restart of the one, or a Redis that came back empty, forgot them, and a logged-out or
 * suspended user's access token worked again until it expired. An account decided on lately has every token issued
 * until now voided (its holder refreshes once), as a sign-in ended has its own.
 */
export async function replayRevocations(db: Db, revocations: RevocationList, logger: Logger): Promise<number> {
  const since = new Date(Date.now() - DEFAULT_REVOCATION_TTL_MS);
  const now = new Date();
  const decided = await new UserRepository(db).decidedSince(since);
  const ended = await new RefreshTokenRepository(db).endedSince(since);
  for (const { id } of decided) await revocations.revoke(id, now);
  for (const { userId, familyId, at } of ended) if (at) await revocations.revoke(userId, at, familyId);
  const replayed = decided.length + ended.length;
  if (replayed > 0) logger.info({ accounts: decided.length, signIns: ended.length }, 'recent revocations made again');
  return replayed;
}

/** replayRevocations once as the service starts; a failure is logged (Redis away: its reconnection reloads). */
export function revocationReplay(db: Db, revocations: RevocationList, logger: Logger): Worker {
  let running: Promise<unknown> | undefined;
  return {
    name: 'revocation-replay',
    start() {
      running = replayRevocations(db, revocations, logger).catch((error: unknown) =>
        logger.warn({ err: error }, 'recent revocations could not be made again'),
      );
    },
    async stop() {
      await running;
    },
  };
}
