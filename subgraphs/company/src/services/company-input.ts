import { badInput, isUniqueViolation, type TransactionRunner, type UnitOfWork } from '@busline/shared';
import type { CompanyRow } from '../db/schema';
import { refundPolicyPayload, type RefundTier } from '../domain/refund-policy';
import { canonicalTimeZone } from '../domain/zoned-time';
import type { Repositories } from '../repositories';

/** What createCompany and updateCompany share: the company fields as given, their checks, the event payload. */
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

/** A slug as given, trimmed and lower-cased: letters, digits and single dashes, at most 40 characters. */
export function slugOf(given: string): string {
  const slug = given.trim().toLowerCase();
  if (!SLUG.test(slug) || slug.length > 40) {
    throw badInput('slug must be at most 40 lowercase letters, digits and single dashes, e.g. volcano-coaches', 'slug');
  }
  return slug;
}

/** `company.created` / `company.updated` payload (docs/events.md). */
export const companyPayload = (company: CompanyRow) => ({
  companyId: company.id,
  name: company.name,
  slug: company.slug,
  refundPolicy: refundPolicyPayload(company.refundTiers),
  timeZone: company.timeZone,
  currency: company.currency,
});

/** A company's IANA time zone by its canonical name (canonicalTimeZone); BAD_USER_INPUT for one not known. */
export function timeZoneOf(value: string): string {
  const zone = value.trim();
  if (!zone) throw badInput('timeZone must be an IANA time zone such as Africa/Nairobi', 'timeZone');
  return canonicalTimeZone(zone);
}

/**
 * `zone` (checked by timeZoneOf, which already writes the links tzdata dropped as the zones they name) as the
 * database knows it: as given, or by the runtime's canonical name when the database's zone list lacks the name;
 * BAD_USER_INPUT when it knows neither (a zone newer than the database's list). A zone Postgres does not know failed
 * every dashboard of the company.
 */
export async function storedTimeZone(repos: Repositories, zone: string): Promise<string> {
  const canonical = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  const known = await repos.companies.knownTimeZones([zone, canonical]);
  if (known.includes(zone)) return zone;
  if (known.includes(canonical)) return canonical;
  throw badInput(`Unknown time zone "${zone}": use an IANA name such as Africa/Kigali`, 'timeZone');
}

/** Runs a unit of work, turning a slug race lost at the unique index into the same clear error. */
export async function writeCompany<T>(runner: TransactionRunner, fn: (uow: UnitOfWork) => Promise<T>): Promise<T> {
  try {
    return await runner.run(fn);
  } catch (error) {
    if (isUniqueViolation(error)) throw badInput('That slug or name is already taken', 'slug');
    throw error;
  }
}
