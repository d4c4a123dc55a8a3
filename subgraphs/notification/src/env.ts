import { ianaTimeZone, parseEnv, subgraphEnv, z } from '@busline/shared';

/** The notification subgraph's environment (descriptions feed docs/configuration.md). */
export const schema = z.object({
  ...subgraphEnv,
  PORT: subgraphEnv.PORT.default(8007),
  NOTIFICATION_SIMULATOR_URL: z
    .string()
    .url()
    .optional()
    .describe(
      "URL of the provider simulator (`npm start -w packages/provider-simulator`): SMS go to its Africa's Talking API and no message reaches a passenger. Outside production it is http://127.0.0.1:8090 when neither it nor AFRICASTALKING_API_KEY is set; production never falls back to it and takes it only as this explicit choice on a private host (localhost, 127/8, 10/8, 172.16/12, 192.168/16, a name without dots, *.svc, *.cluster.local, *.internal) and never together with AFRICASTALKING_API_KEY. E-mail then goes to the SMTP server on port 8025 of its host unless SMTP_URL is set",
    ),
  AFRICASTALKING_BASE_URL: z
    .string()
    .url()
    .default('https://api.africastalking.com')
    .describe("Africa's Talking API host (https://api.sandbox.africastalking.com for its sandbox)"),
  AFRICASTALKING_USERNAME: z
    .string()
    .trim()
    .min(1)
    .optional()
    .describe("Africa's Talking application username; required in production"),
  AFRICASTALKING_API_KEY: z
    .string()
    .trim()
    .min(1)
    .optional()
    .describe("Africa's Talking API key; required in production"),
  SMS_SENDER_ID: z
    .string()
    .trim()
    .min(1)
    .optional()
    .describe('Registered sender id or short code the SMS come from; the account default when unset'),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'SMTP_URL must start with smtp:// or smtps://')
    .optional()
    .describe(
      "SMTP server for e-mail, smtp://user:pass@host:587 or smtps://user:pass@host:465; required in production unless NOTIFICATION_SIMULATOR_URL is set. When unset: smtp://<NOTIFICATION_SIMULATOR_URL's host>:8025 with the simulator chosen, else outside production the simulator's smtp://127.0.0.1:8025",
    ),
  MAIL_FROM: z
    .string()
    .trim()
    .min(3)
    .default('Busline <no-reply@busline.local>')
    .describe('From header of the e-mails'),
  NOTIFICATION_WEB_URL: z
    .string()
    .url()
    .default('http://localhost:5173')
    .describe("Public URL of the web client: messages link to the booking's page there (its QR pass)"),
  NOTIFICATION_TIME_ZONE: z
    .string()
    .refine(knownTimeZone, 'must be an IANA time zone the runtime knows, such as Africa/Kigali')
    .default('Africa/Kigali')
    .describe("IANA time zone the times in messages are written in when the trip's company has none of its own"),
  SEND_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100)
    // Under the minute a claimed message is left to its sender (server.ts): a slower send would be claimed again.
    .max(50_000)
    .default(10_000)
    .describe(
      'How long one SMS or e-mail send may take (at most 50 s: a message is leased to its sender for a minute)',
    ),
  SEND_MAX_ATTEMPTS: z.coerce
    .number()
    .int()
    .min(1)
    .max(50)
    .default(6)
    .describe(
      'Attempts of one message before it may be given up as FAILED: it is given up once it was tried this many times and SEND_RETRY_FOR_MS has passed since its first attempt, whichever comes last (a permanent refusal fails it at once)',
    ),
  SEND_RETRY_MS: z.coerce
    .number()
    .int()
    .min(10)
    .max(3_600_000)
    .default(5000)
    .describe('Delay before the second attempt of a message; it doubles with each further one'),
  SEND_RETRY_MAX_MS: z.coerce
    .number()
    .int()
    .min(10)
    .max(86_400_000)
    .default(600_000)
    .describe('Longest delay between two attempts of a message'),
  SEND_RETRY_FOR_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(7 * 86_400_000)
    .default(12 * 3_600_000)
    .describe(
      "How long after its first attempt a message that could not be sent (a provider down, an Africa's Talking balance run out, an SMTP relay's sending quota used up) is still tried, every SEND_RETRY_MAX_MS at most, before it is given up as FAILED (once also tried SEND_MAX_ATTEMPTS times). 12 hours: an outage in the night is over by morning. A hold reminder whose hold ended and a claim code past its expiry are given up whatever is left of it",
    ),
  DISPATCH_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(10)
    .max(600_000)
    .default(1000)
    .describe('How often the sender looks for messages and hold reminders that are due'),
  NOTIFY_EVENTS_WITHIN_MINUTES: z.coerce
    .number()
    .min(1)
    .default(60)
    .describe(
      'Events older than this (by occurredAt) are recorded but notify nobody, unless about a trip that has yet to leave (its tickets and alerts are sent however late they are read): a consumer group that starts or catches up reads old events, and passengers are not texted about trips gone or refunds of days ago',
    ),
  HOLD_REMINDER_MINUTES: z.coerce
    .number()
    .min(0)
    .max(24 * 60)
    .default(3)
    .describe('A held booking not yet paid is reminded this many minutes before its hold lapses'),
  NOTIFY_MAX_PER_ADDRESS_PER_HOUR: z.coerce
    .number()
    .int()
    .min(1)
    .max(10_000)
    .default(20)
    .describe(
      'Hold reminders and claim codes one phone number or e-mail address is written at most in an hour, over every account, and messages of any kind (trip alerts included) to an address a counter seller typed, per company; past it one is recorded FAILED (ADDRESS_LIMIT) unsent',
    ),
  TRIP_ALERT_SETTLE_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .max(3600)
    .default(60)
    .describe(
      "A trip's change of time is sent this long after it, so that changes in quick succession go out as one (the latest, against the time the passenger was last told; none when moved back to it); 0 sends at once",
    ),
  HOLD_REMINDERS_PER_ACCOUNT_PER_DAY: z.coerce
    .number()
    .int()
    .min(0)
    .max(1000)
    .default(3)
    .describe(
      'Hold reminders one account gets at most in 24 hours (holds it leaves unpaid past that are not reminded)',
    ),
});

export type NotificationConfig = z.infer<typeof schema>;

export function loadConfig(source: Record<string, string | undefined> = process.env): NotificationConfig {
  return parseEnv('notification', schema, source);
}

/**
 * Whether `zone` is an IANA time zone this runtime can write times in (ianaTimeZone: an abbreviation such as "EAT"
 * is none, as for the dashboards, which read zones in Postgres).
 */
export function knownTimeZone(zone: string): boolean {
  return ianaTimeZone(zone) !== null;
}
