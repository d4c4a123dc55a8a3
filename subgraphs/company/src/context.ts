import DataLoader from 'dataloader';
import type { BaseContext, Db } from '@busline/shared';
import type { CompanyRow } from './db/schema';
import { CompanyRepository } from './repositories/company-repository';

/** Per-request state of the company subgraph. */
export interface CompanyContext extends BaseContext {
  companies: CompanyRepository;
  /** One query per request for every company reference (federation entities, nested fields). */
  companyById: DataLoader<string, CompanyRow | null>;
}

export function buildContext(base: BaseContext, db: Db): CompanyContext {
  const companies = new CompanyRepository(db);
  return {
    ...base,
    companies,
    companyById: new DataLoader(async (ids) => {
      const rows = await companies.findByIds(ids);
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
