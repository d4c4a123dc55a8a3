import nodemailer, { type Transporter } from 'nodemailer';
import type { ChannelAdapter, Outgoing, SendResult } from './types';

export interface SmtpConfig {
  /** smtp://user:pass@host:587 (STARTTLS when offered) or smtps://…:465. */
  url: string;
  /** The From header, e.g. `Busline <tickets@busline.rw>`. */
  from: string;
  timeoutMs: number;
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
      if ((info.rejected ?? []).length > 0)
        return { ok: false, permanent: true, error: `mailbox refused: ${info.response}` };
      return { ok: true, providerMessageId: info.messageId ?? null };
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      // 5xx is the server's final word on this message (no such mailbox, refused); anything else may pass later.
      return {
        ok: false,
        permanent: typeof code === 'number' && code >= 500 && code < 600,
        error: `SMTP: ${(error as Error).message}`,
      };
    }
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}
