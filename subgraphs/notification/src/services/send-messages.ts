import {
  Counter,
  createPollingWorker,
  Gauge,
  isTransient,
  type Db,
  type Logger,
  type Registry,
  type TransactionRunner,
  type Worker,
} from '@busline/shared';
import type { ChannelAdapter } from '../channels/types';
import { unconfiguredChannel } from '../channels/types';
import type { MessageRow } from '../db/schema';
import { BookingRepository } from '../repositories/booking-repository';
import { MessageRepository, type RetryPolicy } from '../repositories/message-repository';
import { CODE_MASK, notifyBooking, withCode, type Writing } from './compose';

const BATCH = 20;
/** A send's outcome is recorded up to this long before its lease ends (then the lease decides, as after a crash). */
const RECORD_MARGIN_MS = 5_000;

const EMAIL_ADDRESS = /[^\s<>()[\]"',;:]+@[^\s<>()[\]"',;:]+\.[a-z]{2,}/gi;

/**
 * A provider's error text without the recipient: its address as written, as digits only and by its last
 * nine digits (how providers echo a number: 250788123456, 0788123456), and any e-mail address.
 */
export function withoutAddresses(error: string, address: string): string {
  const digits = address.replace(/\D/g, '');
  const forms = [address, ...(digits.length >= 9 ? [digits, digits.slice(-9)] : [])];
  let text = error.replace(EMAIL_ADDRESS, '[recipient]');
  for (const form of forms) text = text.split(form).join('[recipient]');
  return text;
}

/** The longest provider error kept with a message (a gateway's error page can be long). */
const MAX_KEPT_ERROR = 500;

/**
 * A provider's error text as kept with the message, shown to platform admins and logged: without the recipient
 * (withoutAddresses), without the code the message carried (a gateway answering an error often repeats the text it
 * was given, and a claim or refund code is never shown: masked as the kept text masks it), and without control
 * characters (a binary error page's NUL byte, which Postgres text cannot store, failed the record and left the
 * message SENDING, leased and sent again for ever).
 */
export function keptError(error: string, message: Pick<MessageRow, 'address' | 'code'>): string {
  let text = withoutAddresses(error, message.address);
  if (message.code) text = text.split(message.code).join(CODE_MASK);
  // Cut after the masking (a cut through the code would leave its first digits), to what the record keeps.
  return text.replace(/\p{Cc}+/gu, ' ').slice(0, MAX_KEPT_ERROR);
}

export interface SendMessagesOptions {
  db: Db;
  runner: TransactionRunner;
  sms?: ChannelAdapter;
  email?: ChannelAdapter;
  retry: RetryPolicy;
  intervalMs: number;
  /** How long a claimed message is left alone before another pass may try it again (a sender that died). */
  leaseMs: number;
  /** Hold reminders one account gets at most in 24 hours: holding seats costs nothing, a text does. */
  remindersPerAccountPerDay: number;
  writing: Writing;
  logger: Logger;
}

/**
 * Sends what is due: every pass writes the reminders of holds about to lapse, then leases due
 * messages and hands each to its channel, recording SENT, RETRYING (with backoff) or FAILED.
 * Messages are sent outside any event transaction, so a redelivered event can never send again.
 */
export class SendMessagesService {
  private readonly sms: ChannelAdapter;
  private readonly email: ChannelAdapter;
  private sends: Counter<'channel' | 'outcome'> | undefined;

  constructor(private readonly options: SendMessagesOptions) {
    this.sms = options.sms ?? unconfiguredChannel('SMS');
    this.email = options.email ?? unconfiguredChannel('E-mail');
    this.worker = createPollingWorker({
      name: 'notification-sender',
      intervalMs: options.intervalMs,
      // A full batch means more are due: go on at once.
      pass: async () => (await this.runOnce()) === BATCH,
      logger: options.logger,
      failureMessage: 'notification pass failed',
      onStop: () => Promise.all([this.sms.close?.(), this.email.close?.()]),
      metrics: (registry) => this.registerMetrics(registry),
    }).worker;
  }

  /** The kit's polling loop over runOnce: a pass every intervalMs, closing the channels on stop. */
  readonly worker: Worker;

  /** One pass: reminders, then up to BATCH due messages. Returns how many messages it tried. */
  async runOnce(): Promise<number> {
    await this.queueReminders();
    // A state and its line of history are written together (one transaction): never a state without its line.
    const claimed = await this.options.runner.run(({ tx }) =>
      new MessageRepository(tx).claimDue(BATCH, this.options.leaseMs),
    );
    await Promise.all(claimed.map((message) => this.deliver(message)));
    return claimed.length;
  }

  private async queueReminders(): Promise<void> {
    const { runner, writing, logger } = this.options;
    await runner.run(async ({ tx }) => {
      const day = new Date(Date.now() - 24 * 3_600_000);
      const due = await new BookingRepository(tx).claimDueReminders(BATCH);
      // Each account's lock, in one order and before any address lock: another instance reminding the same account
      // (its other holds) counts its reminders after these are committed, never beside them.
      await new MessageRepository(tx).lockReminderAccounts(due.map((hold) => hold.userId));
      for (const hold of due) {
        if (!hold.expiresAt || hold.expiresAt.getTime() <= Date.now()) continue;
        if ((await new MessageRepository(tx).remindersTo(hold.userId, day)) >= this.options.remindersPerAccountPerDay) {
          logger.info({ bookingId: hold.bookingId }, 'hold reminder not written: the account had its reminders today');
          continue;
        }
        const money = hold.amount !== null && hold.currency ? { amount: hold.amount, currency: hold.currency } : null;
        try {
          await notifyBooking(
            tx,
            hold.userId,
            {
              kind: 'HOLD_EXPIRING',
              dedupeKey: `hold-expiring:${hold.bookingId}`,
              booking: hold,
              money,
              expiresAt: hold.expiresAt,
            },
            writing,
          );
        } catch (error) {
          // A reminder is a courtesy: one that cannot be written (passenger or trip unknown) is skipped.
          logger.warn({ err: error, bookingId: hold.bookingId }, 'hold reminder not written');
        }
      }
    });
  }

  private async deliver(message: MessageRow): Promise<void> {
    const { runner, retry, logger } = this.options;
    const channel = message.channel === 'SMS' ? this.sms : this.email;
    // The new state and its line of history in one transaction: a reader never sees SENT without its line, and a
    // write retried after a failure (record) does not find the state written and its line missing.
    const recorded = <T>(write: (repo: MessageRepository) => Promise<T>) =>
      this.record(message, () => runner.run(({ tx }) => write(new MessageRepository(tx))));
    let result;
    try {
      // The code the kept text masks is put back for the send only.
      const subject = message.subject === null ? null : withCode(message.subject, message.code);
      result = await channel.send({ to: message.address, subject, text: withCode(message.body, message.code) });
    } catch (error) {
      result = { ok: false as const, permanent: false, error: (error as Error).message };
    }
    // A provider's refusal often repeats the address ("550 5.1.1 <a@b>: Recipient address rejected") or the text:
    // the message row says whom it was for; the log line and the error kept with it say why, not to whom nor the code.
    if (!result.ok) result = { ...result, error: keptError(result.error, message) };
    this.sends?.inc({
      channel: message.channel,
      outcome: result.ok ? 'sent' : result.permanent ? 'refused' : 'failed',
    });
    if (result.ok) {
      const sent = result;
      await recorded((repo) => repo.markSent(message, sent.providerMessageId));
      logger.info(
        { messageId: message.id, channel: message.channel, kind: message.kind, via: channel.name },
        'message sent',
      );
      return;
    }
    const failed = result;
    const status = await recorded((repo) => repo.markFailed(message, failed.error, failed.permanent, retry));
    const log = status === 'FAILED' ? logger.error.bind(logger) : logger.warn.bind(logger);
    log(
      { messageId: message.id, channel: message.channel, attempt: message.attempts, status, error: result.error },
      status === 'FAILED' ? 'message given up' : 'message send failed, will retry',
    );
  }

  /**
   * Records a send's outcome, again and again while the database is away (a restart, a failover) until shortly before
   * the send's lease ends: given up at once, the provider's acceptance was lost and the message sent a second time
   * once its lease ran out.
   */
  private async record<T>(message: MessageRow, write: () => Promise<T>): Promise<T> {
    const until = message.nextAttemptAt.getTime() - RECORD_MARGIN_MS;
    for (let delay = 250; ; delay = Math.min(delay * 2, 5_000)) {
      try {
        return await write();
      } catch (error) {
        if (!isTransient(error) || Date.now() + delay > until) throw error;
        this.options.logger.warn({ err: error, messageId: message.id }, 'could not record a send; retrying');
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  /** Send attempts by channel and outcome, and the messages waiting to be sent, read at scrape time. */
  private registerMetrics(registry: Registry): void {
    this.sends = new Counter({
      name: 'busline_notification_sends_total',
      help: 'SMS and e-mail send attempts by channel and outcome (sent, failed: retried unless its time to be tried is over, refused: permanently)',
      labelNames: ['channel', 'outcome'],
      registers: [registry],
    });
    const { db, logger } = this.options;
    new Gauge({
      name: 'busline_notification_backlog',
      help: 'Messages written and not sent yet (PENDING, SENDING or RETRYING), by channel',
      labelNames: ['channel'],
      registers: [registry],
      async collect() {
        this.reset();
        try {
          const rows = await new MessageRepository(db).backlogByChannel();
          for (const row of rows) this.set({ channel: row.channel }, row.n);
        } catch (error) {
          logger.debug({ err: error }, 'notification backlog unavailable');
        }
      },
    });
  }
}
