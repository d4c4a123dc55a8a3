// closeCashShift: the agent's OPEN shift closed, answered with its final totals.
import { AppError, ErrorCode, requireRole, type TransactionRunner, type Viewer } from '@busline/shared';
import { CashShiftRepository } from '../repositories/cash-shift-repository';
import { CASH_STAFF_ROLES, withTotals, type CashShiftView } from './cash-shifts';

/** closeCashShift: the close and the totals read in one transaction. */
export class CloseCashShiftService {
  constructor(private readonly runner: TransactionRunner) {}

  /** Closes the caller's OPEN shift and answers its final totals (read in the same transaction). */
  async closeShift(viewer: Viewer): Promise<CashShiftView> {
    requireRole(viewer, ...CASH_STAFF_ROLES, 'PLATFORM_ADMIN');
    return this.runner.run(async ({ tx }) => {
      // Waits for payments being recorded on the shift (they hold it FOR SHARE): they are in the totals.
      const closed = await new CashShiftRepository(tx).close(viewer.userId);
      if (!closed)
        throw new AppError(ErrorCode.BAD_USER_INPUT, 'You have no open cash shift', { reason: 'NO_OPEN_SHIFT' });
      return (await withTotals(tx, [closed]))[0]!;
    });
  }
}
