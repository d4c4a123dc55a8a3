import { badInput, EventTypes, isUniqueViolation, notFound, type UnitOfWork } from '@busline/shared';
import type { CompanyRow } from '../db/schema';
import {
  DEFAULT_REFUND_TIERS,
  normalizeRefundTiers,
  refundPolicyPayload,
  type RefundTier,
} from '../domain/refund-policy';
import { repositories } from '../repositories';
import type { ServiceDeps } from './service-deps';
import { optionalEmail, phone, requiredText } from './validation';

export interface CompanyInput {
  name?: string | null;
  slug?: string | null;
  contactEmail?: string | null;
  contactPhone?: string | null;
  refundPolicy?: { tiers: RefundTier[] } | null;
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** `company.created` / `company.updated` payload (docs/events.md). */
export const companyPayload = (company: CompanyRow) => ({
  companyId: company.id,
  name: company.name,
  slug: company.slug,
  refundPolicy: refundPolicyPayload(company.refundTiers),
});

/** Companies: onboarding and profile changes (platform admins only, checked by resolvers). */
export class CompanyService {
  constructor(private readonly deps: ServiceDeps) {}

  async create(input: CompanyInput): Promise<CompanyRow> {
    const name = requiredText(input.name, 'name', 100);
    const slug = (input.slug ?? '').trim().toLowerCase();
    if (!SLUG.test(slug) || slug.length > 40) {
      throw badInput('slug must be lowercase letters, digits and single dashes, e.g. volcano-coaches', 'slug');
    }
    const values = {
      name,
      slug,
      contactEmail: optionalEmail(input.contactEmail),
      contactPhone: phone(input.contactPhone, 'contactPhone'),
      refundTiers: normalizeRefundTiers(input.refundPolicy?.tiers ?? DEFAULT_REFUND_TIERS),
    };
    return this.write(async ({ tx, emit }) => {
      const repos = repositories(tx);
      if (await repos.companies.findBySlug(slug)) throw badInput(`The slug "${slug}" is already taken`, 'slug');
      const company = await repos.companies.insert(values);
      await emit(EventTypes.CompanyCreated, companyPayload(company));
      return company;
    });
  }

  async update(id: string, input: CompanyInput): Promise<CompanyRow> {
    const changes: Partial<CompanyRow> = {};
    if (input.name != null) changes.name = requiredText(input.name, 'name', 100);
    if (input.slug != null) {
      const slug = input.slug.trim().toLowerCase();
      if (!SLUG.test(slug)) throw badInput('slug must be lowercase letters, digits and single dashes', 'slug');
      changes.slug = slug;
    }
    if (input.contactEmail !== undefined) changes.contactEmail = optionalEmail(input.contactEmail);
    if (input.contactPhone !== undefined) changes.contactPhone = phone(input.contactPhone, 'contactPhone');
    if (input.refundPolicy != null) changes.refundTiers = normalizeRefundTiers(input.refundPolicy.tiers);
    return this.write(async ({ tx, emit }) => {
      const repos = repositories(tx);
      if (changes.slug) {
        const other = await repos.companies.findBySlug(changes.slug);
        if (other && other.id !== id) throw badInput(`The slug "${changes.slug}" is already taken`, 'slug');
      }
      const company = await repos.companies.update(id, changes);
      if (!company) throw notFound('Company');
      // Trip snapshots carry the policy too, but company.updated is its source of truth.
      await emit(EventTypes.CompanyUpdated, companyPayload(company));
      return company;
    });
  }

  /** Runs a unit of work, turning a slug race lost at the unique index into the same clear error. */
  private async write<T>(fn: (uow: UnitOfWork) => Promise<T>): Promise<T> {
    try {
      return await this.deps.runner.run(fn);
    } catch (error) {
      if (isUniqueViolation(error)) throw badInput('That slug or name is already taken', 'slug');
      throw error;
    }
  }
}
