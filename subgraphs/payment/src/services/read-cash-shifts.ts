// The shift reads: myCashShift (the caller's OPEN shift) and cashShifts (a company's shifts), with their totals.
import {
  AppError,
  ErrorCode,
  isUuid,
  pageRequest,
  requireCompanyAccess,
  requireRole,
  toConnection,
  type Connection,
  type Db,
  type Viewer,
} from '@busline/shared';
import { CashShiftRepository } from '../repositories/cash-shift-repository';
import { CASH_STAFF_ROLES, withTotals, type CashShiftView } from './cash-shifts';

export interface CashShiftListArgs {
  companyId: string;
  from?: Date | null;
  to?: Date | null;
  agentId?: string | null;
  first?: number | null;
  after?: string | null;
}

/** myCashShift and cashShifts over the pool. */
export class CashShiftReads {
  constructor(private readonly db: Db) {}

  /** The caller's OPEN shift with its totals so far, or null. */
  async myShift(viewer: Viewer): Promise<CashShiftView | null> {
    requireRole(viewer, ...CASH_STAFF_ROLES, 'PLATFORM_ADMIN');
    const shift = await new CashShiftRepository(this.db).findOpen(viewer.userId);
    return shift ? (await withTotals(this.db, [shift]))[0]! : null;
  }

  /** A company's shifts, newest first; an agent sees only their own. */
  async list(viewer: Viewer, args: CashShiftListArgs): Promise<Connection<CashShiftView>> {
    if (!isUuid(args.companyId)) throw new AppError(ErrorCode.FORBIDDEN, 'Not allowed for this company');
    requireCompanyAccess(viewer, args.companyId, ...CASH_STAFF_ROLES);
    if (args.agentId != null && !isUuid(args.agentId))
      throw new AppError(ErrorCode.BAD_USER_INPUT, 'agentId is not a valid id', { field: 'agentId' });
    const page = pageRequest(args, { cursor: ['time', 'uuid'] });
    const agentId = viewer.role === 'COUNTER_AGENT' ? viewer.userId : (args.agentId ?? null);
    const rows = await new CashShiftRepository(this.db).list(
      { companyId: args.companyId, agentId, from: args.from ?? null, to: args.to ?? null },
      page,
    );
    const connection = toConnection(rows, page, (row) => [row.openedAt.toISOString(), row.id]);
    const views = await withTotals(
      this.db,
      connection.edges.map((edge) => edge.node),
    );
    return {
      ...connection,
      edges: connection.edges.map((edge, i) => ({ cursor: edge.cursor, node: views[i]! })),
    };
  }
}
