import { randomUUID } from 'node:crypto';
import { eventually, startTestSubgraph, type TestSubgraph } from '@busline/shared/testing';
import { profiles } from '../src/db/schema';
import { migrations } from '../src/db/migrations';
import { createServer } from '../src/server';

export type UserSubgraph = TestSubgraph<ReturnType<typeof createServer>>;

export const startUser = () => startTestSubgraph({ name: 'user', migrations, createServer });

export const passenger = (userId: string = randomUUID()) => ({ userId, role: 'PASSENGER' as const, companyId: null });
export const admin = (userId: string = randomUUID()) => ({ userId, role: 'PLATFORM_ADMIN' as const, companyId: null });

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
export async function registerProfile(subgraph: UserSubgraph, overrides: Record<string, unknown> = {}, userId: string = randomUUID()) {
  await subgraph.deps.bus.publish(registeredEvent(userId, overrides));
  await eventually(async () => (await subgraph.database.handle.db.select({ id: profiles.userId }).from(profiles)).some((p) => p.id === userId));
  return userId;
}

export const codeOf = (result: { errors?: { extensions?: Record<string, unknown> }[] }) => result.errors?.[0]?.extensions?.code;
