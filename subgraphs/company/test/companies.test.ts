import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, companyAdmin, CREATE_COMPANY, fails, ok, outboxOf, passenger, startCompanySubgraph, type CompanySubgraph } from './helpers';

let sg: CompanySubgraph;
const ids: Record<string, string> = {};
beforeAll(async () => {
  sg = await startCompanySubgraph();
  for (const [name, slug] of [['Volcano Coaches', 'volcano'], ['Horizon Lines', 'horizon'], ['Kivu Shuttle', 'kivu']]) {
    ids[slug!] = (await ok(sg, CREATE_COMPANY, { input: { name, slug } }, admin)).createCompany.id;
  }
});
afterAll(() => sg.stop());

describe('companies', () => {
  it('lists companies by name, one page at a time', async () => {
    const first = await ok(sg, `{ companies(first: 2) { edges { node { name slug } } pageInfo { hasNextPage endCursor } } }`);
    expect(first.companies.edges.map((e: any) => e.node.slug)).toEqual(['horizon', 'kivu']);
    expect(first.companies.pageInfo.hasNextPage).toBe(true);
    const second = await ok(sg, `query($after: String) { companies(first: 2, after: $after) { edges { node { slug } } pageInfo { hasNextPage } } }`, {
      after: first.companies.pageInfo.endCursor,
    });
    expect(second.companies.edges.map((e: any) => e.node.slug)).toEqual(['volcano']);
    expect(second.companies.pageInfo.hasNextPage).toBe(false);
  });

  it('finds a company by slug or by id', async () => {
    const bySlug = await ok(sg, `{ company(slug: "kivu") { id name } }`);
    expect(bySlug.company).toEqual({ id: ids.kivu, name: 'Kivu Shuttle' });
    const byId = await ok(sg, `query($id: ID) { company(id: $id) { slug } }`, { id: ids.volcano });
    expect(byId.company.slug).toBe('volcano');
  });

  it('resolves Company entity references for the gateway', async () => {
    const data = await ok(sg, `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Company { id name } } }`, {
      reps: [{ __typename: 'Company', id: ids.volcano }, { __typename: 'Company', id: 'not-a-uuid' }],
    });
    expect(data._entities).toEqual([{ id: ids.volcano, name: 'Volcano Coaches' }, null]);
  });

  it('gives a new company the default refund tiers', async () => {
    const data = await ok(sg, `{ company(slug: "horizon") { refundPolicy { tiers { minHoursBeforeDeparture refundPercent } } } }`);
    expect(data.company.refundPolicy.tiers).toEqual([
      { minHoursBeforeDeparture: 24, refundPercent: 90 },
      { minHoursBeforeDeparture: 2, refundPercent: 50 },
    ]);
  });

  it('records company.created with the policy in the outbox', async () => {
    const events = await outboxOf(sg, 'company.created');
    expect(events).toContainEqual({
      companyId: ids.kivu,
      name: 'Kivu Shuttle',
      slug: 'kivu',
      refundPolicy: { tiers: [{ minHoursBeforeDeparture: 24, refundPercent: 90 }, { minHoursBeforeDeparture: 2, refundPercent: 50 }] },
    });
  });

  it('lets only platform admins create companies', async () => {
    const input = { name: 'Sneaky', slug: 'sneaky' };
    expect((await fails(sg, CREATE_COMPANY, { input })).code).toBe('UNAUTHENTICATED');
    expect((await fails(sg, CREATE_COMPANY, { input }, passenger)).code).toBe('FORBIDDEN');
    expect((await fails(sg, CREATE_COMPANY, { input }, companyAdmin(ids.volcano!))).code).toBe('FORBIDDEN');
    expect(await ok(sg, `{ company(slug: "sneaky") { id } }`)).toEqual({ company: null });
  });

  it('refuses a taken slug or a malformed one with BAD_USER_INPUT', async () => {
    const taken = await fails(sg, CREATE_COMPANY, { input: { name: 'Other', slug: 'volcano' } }, admin);
    expect(taken).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('already taken') });
    expect((await fails(sg, CREATE_COMPANY, { input: { name: 'Other', slug: 'Bad Slug!' } }, admin)).code).toBe('BAD_USER_INPUT');
  });

  it('refuses refund tiers that refund more for later cancellations', async () => {
    const tiers = [{ minHoursBeforeDeparture: 24, refundPercent: 50 }, { minHoursBeforeDeparture: 2, refundPercent: 90 }];
    const error = await fails(sg, CREATE_COMPANY, { input: { name: 'Odd', slug: 'odd', refundPolicy: { tiers } } }, admin);
    expect(error.code).toBe('BAD_USER_INPUT');
  });

  it('updates a company and records company.updated with the full snapshot', async () => {
    const data = await ok(
      sg,
      `mutation($id: ID!, $input: UpdateCompanyInput!) { updateCompany(id: $id, input: $input) { contactEmail refundPolicy { tiers { refundPercent } } } }`,
      { id: ids.kivu, input: { contactEmail: 'Hello@Kivu.rw', refundPolicy: { tiers: [{ minHoursBeforeDeparture: 12, refundPercent: 80 }] } } },
      admin,
    );
    expect(data.updateCompany).toEqual({ contactEmail: 'hello@kivu.rw', refundPolicy: { tiers: [{ refundPercent: 80 }] } });
    const [event] = await outboxOf(sg, 'company.updated');
    expect(event).toEqual({ companyId: ids.kivu, name: 'Kivu Shuttle', slug: 'kivu', refundPolicy: { tiers: [{ minHoursBeforeDeparture: 12, refundPercent: 80 }] } });
  });

  it('lets only platform admins update companies', async () => {
    const UPDATE = `mutation($id: ID!) { updateCompany(id: $id, input: { name: "Renamed" }) { name } }`;
    expect((await fails(sg, UPDATE, { id: ids.volcano })).code).toBe('UNAUTHENTICATED');
    expect((await fails(sg, UPDATE, { id: ids.volcano }, companyAdmin(ids.volcano!))).code).toBe('FORBIDDEN');
    expect((await fails(sg, UPDATE, { id: ids.volcano }, passenger)).code).toBe('FORBIDDEN');
    expect((await ok(sg, `{ company(slug: "volcano") { name } }`)).company.name).toBe('Volcano Coaches');
  });

  it('rejects a page size out of range with BAD_USER_INPUT', async () => {
    expect((await fails(sg, `{ companies(first: 1000) { edges { cursor } } }`)).code).toBe('BAD_USER_INPUT');
  });

  it('answers /healthz and /readyz', async () => {
    const base = sg.server.url!;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready' });
  });
});
