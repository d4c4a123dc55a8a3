import nodemailer, { type Transporter } from 'nodemailer';
import type { ChannelAdapter, Outgoing, SendResult } from './types';

export interface SmtpConfig {
  /** smtp://user:pass@host:587 (STARTTLS when offered) or smtps://…:465. */
  url: string;
  /** The From header, e.g. `Busline <tickets@busline.rw>`. */
  from: string;
  timeoutMs: number;
}

/** An enhanced status code (RFC 3463) opening an SMTP answer: `550 5.1.1 …`, or `550-5.1.1 …` on several lines. */
const ENHANCED_CODE = /^\d{3}[ -]([245])\.(\d{1,3})\.\d{1,3}\b/;

/** What nodemailer says of an SMTP answer it failed on: an error, or one of a sent message's `rejectedErrors`. */
export interface SmtpAnswer {
  /** nodemailer's kind of failure: EAUTH, EENVELOPE, EMESSAGE, ECONNECTION, ETIMEDOUT … */
  code?: string;
  /** The command answered: `AUTH PLAIN`, `MAIL FROM`, `RCPT TO`, `DATA` … */
  command?: string;
  responseCode?: number;
  /** The server's answer as written, e.g. `550 5.1.1 <a@b.rw>: Recipient address rejected`. */
  response?: string;
}

/**
 * Whether the server refused the recipient for good: a 5xx answer to RCPT TO saying the address is wrong (enhanced
 * code 5.1.x: no such mailbox, bad address; or none at all). Every other refusal may pass later and is retried: a 4xx,
 * and a 5xx about the sending account or the moment rather than the recipient — an authentication failure (EAUTH,
 * 535: credentials being rotated), MAIL FROM or DATA refused (550 5.4.5 daily sending quota exceeded, 554 sending
 * paused), a policy, rate or quota answer (5.4.x, 5.7.x) even to RCPT TO. Were those the recipient's final word, every
 * e-mail written while the quota is used up would fail at its first attempt, and anyone can use it up with reminders.
 */
export function refusesRecipient(answer: SmtpAnswer): boolean {
  const code = answer.responseCode;
  if (answer.command !== 'RCPT TO' || typeof code !== 'number' || code < 500 || code > 599) return false;
  const enhanced = ENHANCED_CODE.exec(answer.response ?? '');
  return !enhanced || (enhanced[1] === '5' && enhanced[2] === '1');
}

/** E-mail through an SMTP server (nodemailer). */
export class SmtpEmail implements ChannelAdapter {
  readonly name: string;
  private readonly transport: Transporter;

  constructor(
    private readonly config: SmtpConfig,
    name = 'smtp',
  ) {
    this.name = name;
    const url = new URL(config.url);
    this.transport = nodemailer.createTransport({
      host: url.hostname,
      port: Number(url.port) || (url.protocol === 'smtps:' ? 465 : 587),
      secure: url.protocol === 'smtps:',
      // With credentials on smtp://, STARTTLS or nothing: the password never goes out in clear text.
      ...(url.username
        ? {
            auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) },
            requireTLS: true,
          }
        : {}),
      connectionTimeout: config.timeoutMs,
      greetingTimeout: config.timeoutMs,
      socketTimeout: config.timeoutMs,
    });
  }

  /**
   * One send, over in `timeoutMs` whatever the server does: the timeouts above bound each step of the exchange (a
   * server answering every step just in time could hold a send for several of them, past the message's lease, and it
   * would then be sent again), the signal the whole of it (the connection is closed, the result unclear).
   */
  async send(message: Outgoing): Promise<SendResult> {
    try {
      const info = await this.transport.sendMail({
        from: this.config.from,
        to: message.to,
        subject: message.subject ?? 'Busline',
        text: message.text,
        signal: AbortSignal.timeout(this.config.timeoutMs),
      });
      if ((info.rejected ?? []).length > 0) {
        const refusals = (info.rejectedErrors ?? []) as SmtpAnswer[];
        return {
          ok: false,
          permanent: refusals.some(refusesRecipient),
          error: `mailbox refused: ${refusals[0]?.response ?? info.response}`,
        };
      }
      return { ok: true, providerMessageId: info.messageId ?? null };
    } catch (error) {
      return {
        ok: false,
        permanent: refusesRecipient(error as SmtpAnswer),
        error: `SMTP: ${(error as Error).message}`,
      };
    }
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}
