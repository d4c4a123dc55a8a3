import { AfricasTalkingSms } from './channels/africastalking';
import { isPrivateHost } from '@busline/shared';
import { SmtpEmail } from './channels/smtp';
import type { ChannelAdapter } from './channels/types';
import type { NotificationConfig } from './env';

/** Configuration of the notification subgraph beyond SubgraphDeps; omitted values get test defaults. */
export interface NotificationOptions {
  /** SMS adapter; without one every SMS fails as not configured. */
  sms?: ChannelAdapter;
  /** E-mail adapter; likewise. */
  email?: ChannelAdapter;
  /** Whether the adapters are the provider simulator's (reported on /readyz). */
  simulator?: boolean;
  webUrl?: string;
  timeZone?: string;
  /** Attempts of a message before it may be given up (default 6): with retryForMs, whichever comes last. */
  maxAttempts?: number;
  retryMs?: number;
  retryMaxMs?: number;
  /** How long after its first attempt a message is still tried before it is given up (default 12 hours). */
  retryForMs?: number;
  dispatchIntervalMs?: number;
  holdReminderMs?: number;
  /** Events older than this change state but tell nobody (default one hour). */
  maxEventAgeMs?: number;
  /** Messages one phone number or e-mail address is written at most in an hour (default 20). */
  perAddressPerHour?: number;
  /** Hold reminders one account gets at most in 24 hours (default 3). */
  remindersPerAccountPerDay?: number;
  /** How long a trip's change of time waits before it is sent, so that quick changes go out as one (default 1 min). */
  tripAlertSettleMs?: number;
}

export type ResolvedNotificationOptions = Required<Omit<NotificationOptions, 'sms' | 'email'>> &
  Pick<NotificationOptions, 'sms' | 'email'>;

export function resolveOptions(options: NotificationOptions = {}): ResolvedNotificationOptions {
  return {
    sms: options.sms,
    email: options.email,
    simulator: options.simulator ?? false,
    webUrl: options.webUrl ?? 'http://localhost:5173',
    timeZone: options.timeZone ?? 'Africa/Kigali',
    maxAttempts: options.maxAttempts ?? 6,
    retryMs: options.retryMs ?? 5000,
    retryMaxMs: options.retryMaxMs ?? 600_000,
    retryForMs: options.retryForMs ?? 12 * 3_600_000,
    dispatchIntervalMs: options.dispatchIntervalMs ?? 1000,
    holdReminderMs: options.holdReminderMs ?? 3 * 60_000,
    maxEventAgeMs: options.maxEventAgeMs ?? 3_600_000,
    perAddressPerHour: options.perAddressPerHour ?? 20,
    remindersPerAccountPerDay: options.remindersPerAccountPerDay ?? 3,
    tripAlertSettleMs: options.tripAlertSettleMs ?? 60_000,
  };
}

const SIMULATOR_DEFAULT_URL = 'http://127.0.0.1:8090';
const SIMULATOR_DEFAULT_SMTP = 'smtp://127.0.0.1:8025';
const PRIVATE_HOSTS =
  'localhost, 127.0.0.0/8, 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, a name without dots, *.svc, *.cluster.local, *.internal';

/**
 * The channels from the environment. Outside production the provider simulator stands in for whatever
 * is not configured. Production never falls back to it: it needs Africa's Talking credentials and an
 * SMTP server, or the simulator chosen explicitly with NOTIFICATION_SIMULATOR_URL (whose SMTP server on
 * port 8025 of the same host takes the e-mail unless SMTP_URL says otherwise) on a private host, never
 * together with credentials; the logs and /readyz then say that no message reaches
 * a passenger.
 */
export function channelsFromEnv(config: NotificationConfig): {
  sms: ChannelAdapter;
  email: ChannelAdapter;
  simulator: boolean;
} {
  const production = config.NODE_ENV === 'production';
  const timeoutMs = config.SEND_TIMEOUT_MS;
  const explicitSimulator = config.NOTIFICATION_SIMULATOR_URL;
  if (production) {
    const problems: string[] = [];
    if (explicitSimulator) {
      if (config.AFRICASTALKING_API_KEY)
        problems.push(
          "NOTIFICATION_SIMULATOR_URL is set together with AFRICASTALKING_API_KEY: choose the simulator or Africa's Talking",
        );
      for (const [name, value] of [
        ['NOTIFICATION_SIMULATOR_URL', explicitSimulator],
        ['SMTP_URL', config.SMTP_URL],
      ] as const) {
        if (value && !isPrivateHost(new URL(value).hostname))
          problems.push(`${name} must point at the simulator on this machine or a private network (${PRIVATE_HOSTS})`);
      }
    } else {
      const missing = (['AFRICASTALKING_USERNAME', 'AFRICASTALKING_API_KEY', 'SMTP_URL'] as const).filter(
        (name) => !config[name],
      );
      if (missing.length > 0)
        problems.push(
          `notification cannot reach passengers: set ${missing.join(', ')}, or NOTIFICATION_SIMULATOR_URL to run against the provider simulator (no message reaches a passenger)`,
        );
      if (config.AFRICASTALKING_USERNAME === 'sandbox')
        problems.push("AFRICASTALKING_USERNAME is Africa's Talking's sandbox, which delivers nothing");
      if (config.AFRICASTALKING_BASE_URL && /(^|\.)sandbox\./.test(new URL(config.AFRICASTALKING_BASE_URL).hostname))
        problems.push("AFRICASTALKING_BASE_URL is Africa's Talking's sandbox, which delivers nothing");
      if (config.AFRICASTALKING_BASE_URL && new URL(config.AFRICASTALKING_BASE_URL).protocol !== 'https:')
        problems.push('AFRICASTALKING_BASE_URL must be https: the API key travels with every message');
      const web = new URL(config.NOTIFICATION_WEB_URL);
      if (web.protocol !== 'https:' || isPrivateHost(web.hostname))
        problems.push(
          "NOTIFICATION_WEB_URL must be the web client's public https address: every message links passengers there",
        );
    }
    if (problems.length > 0) throw new Error(problems.join('; '));
  }
  const simulatorUrl =
    explicitSimulator ?? (!production && !config.AFRICASTALKING_API_KEY ? SIMULATOR_DEFAULT_URL : undefined);
  const sms = simulatorUrl
    ? new AfricasTalkingSms(
        {
          baseUrl: simulatorUrl,
          username: config.AFRICASTALKING_USERNAME ?? 'simulator',
          apiKey: config.AFRICASTALKING_API_KEY ?? 'simulator',
          senderId: config.SMS_SENDER_ID,
          timeoutMs,
        },
        'simulator',
      )
    : new AfricasTalkingSms({
        baseUrl: config.AFRICASTALKING_BASE_URL,
        username: config.AFRICASTALKING_USERNAME!,
        apiKey: config.AFRICASTALKING_API_KEY!,
        senderId: config.SMS_SENDER_ID,
        timeoutMs,
      });
  // The simulator chosen without SMTP_URL: its own SMTP server, on its host (never e-mail sent elsewhere by default).
  const smtpUrl =
    config.SMTP_URL ??
    (explicitSimulator ? `smtp://${new URL(explicitSimulator).hostname}:8025` : SIMULATOR_DEFAULT_SMTP);
  const email = new SmtpEmail(
    { url: smtpUrl, from: config.MAIL_FROM, timeoutMs },
    simulatorUrl || !config.SMTP_URL ? 'simulator' : 'smtp',
  );
  return { sms, email, simulator: Boolean(simulatorUrl) || !config.SMTP_URL };
}

/** Reads the notification options from the environment (throws in production without real channels). */
export async function loadServerOptions(config: NotificationConfig): Promise<NotificationOptions> {
  return {
    ...channelsFromEnv(config),
    webUrl: config.NOTIFICATION_WEB_URL,
    timeZone: config.NOTIFICATION_TIME_ZONE,
    maxAttempts: config.SEND_MAX_ATTEMPTS,
    retryMs: config.SEND_RETRY_MS,
    retryMaxMs: config.SEND_RETRY_MAX_MS,
    retryForMs: config.SEND_RETRY_FOR_MS,
    dispatchIntervalMs: config.DISPATCH_INTERVAL_MS,
    holdReminderMs: config.HOLD_REMINDER_MINUTES * 60_000,
    maxEventAgeMs: config.NOTIFY_EVENTS_WITHIN_MINUTES * 60_000,
    perAddressPerHour: config.NOTIFY_MAX_PER_ADDRESS_PER_HOUR,
    remindersPerAccountPerDay: config.HOLD_REMINDERS_PER_ACCOUNT_PER_DAY,
    tripAlertSettleMs: config.TRIP_ALERT_SETTLE_SECONDS * 1000,
  };
}
