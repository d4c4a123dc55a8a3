import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@busline/shared/testing';
import { processedEvents, users } from '../src/db/schema';
import {
  call,
  codeOf,
  LOGIN,
  PASSWORD,
  REFRESH,
  registerUser,
  startAuth,
  type AuthSubgraph,
  type Payload,
} from './auth-harness';

let auth: AuthSubgraph;
beforeAll(async () => {
  auth = await startAuth();
});
afterAll(() => auth.stop());

async function publish(type: string, payload: Record<string, unknown>, occurredAt = new Date()): Promise<string> {
  const id = randomUUID();
  await auth.deps.bus.publish({ id, type, source: 'user', occurredAt: occurredAt.toISOString(), payload });
  return id;
}

const processed = async (eventId: string) =>
  (await auth.database.handle.db.select().from(processedEvents).where(eq(processedEvents.eventId, eventId))).length > 0;

const accountOf = async (id: string) =>
  (await auth.database.handle.db.select().from(users).where(eq(users.id, id)))[0]!;

describe('identity events from the user subgraph', () => {
  it('puts a changed role and company into the next login and refresh tokens', async () => {
    const session = await registerUser(auth);
    const companyId = randomUUID();
    await publish('user.role_changed', { userId: session.user.id, role: 'DRIVER', companyId, changedBy: randomUUID() });
    await eventually(async () => (await accountOf(session.user.id)).role === 'DRIVER');

    const login = (await call(auth, LOGIN, { email: session.email, password: PASSWORD })).data?.login as Payload;
    expect(decodeJwt(login.accessToken)).toMatchObject({ role: 'DRIVER', companyId });
    const refreshed = (await call(auth, REFRESH, { t: session.refreshToken })).data?.refreshToken as Payload;
    expect(decodeJwt(refreshed.accessToken)).toMatchObject({ role: 'DRIVER', companyId });
  });

  it('gives a COUNTER_AGENT tokens that carry its role and company', async () => {
    const session = await registerUser(auth);
    const companyId = randomUUID();
    await publish('user.role_changed', {
      userId: session.user.id,
      role: 'COUNTER_AGENT',
      companyId,
      changedBy: randomUUID(),
    });
    await eventually(async () => (await accountOf(session.user.id)).role === 'COUNTER_AGENT');

    const login = (await call(auth, LOGIN, { email: session.email, password: PASSWORD })).data?.login as Payload;
    expect(login.user).toMatchObject({ role: 'COUNTER_AGENT', companyId });
    expect(decodeJwt(login.accessToken)).toMatchObject({ sub: session.user.id, role: 'COUNTER_AGENT', companyId });
    const refreshed = (await call(auth, REFRESH, { t: login.refreshToken })).data?.refreshToken as Payload;
    expect(decodeJwt(refreshed.accessToken)).toMatchObject({ role: 'COUNTER_AGENT', companyId });
  });

  it('refuses login and refresh of a suspended user with FORBIDDEN "Account suspended"', async () => {
    const session = await registerUser(auth);
    await publish('user.suspended', { userId: session.user.id, reason: 'fraud', suspendedBy: randomUUID() });
    await eventually(async () => (await accountOf(session.user.id)).status === 'SUSPENDED');

    const login = await call(auth, LOGIN, { email: session.email, password: PASSWORD });
    expect(codeOf(login)).toBe('FORBIDDEN');
    expect(login.errors?.[0]?.message).toBe('Account suspended');
    const refresh = await call(auth, REFRESH, { t: session.refreshToken });
    expect(codeOf(refresh)).toBe('FORBIDDEN');
    expect(refresh.errors?.[0]?.message).toBe('Account suspended');
  });

  it('lets a reinstated user sign in again', async () => {
    const session = await registerUser(auth);
    await publish('user.suspended', { userId: session.user.id, reason: 'check', suspendedBy: randomUUID() });
    await eventually(async () => (await accountOf(session.user.id)).status === 'SUSPENDED');
    await publish('user.reinstated', { userId: session.user.id, reinstatedBy: randomUUID() });
    await eventually(async () => (await accountOf(session.user.id)).status === 'ACTIVE');
    expect(codeOf(await call(auth, LOGIN, { email: session.email, password: PASSWORD }))).toBeUndefined();
  });

  it('keeps the later decision when a suspension arrives after the reinstatement that followed it', async () => {
    const session = await registerUser(auth);
    const suspendedAt = new Date(Date.now() - 60_000);
    await publish('user.reinstated', { userId: session.user.id, reinstatedBy: randomUUID() }, new Date());
    await eventually(async () => (await accountOf(session.user.id)).statusDecidedAt !== null);
    const stale = await publish(
      'user.suspended',
      { userId: session.user.id, reason: 'old', suspendedBy: randomUUID() },
      suspendedAt,
    );
    await eventually(() => processed(stale));
    expect((await accountOf(session.user.id)).status).toBe('ACTIVE');
    expect(codeOf(await call(auth, LOGIN, { email: session.email, password: PASSWORD }))).toBeUndefined();
  });

  it('orders numbered decisions by their number, whatever their clocks: a later suspension stamped earlier applies', async () => {
    const session = await registerUser(auth);
    // Two replicas of the user subgraph with clocks a minute apart: the reinstatement (decision 7) was stamped
    // by the fast one, the suspension that followed it (decision 8) by the slow one.
    const reinstated = await publish(
      'user.reinstated',
      { userId: session.user.id, reinstatedBy: randomUUID(), decision: 7 },
      new Date(Date.now() + 60_000),
    );
    await eventually(() => processed(reinstated));
    const suspended = await publish(
      'user.suspended',
      { userId: session.user.id, reason: 'fraud', suspendedBy: randomUUID(), decision: 8 },
      new Date(),
    );
    await eventually(() => processed(suspended));
    expect((await accountOf(session.user.id)).status).toBe('SUSPENDED');
    expect(codeOf(await call(auth, LOGIN, { email: session.email, password: PASSWORD }))).toBe('FORBIDDEN');

    // An older decision delivered late, numbered or not, changes nothing.
    const late = await publish('user.reinstated', { userId: session.user.id, reinstatedBy: randomUUID(), decision: 6 });
    const unnumbered = await publish('user.reinstated', { userId: session.user.id, reinstatedBy: randomUUID() });
    await eventually(async () => (await processed(late)) && (await processed(unnumbered)));
    expect((await accountOf(session.user.id)).status).toBe('SUSPENDED');
  });
});
