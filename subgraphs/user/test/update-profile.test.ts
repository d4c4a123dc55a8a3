import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../src/db/schema';
import { codeOf, eventTypesAbout, passenger, registerProfile, startUser, type UserSubgraph } from './user-harness';

let subgraph: UserSubgraph;
beforeAll(async () => {
  subgraph = await startUser();
});
afterAll(() => subgraph.stop());

const UPDATE =
  'mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { fullName phone avatarUrl language } }';
const MY_PROFILE =
  'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { profile { fullName phone avatarUrl language } } } }';

describe('updateProfile', () => {
  it("updates the signed-in user's profile and keeps omitted fields", async () => {
    const userId = await registerProfile(subgraph);
    const result = await subgraph.request(
      UPDATE,
      { input: { fullName: '  Aline   Uwase Mugisha ', avatarUrl: 'https://cdn.example/a.png', language: 'rw' } },
      passenger(userId),
    );
    expect(result.data?.updateProfile).toEqual({
      fullName: 'Aline Uwase Mugisha',
      phone: '+250788000111',
      avatarUrl: 'https://cdn.example/a.png',
      language: 'rw',
    });
    const read = await subgraph.request(MY_PROFILE, { r: [{ __typename: 'User', id: userId }] }, passenger(userId));
    expect(read.data?._entities).toEqual([{ profile: result.data?.updateProfile }]);
  });

  it('tells other services how to reach the user, in which language, with user.profile_updated; nothing when nothing changed', async () => {
    const userId = await registerProfile(subgraph);
    await subgraph.request(UPDATE, { input: { language: 'rw' } }, passenger(userId));
    await subgraph.request(UPDATE, { input: {} }, passenger(userId));
    // The values it already has: nothing changed, nothing told (a loop of these filled the outbox and Redis).
    await subgraph.request(UPDATE, { input: { language: 'rw', fullName: ' Aline  Uwase' } }, passenger(userId));
    expect(await eventTypesAbout(subgraph, userId)).toEqual(['user.profile_updated']);
    const [row] = (await subgraph.database.handle.db.select().from(outbox)).filter(
      (r) => (r.payload as { userId?: string }).userId === userId,
    );
    expect(row!.payload).toEqual({
      userId,
      fullName: 'Aline Uwase',
      phone: '+250788000111',
      language: 'rw',
      email: expect.stringContaining('@'),
    });
  });

  it('keeps one spelling of a phone, from updateProfile and from sign-up: no trunk 0 after an African country code', async () => {
    const userId = await registerProfile(subgraph, { phone: '+2500788000111' });
    const read = await subgraph.request(MY_PROFILE, { r: [{ __typename: 'User', id: userId }] }, passenger(userId));
    expect((read.data?._entities as { profile: { phone: string } }[])[0]!.profile.phone).toBe('+250788000111');
    const result = await subgraph.request(UPDATE, { input: { phone: '+254 0712 345 678' } }, passenger(userId));
    expect((result.data?.updateProfile as { phone: string }).phone).toBe('+254712345678');
  });

  it('clears the phone when given null', async () => {
    const userId = await registerProfile(subgraph);
    const result = await subgraph.request(UPDATE, { input: { phone: null } }, passenger(userId));
    expect((result.data?.updateProfile as { phone: string | null }).phone).toBeNull();
  });

  it.each([
    ['fullName', { fullName: ' ' }],
    ['fullName', { fullName: null }],
    ['fullName', { fullName: '\u200b\u200b' }],
    ['fullName', { fullName: 'Aline\u0000Uwase' }],
    ['fullName', { fullName: '\u001b[2JAline' }],
    ['fullName', { fullName: 'Aline \u202eesawU' }],
    ['fullName', { fullName: '12345' }],
    ['phone', { phone: '0788' }],
    ['phone', { phone: '+979123456789' }],
    ['avatarUrl', { avatarUrl: 'javascript:alert(1)' }],
    ['avatarUrl', { avatarUrl: 'http://insecure.example/a.png' }],
    ['language', { language: 'english please' }],
  ])('refuses an invalid %s with BAD_USER_INPUT and changes nothing', async (field, input) => {
    const userId = await registerProfile(subgraph);
    const result = await subgraph.request(UPDATE, { input }, passenger(userId));
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.field).toBe(field);
    const read = await subgraph.request(MY_PROFILE, { r: [{ __typename: 'User', id: userId }] }, passenger(userId));
    expect(read.data?._entities).toEqual([
      { profile: { fullName: 'Aline Uwase', phone: '+250788000111', avatarUrl: null, language: 'en' } },
    ]);
  });

  it('requires a signed-in user', async () => {
    const result = await subgraph.request(UPDATE, { input: { language: 'fr' } });
    expect(codeOf(result)).toBe('UNAUTHENTICATED');
  });
});
