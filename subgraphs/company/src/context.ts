import type { BaseContext, Db } from '@busline/shared';
import type { Services } from './services';
import { EntityReads } from './services/read-entities';

/** What the company resolvers call: the shared services and this request's batched reads. */
export type CompanyServices = Services & { entities: EntityReads };

/** Per-request state of the company subgraph. */
export interface CompanyContext extends BaseContext {
  services: CompanyServices;
}

export function buildContext(base: BaseContext, db: Db, services: Services): CompanyContext {
  return { ...base, services: { ...services, entities: new EntityReads(db) } };
}
