import { AppError, badInput, ErrorCode, EventTypes, notFound } from '@busline/shared';
import type { CompanyRow } from '../db/schema';
import { currencyCode } from '../domain/currency';
import { normalizeRefundTiers } from '../domain/refund-policy';
import { ALL } from '../domain/scope';
import { repositories } from '../repositories';
import { companyPayload, slugOf, storedTimeZone, timeZoneOf, writeCompany, type CompanyInput } from './company-input';
import type { ServiceDeps } from './service-deps';
import { refreshUpcomingTrips } from './trip-snapshot';
import { nameText, optionalEmail, phone } from './validation';

/** Changes a company's profile (platform admins only, checked by resolvers); emits `company.updated`. */
export class UpdateCompanyService {
  constructor(private readonly deps: ServiceDeps) {}

  async update(id: string, input: CompanyInput): Promise<CompanyRow> {
    const changes: Partial<CompanyRow> = {};
    if (input.name != null) changes.name = nameText(input.name, 'name', 100);
    if (input.slug != null) changes.slug = slugOf(input.slug);
    if (input.contactEmail !== undefined) changes.contactEmail = optionalEmail(input.contactEmail);
    if (input.contactPhone !== undefined) changes.contactPhone = phone(input.contactPhone, 'contactPhone');
    if (input.refundPolicy != null) changes.refundTiers = normalizeRefundTiers(input.refundPolicy.tiers);
    if (input.timeZone != null) changes.timeZone = timeZoneOf(input.timeZone);
    if (input.currency != null) changes.currency = currencyCode(input.currency);
    return writeCompany(this.deps.runner, async (uow) => {
      const { tx, emit } = uow;
      const repos = repositories(tx);
      const now = this.deps.now();
      // Before the check below: scheduling, repricing and fares share-lock the company while they use its currency.
      if (!(await repos.companies.lock(id, 'update'))) throw notFound('Company');
      if (changes.timeZone) changes.timeZone = await storedTimeZone(repos, changes.timeZone);
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
      if (company.timeZone !== before.timeZone)
        await refreshUpcomingTrips(uow, repos, { companyId: id }, this.deps, ALL);
      // Trip snapshots carry the policy too, but company.updated is its source of truth.
      await emit(EventTypes.CompanyUpdated, companyPayload(company));
      return company;
    });
  }
}
