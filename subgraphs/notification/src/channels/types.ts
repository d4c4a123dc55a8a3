/** What a channel adapter sends, and what it says about it. */

export interface Outgoing {
  /** Phone number (+<digits>) or e-mail address. */
  to: string;
  /** E-mail subject; SMS have none. */
  subject?: string | null;
  text: string;
}

export type SendResult =
  | { ok: true; providerMessageId: string | null }
  /** `permanent`: retrying cannot help (an invalid number, a refused mailbox). */
  | { ok: false; permanent: boolean; error: string };

/** One way of reaching a passenger (SMS, e-mail), behind which sits a provider or the simulator. */
export interface ChannelAdapter {
  /** Shown in logs and on /readyz, e.g. `africastalking`, `smtp`, `simulator`. */
  readonly name: string;
  send(message: Outgoing): Promise<SendResult>;
  close?(): Promise<void>;
}

/** A channel nobody configured: every message on it fails for good, saying so. */
export function unconfiguredChannel(what: string): ChannelAdapter {
  return {
    name: 'unconfigured',
    send: async () => ({ ok: false, permanent: true, error: `${what} is not configured` }),
  };
}
