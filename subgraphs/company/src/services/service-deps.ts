import type { Db, TransactionRunner } from '@busline/shared';

/** What every company service needs: the pool for reads, the runner for units of work, a clock. */
export interface ServiceDeps {
  db: Db;
  runner: TransactionRunner;
  /** Injected so tests and seeding can pin "now". */
  now: () => Date;
  /** Most upcoming trips one company's edits send again in an hour. */
  tripResendsPerHour: number;
  /** Most buses, routes and drivers a company's admins may each add (`perKind`), and stations they may create. */
  quotas: { perKind: number; stations: number };
}
