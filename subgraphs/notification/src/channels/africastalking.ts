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
      return { ok: false, permanent: false, error: `SMS API unreachable: ${(error as Error).message}` };
    }
    // Its answers are a few hundred bytes: a longer one (a proxy's page) is read no further.
    const text = await boundedText(response, 64 * 1024).catch((error: Error) => `(${error.message})`);
    if (!response.ok) return { ok: false, permanent: false, error: `SMS API answered ${response.status}: ${text}` };
    let recipient: { statusCode?: number; status?: string; messageId?: string } | undefined;
    try {
      recipient = (JSON.parse(text) as { SMSMessageData?: { Recipients?: (typeof recipient)[] } }).SMSMessageData
        ?.Recipients?.[0];
    } catch {
      return { ok: false, permanent: false, error: `SMS API answered ${response.status} with a body that is not JSON` };
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
