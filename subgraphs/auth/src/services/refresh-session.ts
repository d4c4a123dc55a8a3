// refreshToken: a refresh token is used once and exchanged for a new session of the same sign-in.
import {
  AppError,
  DEFAULT_REVOCATION_TTL_MS,
  ErrorCode,
  idempotencyKeyOf,
  type Logger,
  type RevocationList,
  type TransactionRunner,
} from '@busline/shared';
import type { RefreshTokenRow } from '../db/schema';
import { RefreshTokenRepository } from '../repositories/refresh-token-repository';
import { UserRepository } from '../repositories/user-repository';
import {
  hashToken,
  REFRESH_TOKEN_FORMAT,
  SUSPENDED_MESSAGE,
  type AuthPayload,
  type SessionIssuer,
} from './issue-session';
import { endSessionTokens } from './log-out';

type RotationOutcome =
  | { kind: 'ok'; payload: AuthPayload }
  | { kind: 'reused'; userId: string; sessionId: string }
  | { kind: 'revoked'; userId?: string; sessionId?: string }
  | { kind: 'invalid' | 'expired' | 'suspended' };

const REFUSALS: Record<Exclude<RotationOutcome['kind'], 'ok'>, [ErrorCode, string]> = {
  invalid: [ErrorCode.UNAUTHENTICATED, 'Invalid refresh token'],
  reused: [
    ErrorCode.UNAUTHENTICATED,
    'Refresh token already used; every session of this sign-in was revoked. Sign in again',
  ],
  revoked: [ErrorCode.UNAUTHENTICATED, 'Refresh token revoked; sign in again'],
  expired: [ErrorCode.UNAUTHENTICATED, 'Refresh token expired; sign in again'],
  suspended: [ErrorCode.FORBIDDEN, SUSPENDED_MESSAGE],
};
const refusal = (kind: keyof typeof REFUSALS) => new AppError(...REFUSALS[kind]);

/**
 * Rotates refresh tokens; a token presented twice revokes its whole family (it was copied), and the access
 * tokens of that sign-in with it: whoever copied it holds one too. But for one case: the exchange repeated by the
 * client that made it, whose answer was lost (a dropped connection, a timeout), is answered again with the same
 * successor (and a new access token), not taken for a copy: without it a lost answer signed the user out. The client
 * proves it is the same by the `idempotencyKey` it sent with the exchange (the web app makes one per token, kept in
 * memory only, not where the token is stored), within `repeatGraceSeconds` of it and before the successor was used.
 */
export class RefreshSessionService {
  constructor(
    private readonly runner: TransactionRunner,
    private readonly sessions: SessionIssuer,
    private readonly revocations: RevocationList,
    private readonly logger: Logger,
    /** How long after an exchange its repeat with the same key is answered again (0: never). */
    private readonly repeatGraceSeconds: number,
  ) {}

  /**
   * The successor of `token` (whose row `row` is used) to answer again, when this is the repeat described above: with
   * the key of the exchange (a copy presented without it is still a reuse), within the grace, its successor unused.
   * Undefined otherwise.
   */
  private async repeatedSuccessor(
    tokens: RefreshTokenRepository,
    row: RefreshTokenRow,
    token: string,
    keyHash: string | null,
  ): Promise<string | undefined> {
    if (this.repeatGraceSeconds <= 0 || keyHash === null || row.usedBy !== keyHash) return undefined;
    const successors = await this.sessions.successorsOf(token);
    const found = await tokens.unusedSuccessor(row, successors.map(hashToken), this.repeatGraceSeconds);
    return found === undefined ? undefined : successors.find((successor) => hashToken(successor) === found);
  }

  /** `idempotencyKey`: the client's key for this exchange, the same in its retries (null: none). */
  async refresh(token: string, idempotencyKey: string | null = null): Promise<AuthPayload> {
    if (!REFRESH_TOKEN_FORMAT.test(token)) throw refusal('invalid');
    const key = idempotencyKeyOf(idempotencyKey);
    // Kept as a hash: what proves a repeat is not left readable beside the token's own hash.
    const keyHash = key === null ? null : hashToken(key);
    // Refusals are returned, not thrown, so the family revocation they cause commits.
    const outcome = await this.runner.run(async ({ tx }): Promise<RotationOutcome> => {
      const tokens = new RefreshTokenRepository(tx);
      const found = await tokens.findByHash(hashToken(token));
      if (!found) return { kind: 'invalid' };
      // The account first (as a suspension updates it before it revokes the tokens): a suspension or role change
      // waits for this rotation, then revokes what it signed and the refresh token it made.
      const user = await new UserRepository(tx).findByIdForShare(found.userId);
      if (!user) return { kind: 'invalid' };
      // The sign-in's lock (see lockFamily), then the row as it stands once no one else is at the family.
      await tokens.lockFamily(found.familyId);
      const row = await tokens.findByHashForUpdate(hashToken(token));
      if (!row) return { kind: 'invalid' };
      // Suspension revoked the tokens already; say why rather than a generic "revoked".
      if (user.status === 'SUSPENDED') return { kind: 'suspended' };
      // Revoked lately: its sign-in's access tokens are ended again (idempotent), should the first time have failed
      // (Redis refusing a write as reuse was detected, say) and left a copier's access token working.
      if (row.revokedAt)
        return row.revokedAt.getTime() > Date.now() - DEFAULT_REVOCATION_TTL_MS
          ? { kind: 'revoked', userId: user.id, sessionId: row.familyId }
          : { kind: 'revoked' };
      if (row.usedAt) {
        const successor = await this.repeatedSuccessor(tokens, row, token, keyHash);
        if (successor !== undefined) {
          this.logger.info(
            { userId: user.id, sessionId: row.familyId },
            'refresh repeated: its successor answered again',
          );
          return {
            kind: 'ok',
            payload: await this.sessions.payload(user, { refreshToken: successor, sessionId: row.familyId }),
          };
        }
        await tokens.revokeFamily(row.familyId);
        return { kind: 'reused', userId: user.id, sessionId: row.familyId };
      }
      if (row.expiresAt.getTime() <= Date.now()) return { kind: 'expired' };
      await tokens.markUsed(row.id, keyHash);
      const [successor] = await this.sessions.successorsOf(token);
      const session = await this.sessions.createRefreshToken(
        tx,
        user.id,
        { id: row.familyId, startedAt: row.familyStartedAt },
        successor,
      );
      // Signed before the commit, under the account's lock: see findByIdForShare.
      return { kind: 'ok', payload: await this.sessions.payload(user, session) };
    });
    if ((outcome.kind === 'reused' || outcome.kind === 'revoked') && outcome.userId && outcome.sessionId) {
      const { userId, sessionId } = outcome;
      // The refusal stands either way: a revocation Redis could not take is logged (and made again the next time a
      // token of the sign-in is presented; else the tokens expire).
      await endSessionTokens(this.revocations, userId, sessionId).catch((error: unknown) =>
        this.logger.error({ err: error, userId }, 'access tokens of an ended sign-in not revoked'),
      );
    }
    if (outcome.kind !== 'ok') throw refusal(outcome.kind);
    return outcome.payload;
  }
}
