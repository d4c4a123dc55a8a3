// closeCashShift: an agent's OPEN shift closed, answered with its final totals.
import {
  AppError,
  ErrorCode,
  forbidden,
  isUuid,
  requireRole,
  type Logger,
  type TransactionRunner,
  type Viewer,
} from '@busline/shared';
import { CashShiftRepository } from '../repositories/cash-shift-repository';
import { CASH_STAFF_ROLES, withTotals, type CashShiftView } from './cash-shifts';

/** closeCashShift: the close and the totals read in one transaction. */
export class CloseCashShiftService {
  constructor(
    private readonly runner: TransactionRunner,
    private readonly logger: Logger,
  ) {}

  /**
   * Closes the caller's OPEN shift, or with `agentId` that agent's (a company admin for their company's shift, a
   * platform admin for any: the till of an agent who left or forgot), and answers its final totals (read in the same
   * transaction).
   */
  async closeShift(viewer: Viewer, agentId?: string | null): Promise<CashShiftView> {
    requireRole(viewer, ...CASH_STAFF_ROLES, 'PLATFORM_ADMIN');
    // An empty agentId (a form with no agent picked) is refused, not read as "my own shift": it closed the caller's.
    if (agentId != null && !isUuid(agentId))
      throw new AppError(ErrorCode.BAD_USER_INPUT, 'agentId is not a valid id', { field: 'agentId' });
    const forOther = agentId != null && agentId !== viewer.userId;
    const admin = viewer.role === 'PLATFORM_ADMIN' || (viewer.role === 'COMPANY_ADMIN' && !!viewer.companyId);
    if (forOther && !admin) throw forbidden("Only a company admin may close another agent's cash shift");
    const owner = forOther ? agentId : viewer.userId;
    // A company admin closes shifts of their own company only; a platform admin any.
    const company = forOther && viewer.role === 'COMPANY_ADMIN' ? viewer.companyId! : undefined;
    const view = await this.runner.run(async ({ tx }) => {
      // Waits for payments being recorded on the shift (they hold it FOR SHARE): they are in the totals.
      const closed = await new CashShiftRepository(tx).close(owner, viewer.userId, company);
      if (!closed)
        throw new AppError(
          ErrorCode.BAD_USER_INPUT,
          forOther ? 'That agent has no open cash shift you may close' : 'You have no open cash shift',
          { reason: 'NO_OPEN_SHIFT' },
        );
      return (await withTotals(tx, [closed]))[0]!;
    });
    if (forOther)
      this.logger.info(
        { shiftId: view.id, agentId: owner, closedBy: viewer.userId, companyId: view.companyId },
        'cash shift closed for its agent',
      );
    return view;
  }
}
