import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import {
  admin,
  companyAdmin,
  CREATE_COMPANY,
  fails,
  ok,
  outboxOf,
  passenger,
  startCompanySubgraph,
  type CompanySubgraph,
} from './helpers';

let sg: CompanySubgraph;
beforeAll(async () => {
  sg = await startCompanySubgraph();
});
afterAll(() => sg.stop());

const UPDATE_COMPANY = `mutation($id: ID!, $input: UpdateCompanyInput!) { updateCompany(id: $id, input: $input) { id slug } }`;

const DEFAULT_TIERS = [
  { minHoursBeforeDeparture: 24, refundPercent: 90 },
  { minHoursBeforeDeparture: 2, refundPercent: 50 },
];

/** A company of this test only: `name` and `slug` carry a suffix no other test uses. */
async function newCompany(name: string, slug: string, into: CompanySubgraph = sg) {
  const tag = randomUUID().slice(0, 8);
  const input = { name: `${name} ${tag}`, slug: `${slug}-${tag}` };
  const { createCompany } = await ok(into, CREATE_COMPANY, { input }, admin);
  return { id: createCompany.id as string, ...input };
}

describe('companies', () => {
  it('lists companies by name, one page at a time', async () => {
    // The list is every company there is: this test gets a database of its own.
    const own = await startCompanySubgraph();
    onTestFinished(() => own.stop());
    const volcano = await newCompany('Volcano Coaches', 'volcano', own);
    const horizon = await newCompany('Horizon Lines', 'horizon', own);
    const kivu = await newCompany('Kivu Shuttle', 'kivu', own);
    const first = await ok(
      own,
      `{ companies(first: 2) { edges { node { name slug } } pageInfo { hasNextPage endCursor } } }`,
    );
    expect(first.companies.edges.map((e: any) => e.node.slug)).toEqual([horizon.slug, kivu.slug]);
    expect(first.companies.pageInfo.hasNextPage).toBe(true);
    const second = await ok(
      own,
      `query($after: String) { companies(first: 2, after: $after) { edges { node { slug } } pageInfo { hasNextPage } } }`,
      {
        after: first.companies.pageInfo.endCursor,
      },
    );
    expect(second.companies.edges.map((e: any) => e.node.slug)).toEqual([volcano.slug]);
    expect(second.companies.pageInfo.hasNextPage).toBe(false);
  });

  it('finds a company by slug or by id', async () => {
    const kivu = await newCompany('Kivu Shuttle', 'kivu');
    const bySlug = await ok(sg, `query($slug: String) { company(slug: $slug) { id name } }`, { slug: kivu.slug });
    expect(bySlug.company).toEqual({ id: kivu.id, name: kivu.name });
    const byId = await ok(sg, `query($id: ID) { company(id: $id) { slug } }`, { id: kivu.id });
    expect(byId.company.slug).toBe(kivu.slug);
  });

  it('answers a slug or a city with a control character (a NUL) as no company, and BAD_USER_INPUT for the city', async () => {
    expect(await ok(sg, `query($slug: String) { company(slug: $slug) { id } }`, { slug: 'kivu\u0000' })).toEqual({
      company: null,
    });
    const city = await fails(sg, `query($c: String) { stations(city: $c) { edges { node { id } } } }`, {
      c: 'Kigali\u0000',
    });
    expect(city.code).toBe('BAD_USER_INPUT');
  });

  it('resolves Company entity references for the gateway', async () => {
    const volcano = await newCompany('Volcano Coaches', 'volcano');
    const data = await ok(
      sg,
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Company { id name } } }`,
      {
        reps: [
          { __typename: 'Company', id: volcano.id },
          { __typename: 'Company', id: 'not-a-uuid' },
        ],
      },
    );
    expect(data._entities).toEqual([{ id: volcano.id, name: volcano.name }, null]);
  });

  it('gives a new company the default refund tiers', async () => {
    const horizon = await newCompany('Horizon Lines', 'horizon');
    const data = await ok(
      sg,
      `query($id: ID) { company(id: $id) { refundPolicy { tiers { minHoursBeforeDeparture refundPercent } } } }`,
      { id: horizon.id },
    );
    expect(data.company.refundPolicy.tiers).toEqual(DEFAULT_TIERS);
  });

  it('records company.created with the policy in the outbox', async () => {
    const kivu = await newCompany('Kivu Shuttle', 'kivu');
    const events = (await outboxOf(sg, 'company.created')).filter((event) => event.companyId === kivu.id);
    expect(events).toEqual([
      {
        companyId: kivu.id,
        name: kivu.name,
        slug: kivu.slug,
        refundPolicy: { tiers: DEFAULT_TIERS },
        timeZone: 'Africa/Kigali',
        currency: 'RWF',
      },
    ]);
  });

  it('lets only platform admins create companies', async () => {
    const volcano = await newCompany('Volcano Coaches', 'volcano');
    const input = { name: 'Sneaky', slug: `sneaky-${randomUUID().slice(0, 8)}` };
    expect((await fails(sg, CREATE_COMPANY, { input })).code).toBe('UNAUTHENTICATED');
    expect((await fails(sg, CREATE_COMPANY, { input }, passenger)).code).toBe('FORBIDDEN');
    expect((await fails(sg, CREATE_COMPANY, { input }, companyAdmin(volcano.id))).code).toBe('FORBIDDEN');
    expect(await ok(sg, `query($slug: String) { company(slug: $slug) { id } }`, { slug: input.slug })).toEqual({
      company: null,
    });
  });

  it('refuses a taken slug or a malformed one with BAD_USER_INPUT', async () => {
    const volcano = await newCompany('Volcano Coaches', 'volcano');
    const taken = await fails(sg, CREATE_COMPANY, { input: { name: 'Other', slug: volcano.slug } }, admin);
    expect(taken).toEqual({ code: 'BAD_USER_INPUT', message: `The slug "${volcano.slug}" is already taken` });
    expect(await fails(sg, CREATE_COMPANY, { input: { name: 'Other', slug: 'Bad Slug!' } }, admin)).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'slug must be at most 40 lowercase letters, digits and single dashes, e.g. volcano-coaches',
    });
    // A rename had no length limit: 3,000 characters passed, and the slug's index failed with an unexpected error.
    const long = 'a'.repeat(41);
    for (const [mutation, variables] of [
      [CREATE_COMPANY, { input: { name: 'Other', slug: long } }],
      [UPDATE_COMPANY, { id: volcano.id, input: { slug: long } }],
      [UPDATE_COMPANY, { id: volcano.id, input: { slug: 'x'.repeat(3000) } }],
    ] as const) {
      expect(await fails(sg, mutation, variables, admin)).toMatchObject({ code: 'BAD_USER_INPUT' });
    }
  });

  it('refuses refund tiers that refund more for later cancellations', async () => {
    const tiers = [
      { minHoursBeforeDeparture: 24, refundPercent: 50 },
      { minHoursBeforeDeparture: 2, refundPercent: 90 },
    ];
    const error = await fails(
      sg,
      CREATE_COMPANY,
      { input: { name: 'Odd', slug: `odd-${randomUUID().slice(0, 8)}`, refundPolicy: { tiers } } },
      admin,
    );
    expect(error).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'Cancelling later must never refund more: percent must not grow as hours shrink',
    });
  });

  it('updates a company and records company.updated with the full snapshot', async () => {
    const kivu = await newCompany('Kivu Shuttle', 'kivu');
    const data = await ok(
      sg,
      `mutation($id: ID!, $input: UpdateCompanyInput!) { updateCompany(id: $id, input: $input) { contactEmail refundPolicy { tiers { refundPercent } } } }`,
      {
        id: kivu.id,
        input: {
          contactEmail: 'Hello@Kivu.rw',
          refundPolicy: { tiers: [{ minHoursBeforeDeparture: 12, refundPercent: 80 }] },
        },
      },
      admin,
    );
    expect(data.updateCompany).toEqual({
      contactEmail: 'hello@kivu.rw',
      refundPolicy: { tiers: [{ refundPercent: 80 }] },
    });
    const events = (await outboxOf(sg, 'company.updated')).filter((event) => event.companyId === kivu.id);
    expect(events).toEqual([
      {
        companyId: kivu.id,
        name: kivu.name,
        slug: kivu.slug,
        refundPolicy: { tiers: [{ minHoursBeforeDeparture: 12, refundPercent: 80 }] },
        timeZone: 'Africa/Kigali',
        currency: 'RWF',
      },
    ]);
  });

  it('lets only platform admins update companies', async () => {
    const volcano = await newCompany('Volcano Coaches', 'volcano');
    const UPDATE = `mutation($id: ID!) { updateCompany(id: $id, input: { name: "Renamed" }) { name } }`;
    expect((await fails(sg, UPDATE, { id: volcano.id })).code).toBe('UNAUTHENTICATED');
    expect((await fails(sg, UPDATE, { id: volcano.id }, companyAdmin(volcano.id))).code).toBe('FORBIDDEN');
    expect((await fails(sg, UPDATE, { id: volcano.id }, passenger)).code).toBe('FORBIDDEN');
    expect((await ok(sg, `query($id: ID) { company(id: $id) { name } }`, { id: volcano.id })).company.name).toBe(
      volcano.name,
    );
  });

  it('rejects a page size out of range with BAD_USER_INPUT', async () => {
    expect((await fails(sg, `{ companies(first: 1000) { edges { cursor } } }`)).code).toBe('BAD_USER_INPUT');
  });

  it('answers /healthz and /readyz', async () => {
    const base = sg.server.url!;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', service: 'company' });
  });
});
