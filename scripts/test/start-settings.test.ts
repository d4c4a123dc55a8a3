// `npm start` (scripts/lib/subgraphs.ts) builds each subgraph from the environment as its index.ts does: company's
// settings were never read (its quotas stayed at their defaults, an invalid value was not refused).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSubgraph, type TestSubgraph } from '@busline/shared/testing';
import type { Service, Viewer } from '@busline/shared';
import { SUBGRAPHS } from '../lib/subgraphs';
import { migrations } from '../../subgraphs/company/src/public';
import { CREATE_COMPANY, CREATE_STATION, admin } from '../../subgraphs/company/test/helpers';

const company = SUBGRAPHS.find((module) => module.name === 'company')!;
let sg: TestSubgraph<Service>;
beforeAll(async () => {
  // What `COMPANY_STATION_QUOTA=0 COMPANY_QUOTA=1 npm start` hands the company module (platform.ts:
  // `module.create(deps, env)`, env being process.env and DATA_DIR).
  sg = await startTestSubgraph({
    name: 'company',
    migrations,
    createServer: (deps) =>
      // Company builds at once (no keys to load).
      company.create(deps, {
        COMPANY_STATION_QUOTA: '0',
        COMPANY_QUOTA: '1',
        TRIP_RESENDS_PER_COMPANY_HOUR: '100',
      }) as Service,
  });
});
afterAll(() => sg?.stop());

describe('npm start and the company settings of docs/configuration.md', () => {
  it('applies COMPANY_STATION_QUOTA given to npm start', async () => {
    const { data } = await sg.request<{ createCompany: { id: string } }>(
      CREATE_COMPANY,
      { input: { name: 'Quota Co', slug: `quota-${randomUUID().slice(0, 8)}` } },
      admin,
    );
    const companyAdmin: Viewer = { userId: randomUUID(), role: 'COMPANY_ADMIN', companyId: data!.createCompany.id };
    const result = await sg.request(
      CREATE_STATION,
      {
        input: {
          code: `OPS-${randomUUID().slice(0, 6)}`,
          name: 'Ops Stop',
          city: 'Rubavu',
          latitude: -1.7,
          longitude: 29.3,
        },
      },
      companyAdmin,
    );
    expect(
      result.errors?.[0]?.extensions,
      'COMPANY_STATION_QUOTA=0 must stop a company admin creating a station under npm start too',
    ).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'QUOTA_REACHED' });
  });

  it('refuses an invalid company setting at start, as the company service run alone does', async () => {
    // loadConfig of company refuses COMPANY_QUOTA=0 (integer ≥ 1); npm start should not start with it either.
    await expect(
      Promise.resolve().then(() => company.create(sg.deps, { COMPANY_QUOTA: '0' })),
      'an invalid COMPANY_QUOTA must be refused by npm start as by the service run alone',
    ).rejects.toThrow(/COMPANY_QUOTA/);
  });
});
