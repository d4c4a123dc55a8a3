import {
  and,
  asc,
  desc,
  eq,
  exists,
  gt,
  gte,
  inArray,
  isNotNull,
  isNull,
  lte,
  ne,
  not,
  notInArray,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import { afterTimeCursor, anyOf, queryRows, type Executor, type PageRequest } from '@busline/shared';
import {
  bookings,
  messageEvents,
  messages,
  type Channel,
  type MessageEventRow,
  type MessageKind,
  type MessageRow,
  type MessageStatus,
} from '../db/schema';

export type NewMessage = typeof messages.$inferInsert;

/** The messages anyone can have written, to any address, at no cost: held back past the per-address limit. */
const LIMITED_KINDS: ReadonlySet<MessageRow['kind']> = new Set(['HOLD_EXPIRING', 'CLAIM_CODE']);

/** Why a message was given up unsent: its address had received as many as the hourly limit allows. */
export const ADDRESS_LIMIT = 'ADDRESS_LIMIT: not sent, this address was written the most messages allowed in an hour';

/** Why a trip's change of time was not sent: a later change replaced it before it went out. */
export const SUPERSEDED = "SUPERSEDED: not sent, a later change of the trip's time (or its cancellation) replaced it";

/** Why a hold reminder was not sent: the hold was paid, cancelled or expired before it went out. */
export const HOLD_ENDED = 'HOLD_ENDED: not sent, the hold was paid, cancelled or expired before it went out';

/** Why a message was not sent: what it says lapsed before it went out (a claim code past its expiry, send_before). */
export const EXPIRED = 'EXPIRED: not sent, what it says lapsed before it went out (a code past its expiry)';

/** Why a message was given up unsent: its passenger turned its channel off. */
export const CHANNEL_OFF = 'CHANNEL_OFF: not sent, the passenger turned this channel off';

/** Why a message not sent yet went to another address: its passenger changed theirs. */
export const ADDRESS_CHANGED = 'ADDRESS_CHANGED: to the address the passenger has now, not the one it was written for';
/** Why a message was given up unsent: its passenger removed the address it was written for. */
export const ADDRESS_REMOVED = 'ADDRESS_REMOVED: not sent, the passenger no longer has this address';

export interface MessageFilter {
  status?: MessageStatus | null;
  channel?: Channel | null;
  kind?: MessageKind | null;
  userId?: string | null;
  bookingId?: string | null;
  tripId?: string | null;
  /** Part of the phone number or e-mail address. */
  address?: string | null;
  since?: Date | null;
}

/**
 * When a failed send is tried again: after `baseMs` doubled per earlier attempt, at most `maxMs`, until `forMs` has
 * passed since the message's first attempt and it was tried `maxAttempts` times (whichever comes last). A provider
 * down for an hour, or an account whose balance or sending quota ran out, is measured in time: a count alone would
 * give every message up within minutes of an outage, and nothing sends a FAILED message again.
 */
export interface RetryPolicy {
  baseMs: number;
  maxMs: number;
  maxAttempts: number;
  forMs: number;
}

/** A message to send now: waiting and due, or left SENDING by a sender whose lease ran out. */
function dueNow(now: Date): SQL {
  return and(inArray(messages.status, ['PENDING', 'RETRYING', 'SENDING']), lte(messages.nextAttemptAt, now))!;
}

/**
 * A message not sent yet whose sending may be given up: waiting (PENDING, RETRYING after a failed send) or left
 * SENDING by a sender whose lease ran out (it stopped before recording the provider's answer). One whose lease still
 * runs is being sent at this moment and is left to its send.
 */
function notSentYet(now: Date): SQL {
  return or(
    inArray(messages.status, ['PENDING', 'RETRYING']),
    and(eq(messages.status, 'SENDING'), lte(messages.nextAttemptAt, now)),
  )!;
}

/** A message being sent at this moment: SENDING, its lease still running. */
function beingSent(now: Date): SQL {
  return and(eq(messages.status, 'SENDING'), gt(messages.nextAttemptAt, now))!;
}

/** SQL for messages and the history of their states. */
export class MessageRepository {
  constructor(private readonly db: Executor) {}

  /**
   * Records messages to send; one already recorded for the same cause, recipient and channel is left
   * as it is. Returns the ones that are new. With `perAddressPerHour`, a message anyone can cause (LIMITED_KINDS:
   * a hold reminder, a claim code) to an address that was written that many of them (not given up) in the last
   * hour is recorded as FAILED without being sent (ADDRESS_LIMIT): nobody can have the platform flood a phone or
   * mailbox. Messages of paid bookings and trip alerts to a passenger's own address are never held back, but to an
   * address a seller typed (`typedByCompanyId`: a counter sale's walk-in passenger, sold by that company) every
   * message counts, trip alerts included, and is held back past the limit: a sale cancelled at once costs its seller
   * only the cancellation fee, and moving a trip costs nothing. Only that company's messages to the address count,
   * so one company's sales never hold back another's. The addresses' advisory locks make concurrent writers count
   * one after another (in the caller's transaction).
   */
  async enqueue(
    rows: NewMessage[],
    limits: { perAddressPerHour?: number; typedByCompanyId?: string } = {},
  ): Promise<MessageRow[]> {
    if (rows.length === 0) return [];
    const typedBy = limits.typedByCompanyId;
    if (typedBy) rows = rows.map((row) => ({ ...row, typedByCompanyId: typedBy }));
    let accepted = rows;
    let refused: NewMessage[] = [];
    const isLimited = (row: NewMessage) => typedBy !== undefined || LIMITED_KINDS.has(row.kind);
    const limited = rows.filter(isLimited);
    if (limits.perAddressPerHour !== undefined && limited.length > 0) {
      // Counted by the phone or mailbox an address reaches, however it is written (+2500788…, name+tag@…).
      const mailboxOf = await this.mailboxesOf(limited.map((row) => row.address));
      const mailboxes = [...new Set(mailboxOf.values())].sort();
      for (const mailbox of mailboxes)
        await this.db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`notification.to:${mailbox}`}, 0))`);
      const written = await this.writtenInLastHour(mailboxes, typedBy ?? null);
      accepted = [];
      for (const row of rows) {
        if (!isLimited(row)) {
          accepted.push(row);
          continue;
        }
        const mailbox = mailboxOf.get(row.address)!;
        const count = written.get(mailbox) ?? 0;
        if (count >= limits.perAddressPerHour) refused.push(row);
        else {
          accepted.push(row);
          written.set(mailbox, count + 1);
        }
      }
    }
    const created = accepted.length
      ? await this.db.insert(messages).values(accepted).onConflictDoNothing().returning()
      : [];
    if (refused.length > 0)
      refused = await this.db
        .insert(messages)
        .values(refused.map((row) => ({ ...row, status: 'FAILED' as const, lastError: ADDRESS_LIMIT })))
        .onConflictDoNothing()
        .returning();
    const events = [
      ...created.map((m) => ({ messageId: m.id, status: 'PENDING' as const, attempt: 0 })),
      ...(refused as MessageRow[]).map((m) => ({
        messageId: m.id,
        status: 'FAILED' as const,
        attempt: 0,
        detail: ADDRESS_LIMIT,
      })),
    ];
    if (events.length > 0) await this.db.insert(messageEvents).values(events);
    return created;
  }

  /**
   * Messages anyone can cause (or, with `typedBy`, every message to the address as typed by that company's sellers)
   * written to each address in the last hour, those given up (FAILED) left out.
   */
  private async writtenInLastHour(mailboxes: string[], typedBy: string | null): Promise<Map<string, number>> {
    const rows = await this.db
      .select({ mailbox: messages.mailbox, count: sql<number>`count(*)::int` })
      .from(messages)
      .where(
        and(
          anyOf(messages.mailbox, mailboxes),
          typedBy ? eq(messages.typedByCompanyId, typedBy) : inArray(messages.kind, [...LIMITED_KINDS]),
          sql`${messages.createdAt} > now() - interval '1 hour'`,
          sql`${messages.status} <> 'FAILED'`,
        ),
      )
      .groupBy(messages.mailbox);
    return new Map(rows.map((row) => [row.mailbox, row.count]));
  }

  /** The mailbox (messages.mailbox) of each of `addresses`, as the database works it out. */
  private async mailboxesOf(addresses: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(addresses)];
    const rows = await queryRows<{ address: string; mailbox: string }>(
      this.db,
      sql`select a as address, "notification"."mailbox"(a) as mailbox from unnest(${sql.param(unique)}::text[]) a`,
    );
    return new Map(rows.map((row) => [row.address, row.mailbox]));
  }

  /** Hold reminders written to an account since `since`, counted by booking. */
  /**
   * Takes the accounts' reminder locks until the transaction ends, in id order (two instances never wait on each
   * other crosswise): what remindersTo counts for them is then final until this transaction commits.
   */
  async lockReminderAccounts(userIds: string[]): Promise<void> {
    for (const userId of [...new Set(userIds)].sort())
      await this.db.execute(
        sql`select pg_advisory_xact_lock(hashtextextended(${`notification.reminders:${userId}`}, 0))`,
      );
  }

  async remindersTo(userId: string, since: Date): Promise<number> {
    const [row] = await this.db
      .select({ count: sql<number>`count(distinct ${messages.bookingId})::int` })
      .from(messages)
      .where(and(eq(messages.userId, userId), eq(messages.kind, 'HOLD_EXPIRING'), gte(messages.createdAt, since)));
    return row?.count ?? 0;
  }

  /**
   * Leases due messages (SKIP LOCKED): SENDING with one more attempt, and not due again before
   * `leaseMs` — a sender that died mid-send leaves them to be tried again then. A due message no longer wanted
   * (unwanted: a reason recorded while it was being sent, a hold reminder whose hold ended, or a message past its
   * send_before, EXPIRED) is given up instead of
   * leased: one left SENDING by a sender that died before the provider had it is checked again here.
   */
  async claimDue(limit: number, leaseMs: number): Promise<MessageRow[]> {
    const now = new Date();
    await this.giveUpUnwanted(limit, now);
    const due = this.db
      .select({ id: messages.id })
      .from(messages)
      .where(
        and(
          dueNow(now),
          // Never leased, in case it became unwanted after the statement above: the next pass gives it up.
          not(this.unwanted(now)),
        ),
      )
      .orderBy(asc(messages.nextAttemptAt))
      .limit(limit)
      .for('update', { skipLocked: true });
    const claimed = await this.db
      .update(messages)
      .set({
        status: 'SENDING',
        attempts: sql`${messages.attempts} + 1`,
        // The sender's clock, as markFailed reads it to tell how long the message has been tried.
        firstAttemptAt: sql`coalesce(${messages.firstAttemptAt}, ${now.toISOString()}::timestamptz)`,
        nextAttemptAt: new Date(Date.now() + leaseMs),
        updatedAt: sql`now()`,
      })
      .where(inArray(messages.id, due))
      .returning();
    if (claimed.length > 0)
      await this.db
        .insert(messageEvents)
        .values(claimed.map((m) => ({ messageId: m.id, status: 'SENDING' as const, attempt: m.attempts })));
    return claimed;
  }

  /**
   * A hold reminder whose hold ended: its booking left HELD (paid, cancelled, expired, refunded) or the hold's time
   * ran out before booking.expired was read. Either way "pay or lose the seats" is wrong now.
   */
  private holdEnded(now: Date): SQL {
    return and(
      eq(messages.kind, 'HOLD_EXPIRING'),
      exists(
        this.db
          .select({ bookingId: bookings.bookingId })
          .from(bookings)
          .where(
            and(
              eq(bookings.bookingId, messages.bookingId),
              or(ne(bookings.status, 'HELD'), lte(bookings.expiresAt, now)),
            ),
          ),
      ),
    )!;
  }

  /** A message whose content lapsed (send_before passed: a claim code past its expiry). */
  private lapsed(now: Date): SQL {
    return and(isNotNull(messages.sendBefore), lte(messages.sendBefore, now))!;
  }

  /**
   * A message no longer wanted: a reason to give it up recorded while it was being sent, holdEnded, or lapsed. Checked
   * at every lease, a retry included: a message may be tried for hours (RetryPolicy), past the time it was worth it.
   */
  private unwanted(now: Date): SQL {
    return or(isNotNull(messages.giveUpReason), this.holdEnded(now), this.lapsed(now))!;
  }

  /**
   * Gives up up to `limit` due messages no longer wanted (unwanted), with their reason (EXPIRED for a message past its
   * send_before, HOLD_ENDED for a hold reminder whose hold ended): waiting, or left SENDING by a sender whose lease ran
   * out.
   */
  private async giveUpUnwanted(limit: number, now: Date): Promise<void> {
    const ended = this.db
      .select({ id: messages.id })
      .from(messages)
      .where(and(dueNow(now), this.unwanted(now)))
      .limit(limit)
      .for('update', { skipLocked: true });
    const rows = await this.db
      .update(messages)
      .set({
        status: 'FAILED',
        lastError: sql`coalesce(
          ${messages.giveUpReason},
          case when ${this.lapsed(now)} then ${EXPIRED} else ${HOLD_ENDED} end
        )`,
        updatedAt: sql`now()`,
      })
      .where(inArray(messages.id, ended))
      .returning({ id: messages.id, attempts: messages.attempts, reason: messages.lastError });
    for (const reason of new Set(rows.map((row) => row.reason!)))
      await this.recordGivenUp(
        rows.filter((row) => row.reason === reason),
        reason,
      );
  }

  /** The provider took the message. Only the attempt that holds it (SENDING, same attempt) records it. */
  async markSent(message: MessageRow, providerMessageId: string | null): Promise<boolean> {
    const rows = await this.db
      .update(messages)
      .set({ status: 'SENT', sentAt: new Date(), providerMessageId, lastError: null, updatedAt: sql`now()` })
      .where(and(eq(messages.id, message.id), eq(messages.status, 'SENDING'), eq(messages.attempts, message.attempts)))
      .returning({ id: messages.id });
    if (rows.length > 0)
      await this.db
        .insert(messageEvents)
        .values({ messageId: message.id, status: 'SENT', attempt: message.attempts, detail: providerMessageId });
    return rows.length > 0;
  }

  /**
   * The attempt failed: RETRYING after `baseMs` doubled per earlier attempt (at most `maxMs`), or FAILED when the
   * refusal is permanent or the message was tried long and often enough (RetryPolicy). Returns the status recorded.
   */
  async markFailed(
    message: MessageRow,
    error: string,
    permanent: boolean,
    retry: RetryPolicy,
  ): Promise<MessageStatus | undefined> {
    const firstAttemptAt = message.firstAttemptAt?.getTime() ?? Date.now();
    const spent = message.attempts >= retry.maxAttempts && Date.now() - firstAttemptAt >= retry.forMs;
    const status: MessageStatus = permanent || spent ? 'FAILED' : 'RETRYING';
    const delay = Math.min(retry.baseMs * 2 ** Math.min(message.attempts - 1, 30), retry.maxMs);
    const rows = await this.db
      .update(messages)
      .set({
        status,
        lastError: error.slice(0, 1000),
        nextAttemptAt: new Date(Date.now() + delay),
        updatedAt: sql`now()`,
      })
      .where(and(eq(messages.id, message.id), eq(messages.status, 'SENDING'), eq(messages.attempts, message.attempts)))
      .returning({ id: messages.id });
    if (rows.length === 0) return undefined;
    await this.db
      .insert(messageEvents)
      .values({ messageId: message.id, status, attempt: message.attempts, detail: error.slice(0, 1000) });
    return status;
  }

  /**
   * The user's messages on `channel` not sent yet (PENDING, RETRYING after a failed send, or SENDING: a send under way
   * goes on, any retry of it uses the new address) to the address `from` they no longer have: sent to `to` instead,
   * or given up (ADDRESS_REMOVED) when they have none on that channel. Messages to a counter sale's walk-in
   * passenger, recorded under the seller, are not the seller's and stay. Each gets a line of its history.
   */
  async readdress(userId: string, channel: Channel, from: string, to: string | null): Promise<number> {
    const rows = await this.db
      .update(messages)
      .set(
        to
          ? { address: to, updatedAt: sql`now()` }
          : { status: 'FAILED', lastError: ADDRESS_REMOVED, updatedAt: sql`now()` },
      )
      .where(
        and(
          eq(messages.userId, userId),
          eq(messages.channel, channel),
          eq(messages.address, from),
          inArray(messages.status, ['PENDING', 'RETRYING', 'SENDING']),
          this.notToWalkIns(userId),
        ),
      )
      .returning({ id: messages.id, status: messages.status, attempts: messages.attempts });
    if (rows.length > 0)
      await this.db.insert(messageEvents).values(
        rows.map((row) => ({
          messageId: row.id,
          status: row.status,
          attempt: row.attempts,
          detail: to ? ADDRESS_CHANGED : ADDRESS_REMOVED,
        })),
      );
    return rows.length;
  }

  /** The user's own messages: not those to a counter sale's walk-in passenger, recorded under the seller. */
  private notToWalkIns(userId: string): SQL | undefined {
    return or(
      isNull(messages.bookingId),
      notInArray(
        messages.bookingId,
        this.db
          .select({ bookingId: bookings.bookingId })
          .from(bookings)
          .where(and(eq(bookings.userId, userId), isNotNull(bookings.contact), isNull(bookings.claimedAt))),
      ),
    );
  }

  /**
   * Gives up the user's messages on `channels` not sent yet (notSentYet: CHANNEL_OFF), the passenger having turned
   * those channels off. One being sent at this moment is left to its send; messages to a counter sale's walk-in
   * passenger, recorded under the seller, are not the seller's and stay.
   */
  async giveUpChannels(userId: string, channels: Channel[]): Promise<number> {
    if (channels.length === 0) return 0;
    const now = new Date();
    const theirs = and(eq(messages.userId, userId), inArray(messages.channel, channels), this.notToWalkIns(userId))!;
    const rows = await this.db
      .update(messages)
      .set({ status: 'FAILED', lastError: CHANNEL_OFF, updatedAt: sql`now()` })
      .where(and(theirs, notSentYet(now)))
      .returning({ id: messages.id, attempts: messages.attempts });
    await this.recordGivenUp(rows, CHANNEL_OFF);
    await this.giveUpAfterSend(theirs, CHANNEL_OFF, now);
    return rows.length;
  }

  /**
   * Gives up the booking's hold reminder not delivered yet (notSentYet): the hold was paid, cancelled or expired, and
   * "pay or lose the seats" is wrong now. One being sent at this moment (its lease still runs) is left to its send;
   * should that sender have died, claimDue gives the reminder up once the lease runs out instead of sending it.
   */
  async giveUpHoldReminders(bookingId: string): Promise<number> {
    const now = new Date();
    const reminders = and(eq(messages.bookingId, bookingId), eq(messages.kind, 'HOLD_EXPIRING'))!;
    const rows = await this.db
      .update(messages)
      .set({ status: 'FAILED', lastError: HOLD_ENDED, updatedAt: sql`now()` })
      .where(and(reminders, notSentYet(now)))
      .returning({ id: messages.id, attempts: messages.attempts });
    await this.recordGivenUp(rows, HOLD_ENDED);
    await this.giveUpAfterSend(reminders, HOLD_ENDED, now);
    return rows.length;
  }

  /**
   * Messages matching `where` being sent at this moment are left to their send, with `reason` recorded: should that
   * send not be recorded (its sender stopped), claimDue gives them up for it when their lease runs out.
   */
  private async giveUpAfterSend(where: SQL, reason: string, now: Date): Promise<void> {
    await this.db
      .update(messages)
      .set({ giveUpReason: reason })
      .where(and(where, beingSent(now)));
  }

  private async recordGivenUp(rows: { id: string; attempts: number }[], detail: string): Promise<void> {
    if (rows.length === 0) return;
    await this.db
      .insert(messageEvents)
      .values(rows.map((row) => ({ messageId: row.id, status: 'FAILED' as const, attempt: row.attempts, detail })));
  }

  /**
   * Gives up the booking's changes of its trip's time not delivered yet (notSentYet: SUPERSEDED): a later change (or
   * the trip's cancellation) replaces them, so an old time never arrives after a new one. Returns, per channel, the
   * departure the first of them was against — the time the passenger was last told there (a channel without any is
   * missing). One being sent at this moment is left to its send.
   */
  async supersedeScheduleAlerts(bookingId: string): Promise<Map<Channel, Date>> {
    const now = new Date();
    const alerts = and(
      eq(messages.bookingId, bookingId),
      inArray(messages.kind, ['TRIP_DELAYED', 'TRIP_RESCHEDULED']),
    )!;
    await this.giveUpAfterSend(alerts, SUPERSEDED, now);
    const rows = await this.db
      .update(messages)
      .set({ status: 'FAILED', lastError: SUPERSEDED, updatedAt: sql`now()` })
      .where(and(alerts, notSentYet(now)))
      .returning({
        id: messages.id,
        channel: messages.channel,
        attempts: messages.attempts,
        previousDepartureAt: messages.previousDepartureAt,
        createdAt: messages.createdAt,
      });
    const told = new Map<Channel, Date>();
    if (rows.length === 0) return told;
    await this.db.insert(messageEvents).values(
      rows.map((row) => ({
        messageId: row.id,
        status: 'FAILED' as const,
        attempt: row.attempts,
        detail: SUPERSEDED,
      })),
    );
    for (const row of rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()))
      if (row.previousDepartureAt && !told.has(row.channel)) told.set(row.channel, row.previousDepartureAt);
    return told;
  }

  /** Whether a message named `dedupeKey` was written, to anyone, on any channel. */
  async written(dedupeKey: string): Promise<boolean> {
    const rows = await this.db
      .select({ id: messages.id })
      .from(messages)
      .where(eq(messages.dedupeKey, dedupeKey))
      .limit(1);
    return rows.length > 0;
  }

  /** Messages written and not sent yet (PENDING, SENDING or RETRYING), counted by channel (for /metrics). */
  async backlogByChannel(): Promise<{ channel: MessageRow['channel']; n: number }[]> {
    return this.db
      .select({ channel: messages.channel, n: sql<number>`count(*)::int` })
      .from(messages)
      .where(inArray(messages.status, ['PENDING', 'SENDING', 'RETRYING']))
      .groupBy(messages.channel);
  }

  async findByIds(ids: readonly string[]): Promise<MessageRow[]> {
    if (ids.length === 0) return [];
    return this.db
      .select()
      .from(messages)
      .where(anyOf(messages.id, [...ids]));
  }

  async historyOf(messageIds: readonly string[]): Promise<MessageEventRow[]> {
    if (messageIds.length === 0) return [];
    return this.db
      .select()
      .from(messageEvents)
      .where(anyOf(messageEvents.messageId, [...messageIds]))
      .orderBy(asc(messageEvents.at), asc(messageEvents.attempt));
  }

  /** One page, newest first by (created_at, id); one extra row tells whether more follow. */
  async list(filter: MessageFilter, page: PageRequest): Promise<MessageRow[]> {
    const conditions: (SQL | undefined)[] = [
      filter.status ? eq(messages.status, filter.status) : undefined,
      filter.channel ? eq(messages.channel, filter.channel) : undefined,
      filter.kind ? eq(messages.kind, filter.kind) : undefined,
      filter.userId ? eq(messages.userId, filter.userId) : undefined,
      filter.bookingId ? eq(messages.bookingId, filter.bookingId) : undefined,
      filter.tripId ? eq(messages.tripId, filter.tripId) : undefined,
      filter.address ? sql`strpos(lower(${messages.address}), ${filter.address.toLowerCase()}) > 0` : undefined,
      filter.since ? gte(messages.createdAt, filter.since) : undefined,
    ];
    if (page.after) conditions.push(afterTimeCursor(messages, messages.createdAt, messages.id, page.after, 'desc'));
    return this.db
      .select()
      .from(messages)
      .where(and(...conditions))
      .orderBy(desc(messages.createdAt), desc(messages.id))
      .limit(page.limit + 1);
  }
}
