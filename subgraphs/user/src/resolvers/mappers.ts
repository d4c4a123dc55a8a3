import type { UserContext } from '../context';
import type { ProfileRow } from '../db/schema';
import type { DashboardReads } from '../services/read-dashboards';

/**
 * Objects the resolvers hand over for GraphQL types that have no single row here
 * (codegen.ts maps the generated resolver types onto them).
 */

/** A user is owned by auth; this subgraph resolves the profile and suspension from the id. */
export interface UserRef {
  id: string;
}

/** What the passenger's dashboard sections read: the summary is computed once, when first asked for. */
export interface PassengerDashboardParent {
  userId: string;
  summary: () => ReturnType<DashboardReads['passengerSummary']>;
}

/** A company's validated window; each section runs its own aggregate over it. */
export interface CompanyDashboardParent {
  companyId: string;
  from: Date;
  to: Date;
}

/** The platform figures, computed once, when first asked for. */
export interface PlatformDashboardParent {
  data: () => ReturnType<DashboardReads['platform']>;
}

/**
 * A user a query or mutation returns, as the entity; its row is kept in this request's profile reads so
 * its fields read that row without another query (a changed user's fields read what was just written).
 */
export function asUser(row: ProfileRow, ctx: UserContext): UserRef {
  ctx.services.profiles.known(row);
  return { id: row.userId };
}
