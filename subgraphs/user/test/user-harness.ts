import { randomUUID } from 'node:crypto';
import { eventually, startTestSubgraph, type TestSubgraph } from '@busline/shared/testing';
import { eq } from 'drizzle-orm';
import { dashCompanies, outbox, profiles } from '../src/db/schema';
import { migrations } from '../src/db/migrations';
import { createServer } from '../src/server';

export type UserSubgraph = TestSubgraph<ReturnType<typeof createServer>>;

export const startUser = () => startTestSubgraph({ name: 'user', migrations, createServer });

export const passenger = (userId: string = randomUUID()) => ({ userId, role: 'PASSENGER' as const, companyId: null });
export const admin = (userId: string = randomUUID()) => ({ userId, role: 'PLATFORM_ADMIN' as const, companyId: null });
export const companyAdmin = (companyId: string, userId: string = randomUUID()) => ({
  userId,
  role: 'COMPANY_ADMIN' as const,
  companyId,
});
export const driver = (companyId: string, userId: string = randomUUID()) => ({
  userId,
  role: 'DRIVER' as const,
  companyId,
});

export function registeredEvent(userId: string, overrides: Record<string, unknown> = {}) {
  return {
    id: randomUUID(),
    type: 'user.registered',
    source: 'auth',
    occurredAt: new Date().toISOString(),
    payload: {
      userId,
      email: `${userId.slice(0, 8)}@example.com`,
      fullName: 'Aline Uwase',
      phone: '+250788000111',
      role: 'PASSENGER',
      companyId: null,
      registeredAt: new Date().toISOString(),
      ...overrides,
    },
  };
}

/** Publishes user.registered and waits until the profile exists. */
export async function registerProfile(
  subgraph: UserSubgraph,
  overrides: Record<string, unknown> = {},
  userId: string = randomUUID(),
) {
  await subgraph.deps.bus.publish(registeredEvent(userId, overrides));
  await eventually(async () =>
    (await subgraph.database.handle.db.select({ id: profiles.userId }).from(profiles)).some((p) => p.id === userId),
  );
  return userId;
}

export const codeOf = (result: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  result.errors?.[0]?.extensions?.code;

/** The first error's code and message, as a client reads them. */
export const errorOf = (result: { errors?: { message: string; extensions?: Record<string, unknown> }[] }) => {
  const error = result.errors?.[0];
  return error && { code: error.extensions?.code, message: error.message };
};

/** The stored profile of `userId`: role, company and suspension as they are now. */
export async function accountOf(subgraph: UserSubgraph, userId: string) {
  const [row] = await subgraph.database.handle.db.select().from(profiles).where(eq(profiles.userId, userId));
  return (
    row && {
      role: row.role,
      companyId: row.companyId,
      suspendedAt: row.suspendedAt,
      suspensionReason: row.suspensionReason,
    }
  );
}

/** Types of the events the outbox holds about `userId`, oldest first. */
export async function eventTypesAbout(subgraph: UserSubgraph, userId: string) {
  const rows = await subgraph.database.handle.db.select().from(outbox).orderBy(outbox.seq);
  return rows.filter((row) => (row.payload as { userId?: string }).userId === userId).map((row) => row.type);
}

/** A company this subgraph has heard of (as company.created records it): staff roles may name it. */
export async function knownCompany(subgraph: UserSubgraph, companyId: string = randomUUID()): Promise<string> {
  await subgraph.database.handle.db
    .insert(dashCompanies)
    .values({ companyId, name: `Company ${companyId.slice(0, 6)}`, asOf: new Date() })
    .onConflictDoNothing();
  return companyId;
}
