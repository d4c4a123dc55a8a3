import { badInput, EventTypes } from '@busline/shared';
import type { CompanyRow } from '../db/schema';
import { currencyCode, DEFAULT_CURRENCY } from '../domain/currency';
import { DEFAULT_REFUND_TIERS, normalizeRefundTiers } from '../domain/refund-policy';
import { DEFAULT_TIME_ZONE } from '../domain/zoned-time';
import { repositories } from '../repositories';
import { companyPayload, slugOf, storedTimeZone, timeZoneOf, writeCompany, type CompanyInput } from './company-input';
import type { ServiceDeps } from './service-deps';
import { nameText, optionalEmail, phone } from './validation';

/** Onboards a company (platform admins only, checked by resolvers); emits `company.created`. */
export class CreateCompanyService {
  constructor(private readonly deps: ServiceDeps) {}

  async create(input: CompanyInput): Promise<CompanyRow> {
    const name = nameText(input.name, 'name', 100);
    const slug = slugOf(input.slug ?? '');
    const values = {
      name,
      slug,
      contactEmail: optionalEmail(input.contactEmail),
      contactPhone: phone(input.contactPhone, 'contactPhone'),
      refundTiers: normalizeRefundTiers(input.refundPolicy?.tiers ?? DEFAULT_REFUND_TIERS),
      timeZone: input.timeZone != null ? timeZoneOf(input.timeZone) : DEFAULT_TIME_ZONE,
      currency: input.currency != null ? currencyCode(input.currency) : DEFAULT_CURRENCY,
    };
    return writeCompany(this.deps.runner, async ({ tx, emit }) => {
      const repos = repositories(tx);
      if (await repos.companies.findBySlug(slug)) throw badInput(`The slug "${slug}" is already taken`, 'slug');
      if (input.timeZone != null) values.timeZone = await storedTimeZone(repos, values.timeZone);
      const company = await repos.companies.insert(values);
      await emit(EventTypes.CompanyCreated, companyPayload(company));
      return company;
    });
  }
}
