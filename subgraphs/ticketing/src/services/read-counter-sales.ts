import {
  AppError,
  canActForCompany,
  ErrorCode,
  pageRequest,
  toConnection,
  type Executor,
  type Viewer,
} from '@busline/shared';
import { BookingRepository } from '../repositories/booking-repository';

/** counterSales arguments: the company, a window of sale times, one seller, and the page. */
export interface CounterSalesQuery {
  companyId: string;
  from?: Date | null;
  to?: Date | null;
  soldBy?: string | null;
  first?: number | null;
  after?: string | null;
}

/**
 * Reads of a company's counter sales: its admins (and platform admins) see every seller's, a counter
 * agent only their own, whatever `soldBy` they ask for; anyone else is FORBIDDEN.
 */
export class CounterSalesReads {
  constructor(private readonly db: Executor) {}

  /** One keyset page of the sales, newest first (cursor: created at, id). */
  async list(viewer: Viewer, query: CounterSalesQuery) {
    const page = pageRequest(query, { cursor: ['time', 'uuid'] });
    let soldBy = query.soldBy ?? null;
    if (!canActForCompany(viewer, query.companyId, 'COMPANY_ADMIN')) {
      if (!canActForCompany(viewer, query.companyId, 'COUNTER_AGENT'))
        throw new AppError(ErrorCode.FORBIDDEN, 'Not allowed for this company');
      soldBy = viewer.userId;
    }
    const rows = await new BookingRepository(this.db).listCounterSales({
      companyId: query.companyId,
      from: query.from ?? null,
      to: query.to ?? null,
      soldBy,
      after: page.after as [string, string] | null,
      limit: page.limit,
    });
    return toConnection(rows, page, (b) => [b.createdAt.toISOString(), b.id]);
  }
}
