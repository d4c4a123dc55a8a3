// cashRefundsDue: a company's cash refunds owed to passengers (refund state DUE), oldest first.
import {
  AppError,
  canActForCompany,
  ErrorCode,
  isUuid,
  pageRequest,
  requireCompanyAccess,
  toConnection,
  type Connection,
  type Db,
  type Viewer,
} from '@busline/shared';
import type { PaymentRow } from '../db/schema';
import { RefundRepository } from '../repositories/refund-repository';
import type { BookingRef } from '../resolvers/mappers';
import { CASH_STAFF_ROLES, type Money } from './cash-shifts';

/** A cash refund owed to a passenger (refund state DUE), as cashRefundsDue shows it. */
export interface CashRefundDueView {
  id: string;
  payment: PaymentRow;
  booking: BookingRef;
  amount: Money;
  reason: string;
  dueSince: Date;
}

export interface CashRefundsDueArgs {
  companyId: string;
  first?: number | null;
  after?: string | null;
}

/** cashRefundsDue over the pool. */
export class CashRefundsDueReads {
  constructor(private readonly db: Db) {}

  /**
   * A company's cash refunds owed to passengers (DUE), oldest first: its admins and platform admins see them all, its
   * counter agents those of its counter sales.
   */
  async refundsDue(viewer: Viewer, args: CashRefundsDueArgs): Promise<Connection<CashRefundDueView>> {
    if (!isUuid(args.companyId)) throw new AppError(ErrorCode.FORBIDDEN, 'Not allowed for this company');
    requireCompanyAccess(viewer, args.companyId, ...CASH_STAFF_ROLES);
    const page = pageRequest(args, { cursor: ['time', 'uuid'] });
    // A counter agent sees the company's counter sales only (as ticketing shows them), so their refunds only.
    const counterSalesOnly = !canActForCompany(viewer, args.companyId, 'COMPANY_ADMIN');
    const rows = await new RefundRepository(this.db).listDue(args.companyId, page, counterSalesOnly);
    const connection = toConnection(rows, page, ({ refund }) => [refund.createdAt.toISOString(), refund.id]);
    return {
      ...connection,
      edges: connection.edges.map(({ cursor, node: { refund, payment } }) => ({
        cursor,
        node: {
          id: refund.id,
          payment,
          booking: { __typename: 'Booking', id: refund.bookingId },
          amount: { amount: refund.amount, currency: refund.currency },
          reason: refund.reason,
          dueSince: refund.createdAt,
        },
      })),
    };
  }
}
