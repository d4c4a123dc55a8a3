import { randomBytes } from 'node:crypto';

/** Bearer tokens the simulator issued, per provider product, each with its expiry. */
export class TokenStore {
  private readonly tokens = new Map<string, { scope: string; expiresAt: number }>();
  issued = 0;

  issue(scope: string, ttlSeconds: number): string {
    const token = randomBytes(24).toString('base64url');
    this.tokens.set(token, { scope, expiresAt: Date.now() + ttlSeconds * 1000 });
    this.issued++;
    return token;
  }

  /** True when `authorization` is `Bearer <a live token of scope>`. */
  valid(authorization: string | undefined, scope: string): boolean {
    const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
    const entry = token ? this.tokens.get(token) : undefined;
    if (!entry || entry.scope !== scope) return false;
    if (Date.now() >= entry.expiresAt) {
      this.tokens.delete(token!);
      return false;
    }
    return true;
  }

  /** Expires every token at once, as a provider does when it rotates keys (tests: expiry mid-flight). */
  revokeAll(): void {
    this.tokens.clear();
  }
}
