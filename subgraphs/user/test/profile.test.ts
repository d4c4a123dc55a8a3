import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestSubgraph, type TestSubgraph } from '@busline/shared/testing';
import { profiles } from '../src/db/schema';
import { migrations } from '../src/db/migrations';
import { createServer } from '../src/server';

let subgraph: TestSubgraph<ReturnType<typeof createServer>>;
beforeAll(async () => {
  subgraph = await startTestSubgraph({ name: 'user', migrations, createServer });
});
afterAll(() => subgraph.stop());

const registered = (userId: string) => ({
  id: randomUUID(),
  type: 'user.registered',
  source: 'auth',
  occurredAt: new Date().toISOString(),
  payload: {
    userId,
    email: 'x@example.com',
    fullName: 'Aline Uwase',
    phone: '+250788000111',
    role: 'PASSENGER',
    companyId: null,
  },
});

describe('profiles', () => {
  it('creates a profile from user.registered once, even when the event is delivered twice', async () => {
    const userId = randomUUID();
    const event = registered(userId);
    await subgraph.deps.bus.publish(event);
    await subgraph.deps.bus.publish(event);
    await eventually(() => subgraph.deliveries(event.id) === 2);
    const rows = (await subgraph.database.handle.db.select().from(profiles)).filter((p) => p.userId === userId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ fullName: 'Aline Uwase', phone: '+250788000111' });
  });

  it('contributes User.profile to the User entity', async () => {
    const userId = randomUUID();
    await subgraph.deps.bus.publish(registered(userId));
    await eventually(async () =>
      (await subgraph.database.handle.db.select().from(profiles)).some((p) => p.userId === userId),
    );
    const result = await subgraph.request(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { profile { fullName language } } } }',
      { r: [{ __typename: 'User', id: userId }] },
      { userId, role: 'PASSENGER', companyId: null },
    );
    expect(result.data?._entities).toEqual([{ profile: { fullName: 'Aline Uwase', language: 'en' } }]);
  });

  it("refuses another passenger's profile", async () => {
    const userId = randomUUID();
    const result = await subgraph.request(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { profile { fullName } } } }',
      { r: [{ __typename: 'User', id: userId }] },
      { userId: randomUUID(), role: 'PASSENGER', companyId: null },
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it("shows any user's profile to a platform admin", async () => {
    const userId = randomUUID();
    await subgraph.deps.bus.publish(registered(userId));
    await eventually(async () =>
      (await subgraph.database.handle.db.select().from(profiles)).some((p) => p.userId === userId),
    );
    const result = await subgraph.request(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { profile { fullName phone } suspended } } }',
      { r: [{ __typename: 'User', id: userId }] },
      { userId: randomUUID(), role: 'PLATFORM_ADMIN', companyId: null },
    );
    expect(result.data?._entities).toEqual([
      { profile: { fullName: 'Aline Uwase', phone: '+250788000111' }, suspended: false },
    ]);
  });

  it('keeps the account facts of user.registered for admin filtering', async () => {
    const userId = randomUUID();
    const companyId = randomUUID();
    const event = registered(userId);
    await subgraph.deps.bus.publish({
      ...event,
      payload: { ...event.payload, email: 'Driver@Example.com', role: 'DRIVER', companyId },
    });
    await eventually(async () =>
      (await subgraph.database.handle.db.select().from(profiles)).some((p) => p.userId === userId),
    );
    const row = (await subgraph.database.handle.db.select().from(profiles)).find((p) => p.userId === userId);
    expect(row).toMatchObject({ email: 'driver@example.com', role: 'DRIVER', companyId, suspendedAt: null });
  });
});
