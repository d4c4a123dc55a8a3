import type { ProviderAnswer } from './http';

export interface IssuedToken {
  token: string;
  expiresInSeconds: number;
}

/**
 * An OAuth access token kept until shortly before it expires (a tenth of its life, at most a minute,
 * early), fetched once for concurrent callers. A provider may still refuse it before then (revoked,
 * clock skew): `withToken` then drops it and retries the call once with a fresh one.
 */
export class AccessTokens {
  private current: { token: string; renewAt: number } | undefined;
  private pending: Promise<string> | undefined;
  /** Tokens fetched so far (tests and logs). */
  issued = 0;

  constructor(private readonly fetchToken: () => Promise<IssuedToken>) {}

  async get(): Promise<string> {
    if (this.current && Date.now() < this.current.renewAt) return this.current.token;
    this.pending ??= this.fetchToken()
      .then(({ token, expiresInSeconds }) => {
        this.issued++;
        const lifeMs = Math.max(expiresInSeconds, 1) * 1000;
        this.current = { token, renewAt: Date.now() + lifeMs - Math.min(lifeMs / 10, 60_000) };
        return token;
      })
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }

  invalidate(token: string): void {
    if (this.current?.token === token) this.current = undefined;
  }

  /** Runs `call` with a token; on 401 fetches a new token once and runs it again. */
  async withToken(call: (token: string) => Promise<ProviderAnswer>): Promise<ProviderAnswer> {
    const token = await this.get();
    const answer = await call(token);
    if (answer.status !== 401) return answer;
    this.invalidate(token);
    return call(await this.get());
  }
}
