/**
 * Makes an account a platform admin: a deployment's first one (production seeds no account, and only a platform
 * admin can give roles through the API), or a new one should every admin have lost access.
 *
 *   DATABASE_URL=postgres://…/db_user npm run platform-admin -- ops@yourcompany.rw
 *
 * Sign up with that address first (the web client or `register`). DATABASE_URL is the user service's database;
 * the change goes out as the API's would (user.role_changed, which auth applies: the account's next access token
 * carries the role). Run from a checkout of the repository (`npm ci`). docs/operations.md, "The first platform admin".
 */
import { assertProductionDatastores, commonEnv, parseEnv, z } from '../packages/shared/src/config/env';
import { connectPostgres } from '../packages/shared/src/db/database';
import { createLogger } from '../packages/shared/src/logger';
import { grantPlatformAdmin } from '../subgraphs/user/src/public';

/** What the command reads (descriptions feed docs/configuration.md). */
export const schema = z.object({
  NODE_ENV: commonEnv.NODE_ENV.describe(
    '`production`: a DATABASE_URL without TLS to a public host is refused before connecting, as by the user service',
  ),
  DATABASE_URL: z.string().url().describe("The user service's Postgres database"),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('warn')
    .describe('Lowest level logged'),
});

/** Runs the command; returns its exit code. */
export async function platformAdmin(
  args: string[],
  source: Record<string, string | undefined>,
  io: { out(text: string): void; err(text: string): void },
): Promise<number> {
  const email = args[0];
  if (!email || args.length > 1 || email.startsWith('-')) {
    io.err('usage: DATABASE_URL=<the user database> npm run platform-admin -- <e-mail of an account>');
    return 2;
  }
  const config = parseEnv('platform-admin', schema, source);
  assertProductionDatastores('platform-admin', config);
  const db = connectPostgres(config.DATABASE_URL, { poolSize: 1, applicationName: 'platform-admin' });
  try {
    const logger = createLogger('platform-admin', { level: config.LOG_LEVEL });
    const { profile, changed } = await grantPlatformAdmin(db.db, email, logger);
    io.out(
      changed
        ? `${profile.email} (${profile.userId}) is a platform admin; their next sign-in or token refresh carries the role`
        : `${profile.email} (${profile.userId}) was a platform admin already: nothing changed`,
    );
    return 0;
  } catch (error) {
    // drizzle wraps the driver's error (a database that does not exist, a refused password): both say something.
    const { message, cause } = error as Error;
    io.err(`platform-admin: ${message}${cause instanceof Error ? ` (${cause.message})` : ''}`);
    return 1;
  } finally {
    await db.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const code = await platformAdmin(process.argv.slice(2), process.env, {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  });
  process.exit(code);
}
