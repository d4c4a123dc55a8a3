import { and, count, desc, eq, gte, lt, sql, sum, type SQL } from 'drizzle-orm';
import { afterTimeCursor, anyOf, type Executor, type PageRequest } from '@busline/shared';
import { cashShifts, payments, refunds, type CashShiftRow } from '../db/schema';

export interface CashShiftFilter {
  companyId: string;
  agentId?: string | null;
  /** Opened at or after. */
  from?: Date | null;
  /** Opened before. */
  to?: Date | null;
}

/** What one shift moved in one currency: cash taken (prices paid) and cash handed back. */
export interface ShiftCurrencyTotal {
  shiftId: string;
  currency: string;
  taken: number;
  refunded: number;
}

/** Counts and per-currency sums of the payments and refunds recorded on shifts. */
export interface ShiftTotals {
  totals: ShiftCurrencyTotal[];
  paymentCounts: Map<string, number>;
  refundCounts: Map<string, number>;
}

/** SQL for cash shifts and the sums of what was recorded on them. */
export class CashShiftRepository {
  constructor(private readonly db: Executor) {}

  /**
   * The agent's OPEN shift, locked FOR SHARE until the transaction ends: a closeCashShift running at the
   * same time waits, so a payment never lands on a shift after its totals were answered; and one that
   * closed first no longer matches here.
   */
  async findOpenForShare(agentId: string): Promise<CashShiftRow | undefined> {
    const [row] = await this.db
      .select()
      .from(cashShifts)
      .where(and(eq(cashShifts.agentId, agentId), eq(cashShifts.status, 'OPEN')))
      .for('share');
    return row;
  }

  async findOpen(agentId: string): Promise<CashShiftRow | undefined> {
    const [row] = await this.db
      .select()
      .from(cashShifts)
      .where(and(eq(cashShifts.agentId, agentId), eq(cashShifts.status, 'OPEN')));
    return row;
  }

  /** Whether the agent has ever had a shift (open or closed) for the company: they work at its counter. */
  async hasShiftFor(agentId: string, companyId: string): Promise<boolean> {
    const rows = await this.db
      .select({ id: cashShifts.id })
      .from(cashShifts)
      .where(and(eq(cashShifts.agentId, agentId), eq(cashShifts.companyId, companyId)))
      .limit(1);
    return rows.length > 0;
  }

  /**
   * Opens a shift unless the agent has one OPEN; undefined when another transaction opened it first
   * (the partial unique index: the caller reads that one).
   */
  async tryOpen(agentId: string, companyId: string): Promise<CashShiftRow | undefined> {
    const [row] = await this.db
      .insert(cashShifts)
      // Milliseconds, as in cursors: a page boundary never falls between two microseconds.
      .values({ agentId, companyId, status: 'OPEN', openedAt: new Date() })
      .onConflictDoNothing({ target: cashShifts.agentId, where: sql`status = 'OPEN'` })
      .returning();
    return row;
  }

  /** Closes the agent's OPEN shift (of `companyId`, when given) as `closedBy`; undefined when none is open. */
  async close(agentId: string, closedBy: string, companyId?: string): Promise<CashShiftRow | undefined> {
    const [row] = await this.db
      .update(cashShifts)
      .set({ status: 'CLOSED', closedAt: new Date(), closedBy })
      .where(
        and(
          eq(cashShifts.agentId, agentId),
          eq(cashShifts.status, 'OPEN'),
          companyId ? eq(cashShifts.companyId, companyId) : undefined,
        ),
      )
      .returning();
    return row;
  }

  /**
   * One page of a company's shifts, newest opened first by (opened_at, id); one extra row tells whether more follow.
   */
  async list(filter: CashShiftFilter, page: PageRequest): Promise<CashShiftRow[]> {
    const conditions: (SQL | undefined)[] = [
      eq(cashShifts.companyId, filter.companyId),
      filter.agentId ? eq(cashShifts.agentId, filter.agentId) : undefined,
      filter.from ? gte(cashShifts.openedAt, filter.from) : undefined,
      filter.to ? lt(cashShifts.openedAt, filter.to) : undefined,
    ];
    if (page.after)
      conditions.push(afterTimeCursor(cashShifts, cashShifts.openedAt, cashShifts.id, page.after, 'desc'));
    return this.db
      .select()
      .from(cashShifts)
      .where(and(...conditions))
      .orderBy(desc(cashShifts.openedAt), desc(cashShifts.id))
      .limit(page.limit + 1);
  }

  /** The cash taken on `shiftId` in `currency` (the sum of its payments' prices). */
  /**
   * Takes the shift's lock for counting its total until the transaction ends: cash sales on one shift check its total
   * one after another (they hold the shift FOR SHARE together, which does not order them), each reading it after the
   * one before committed (in a statement after this one).
   */
  async lockTotal(shiftId: string): Promise<void> {
    await this.db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`payment.shift-total:${shiftId}`}, 0))`);
  }

  async taken(shiftId: string, currency: string): Promise<number> {
    const [row] = await this.db
      .select({ amount: sum(payments.amount).mapWith(Number) })
      .from(payments)
      .where(and(eq(payments.shiftId, shiftId), eq(payments.currency, currency)));
    return row?.amount ?? 0;
  }

  async handedBack(shiftId: string, currency: string): Promise<number> {
    const [row] = await this.db
      .select({ amount: sum(refunds.amount).mapWith(Number) })
      .from(refunds)
      .where(and(eq(refunds.shiftId, shiftId), eq(refunds.currency, currency), eq(refunds.status, 'SUCCEEDED')));
    return row?.amount ?? 0;
  }

  /** Sums per shift and currency of the cash payments taken and the cash refunds handed back on `shiftIds`. */
  async totals(shiftIds: readonly string[]): Promise<ShiftTotals> {
    const result: ShiftTotals = { totals: [], paymentCounts: new Map(), refundCounts: new Map() };
    if (shiftIds.length === 0) return result;
    const ids = [...shiftIds];
    const taken = await this.db
      .select({
        shiftId: payments.shiftId,
        currency: payments.currency,
        amount: sum(payments.amount).mapWith(Number),
        n: count(),
      })
      .from(payments)
      .where(anyOf(payments.shiftId, ids))
      .groupBy(payments.shiftId, payments.currency);
    const handedBack = await this.db
      .select({
        shiftId: refunds.shiftId,
        currency: refunds.currency,
        amount: sum(refunds.amount).mapWith(Number),
        n: count(),
      })
      .from(refunds)
      .where(and(anyOf(refunds.shiftId, ids), eq(refunds.status, 'SUCCEEDED')))
      .groupBy(refunds.shiftId, refunds.currency);
    const byKey = new Map<string, ShiftCurrencyTotal>();
    const entry = (shiftId: string, currency: string) => {
      const key = `${shiftId}/${currency}`;
      let total = byKey.get(key);
      if (!total) byKey.set(key, (total = { shiftId, currency, taken: 0, refunded: 0 }));
      return total;
    };
    for (const row of taken) {
      entry(row.shiftId!, row.currency).taken += row.amount;
      result.paymentCounts.set(row.shiftId!, (result.paymentCounts.get(row.shiftId!) ?? 0) + row.n);
    }
    for (const row of handedBack) {
      entry(row.shiftId!, row.currency).refunded += row.amount;
      result.refundCounts.set(row.shiftId!, (result.refundCounts.get(row.shiftId!) ?? 0) + row.n);
    }
    result.totals = [...byKey.values()].sort((a, b) => a.currency.localeCompare(b.currency));
    return result;
  }
}
