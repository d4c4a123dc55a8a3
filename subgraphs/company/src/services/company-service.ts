import {
  AppError,
  badInput,
  ErrorCode,
  EventTypes,
  isUniqueViolation,
  notFound,
  type UnitOfWork,
} from '@busline/shared';
import type { CompanyRow } from '../db/schema';
import { currencyCode, DEFAULT_CURRENCY } from '../domain/currency';
import {
  DEFAULT_REFUND_TIERS,
  normalizeRefundTiers,
  refundPolicyPayload,
  type RefundTier,
} from '../domain/refund-policy';
import { assertTimeZone, DEFAULT_TIME_ZONE } from '../domain/zoned-time';
import { repositories } from '../repositories';
import type { ServiceDeps } from './service-deps';
import { refreshUpcomingTrips } from './trip-snapshot';
import { optionalEmail, phone, requiredText } from './validation';

export interface CompanyInput {
  name?: string | null;
  slug?: string | null;
  contactEmail?: string | null;
  contactPhone?: string | null;
  refundPolicy?: { tiers: RefundTier[] } | null;
  timeZone?: string | null;
  currency?: string | null;
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** `company.created` / `company.updated` payload (docs/events.md). */
export const companyPayload = (company: CompanyRow) => ({
  companyId: company.id,
  name: company.name,
  slug: company.slug,
  refundPolicy: refundPolicyPayload(company.refundTiers),
  timeZone: company.timeZone,
  currency: company.currency,
});

/** A company's IANA time zone as given, trimmed; BAD_USER_INPUT for one this runtime does not know. */
function timeZoneOf(value: string): string {
  const zone = value.trim();
  if (!zone) throw badInput('timeZone must be an IANA time zone such as Africa/Nairobi', 'timeZone');
  assertTimeZone(zone);
  return zone;
}

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
      timeZone: input.timeZone != null ? timeZoneOf(input.timeZone) : DEFAULT_TIME_ZONE,
      currency: input.currency != null ? currencyCode(input.currency) : DEFAULT_CURRENCY,
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
    if (input.timeZone != null) changes.timeZone = timeZoneOf(input.timeZone);
    if (input.currency != null) changes.currency = currencyCode(input.currency);
    return this.write(async (uow) => {
      const { tx, emit } = uow;
      const repos = repositories(tx);
      const now = this.deps.now();
      if (changes.currency) {
        // Prices and fares are in the company's currency: a trip still on sale or on the road keeps the one it
        // was sold in, so the currency changes only once no such trip is left (cancel or let them run first).
        if (await repos.trips.hasOpenTripNotIn(id, changes.currency, now)) {
          throw new AppError(
            ErrorCode.BAD_USER_INPUT,
            `The company has trips priced in another currency than ${changes.currency} that are not over yet`,
            { field: 'currency', reason: 'CURRENCY_IN_USE' },
          );
        }
      }
      if (changes.slug) {
        const other = await repos.companies.findBySlug(changes.slug);
        if (other && other.id !== id) throw badInput(`The slug "${changes.slug}" is already taken`, 'slug');
      }
      const before = (await repos.companies.findByIds([id]))[0];
      const company = await repos.companies.update(id, changes);
      if (!company || !before) throw notFound('Company');
      // Fares set in the old currency would never apply again.
      if (company.currency !== before.currency) await repos.fares.removeCompanyFaresNotIn(id, company.currency);
      // Upcoming trips are re-sent so searches date them in the new zone.
      if (company.timeZone !== before.timeZone) await refreshUpcomingTrips(uow, repos, { companyId: id }, now);
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
