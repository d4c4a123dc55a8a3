import { boundedText } from '@busline/shared';
import type { ChannelAdapter, Outgoing, SendResult } from './types';

export interface AfricasTalkingConfig {
  /** API host: https://api.africastalking.com, the sandbox's, or the provider simulator's URL. */
  baseUrl: string;
  username: string;
  apiKey: string;
  /** Registered sender id or short code (`from`); the account's default when omitted. */
  senderId?: string;
  timeoutMs: number;
}

/** Recipient status codes: 100 Processed, 101 Sent, 102 Queued are accepted. */
const ACCEPTED = new Set([100, 101, 102]);
/** 403 InvalidPhoneNumber, 404 UnsupportedNumberType, 406 UserInBlacklist: sending again cannot help. */
const PERMANENT = new Set([403, 404, 406]);

/**
 * The request may have been taken: given up (permanent), never sent a second time. The message is FAILED with this
 * reason, which says it may have reached the passenger.
 */
const mayHaveSent = (why: string): SendResult => ({
  ok: false,
  permanent: true,
  error: `SMS API: ${why}; it may have sent the message, which is not sent again (a second copy would be paid for)`,
});

/** SMS through Africa's Talking's bulk messaging API (POST /version1/messaging, form-encoded). */
export class AfricasTalkingSms implements ChannelAdapter {
  readonly name: string;

  constructor(
    private readonly config: AfricasTalkingConfig,
    name = 'africastalking',
  ) {
    this.name = name;
  }

  async send(message: Outgoing): Promise<SendResult> {
    const form = new URLSearchParams({ username: this.config.username, to: message.to, message: message.text });
    if (this.config.senderId) form.set('from', this.config.senderId);
    let response: Response;
    try {
      response = await fetch(new URL('/version1/messaging', this.config.baseUrl), {
        method: 'POST',
        headers: {
          apiKey: this.config.apiKey,
          accept: 'application/json',
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: form,
        signal: AbortSignal.timeout(this.config.timeoutMs),
      });
    } catch (error) {
      // No answer in time: the request may have reached Africa's Talking, which sends the text and charges for it
      // whether or not its answer comes back. Sent again, it would be a second paid copy (one per attempt, for as long
      // as the provider stays slow): given up instead, saying so. Refused or not found: nothing left, tried again.
      if ((error as Error).name === 'TimeoutError') return mayHaveSent(`no answer within ${this.config.timeoutMs} ms`);
      return { ok: false, permanent: false, error: `SMS API unreachable: ${(error as Error).message}` };
    }
    // Its answers are a few hundred bytes: a longer one (a proxy's page) is read no further.
    let text: string;
    try {
      text = await boundedText(response, 64 * 1024);
    } catch (error) {
      if (response.ok)
        return mayHaveSent(`its answer (${response.status}) could not be read: ${(error as Error).message}`);
      text = `(${(error as Error).message})`;
    }
    if (!response.ok) return { ok: false, permanent: false, error: `SMS API answered ${response.status}: ${text}` };
    let recipient: { statusCode?: number; status?: string; messageId?: string } | undefined;
    try {
      recipient = (JSON.parse(text) as { SMSMessageData?: { Recipients?: (typeof recipient)[] } }).SMSMessageData
        ?.Recipients?.[0];
    } catch {
      // Accepted (2xx), with an answer that says nothing readable: it may well be on its way.
      return mayHaveSent(`it answered ${response.status} with a body that is not JSON`);
    }
    if (!recipient || typeof recipient.statusCode !== 'number')
      return { ok: false, permanent: false, error: 'SMS API accepted nothing for this recipient' };
    if (ACCEPTED.has(recipient.statusCode)) return { ok: true, providerMessageId: recipient.messageId ?? null };
    return {
      ok: false,
      permanent: PERMANENT.has(recipient.statusCode),
      error: `SMS refused: ${recipient.statusCode} ${recipient.status ?? ''}`.trim(),
    };
  }
}
