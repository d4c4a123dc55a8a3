import { AppError, canActForCompany, ErrorCode, type Executor, type Viewer } from '@busline/shared';
import type { BookingRow } from '../db/schema';
import { BookingRepository } from '../repositories/booking-repository';

export interface CounterSalesQuery {
  companyId: string;
  from?: Date | null;
  to?: Date | null;
  soldBy?: string | null;
  after: [string, string] | null;
  limit: number;
}

/**
 * Reads of a company's counter sales: its admins (and platform admins) see every seller's, a counter
 * agent only their own, whatever `soldBy` they ask for; anyone else is FORBIDDEN.
 */
export class CounterSalesReads {
  constructor(private readonly db: Executor) {}

  async list(viewer: Viewer, query: CounterSalesQuery): Promise<BookingRow[]> {
    let soldBy = query.soldBy ?? null;
    if (!canActForCompany(viewer, query.companyId, 'COMPANY_ADMIN')) {
      if (!canActForCompany(viewer, query.companyId, 'COUNTER_AGENT'))
        throw new AppError(ErrorCode.FORBIDDEN, 'Not allowed for this company');
      soldBy = viewer.userId;
    }
    return new BookingRepository(this.db).listCounterSales({ ...query, soldBy });
  }
}
