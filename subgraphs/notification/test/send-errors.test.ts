import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@busline/shared/testing';
import { SmtpEmail } from '../src/channels/smtp';
import type { ChannelAdapter, Outgoing, SendResult } from '../src/channels/types';
import { messages } from '../src/db/schema';
import { schema as notificationEnv } from '../src/env';
import { EXPIRED } from '../src/repositories/message-repository';
import {
  cancelTrip,
  confirmedPayload,
  historyOf,
  messagesOf,
  person,
  publish,
  smtpRelay,
  startNotificationSubgraph,
  world,
  type NotificationSubgraph,
} from './helpers';

/** Providers that refuse every recipient the way real ones do: repeating the address in the error. */
const echoing: Record<'sms' | 'email', ChannelAdapter> = {
  sms: {
    name: 'echoing',
    send: async ({ to }) => ({ ok: false, permanent: true, error: `403 InvalidPhoneNumber: ${to.slice(1)}` }),
  },
  email: {
    name: 'echoing',
    send: async ({ to }) => ({
      ok: false,
      permanent: false,
      error: `SMTP: Can't send mail - all recipients were rejected: 550 5.1.1 <${to}>: Recipient address rejected`,
    }),
  },
};

let subgraph: NotificationSubgraph;
beforeAll(async () => {
  subgraph = await startNotificationSubgraph(echoing);
});
afterAll(() => subgraph?.stop());

describe('a provider refusing a recipient', () => {
  it('is recorded with why, not to whom: the error kept and its history hold no address', async () => {
    const w = await world(subgraph);
    const p = await person(subgraph, { phone: '+250788123456', email: 'grace.uwimana@example.rw' });
    await publish(subgraph, 'booking.confirmed', confirmedPayload(w, p));
    const failed = (await eventually(async () => {
      const rows = await messagesOf(subgraph, p.userId);
      return rows.length === 2 && rows.every((m) => m.status === 'FAILED') ? rows : undefined;
    }))!;
    const sms = failed.find((m) => m.channel === 'SMS')!;
    const email = failed.find((m) => m.channel === 'EMAIL')!;
    expect(sms.lastError).toBe('403 InvalidPhoneNumber: [recipient]');
    expect(email.lastError).toBe(
      "SMTP: Can't send mail - all recipients were rejected: 550 5.1.1 <[recipient]>: Recipient address rejected",
    );
    expect(email.attempts).toBe(4);
    const details = [...(await historyOf(subgraph, sms.id)), ...(await historyOf(subgraph, email.id))]
      .map((h) => h.detail ?? '')
      .join('\n');
    expect(details).toContain('[recipient]');
    expect(details).not.toMatch(/788123456|grace\.uwimana/);
  });
});

describe('a passenger changing their contact while a message waits for its next send', () => {
  let slow: NotificationSubgraph;
  beforeAll(async () => {
    // Retried only a minute after a failure: the change always comes between two attempts.
    slow = await startNotificationSubgraph({ retryMs: 60_000, retryMaxMs: 60_000 });
  });
  afterAll(() => slow?.stop());

  const smsOf = async (userId: string) => (await messagesOf(slow, userId)).find((m) => m.channel === 'SMS');
  const profileUpdate = (p: Awaited<ReturnType<typeof person>>, phone: string | null) =>
    publish(
      slow,
      'user.profile_updated',
      { userId: p.userId, fullName: 'Aline Uwase', phone, email: p.email, language: 'en' },
      undefined,
      'user',
    );

  it('sends it to the number they have now, never to the one they removed', async () => {
    const w = await world(slow);
    // The simulator answers 500 to the first two sends to a number ending 5002.
    const p = await person(slow, { phone: '+250788335002' });
    await publish(slow, 'booking.confirmed', confirmedPayload(w, p));
    await eventually(async () => (await smsOf(p.userId))?.status === 'RETRYING');
    await profileUpdate(p, '+250788331234');
    const moved = (await eventually(async () => {
      const sms = await smsOf(p.userId);
      return sms?.address === '+250788331234' ? sms : undefined;
    }))!;
    expect(moved.status).toBe('RETRYING');
    expect((await historyOf(slow, moved.id)).at(-1)!.detail).toMatch(/^ADDRESS_CHANGED/);
    // Due now: the next attempt goes to the new number.
    await slow.database.handle.db.update(messages).set({ nextAttemptAt: new Date() }).where(eq(messages.id, moved.id));
    await eventually(() => slow.simulator.messages.smsTo('+250788331234').length === 1);
    expect(slow.simulator.messages.smsTo('+250788335002')).toEqual([]);
    // The e-mail, sent at once, went to the address that did not change.
    expect(slow.simulator.messages.mailTo(p.email)).toHaveLength(1);
  });

  it('gives it up when they removed their number', async () => {
    const w = await world(slow);
    const p = await person(slow, { phone: '+250788345002' });
    await publish(slow, 'booking.confirmed', confirmedPayload(w, p));
    await eventually(async () => (await smsOf(p.userId))?.status === 'RETRYING');
    await profileUpdate(p, null);
    const given = (await eventually(async () => {
      const sms = await smsOf(p.userId);
      return sms?.status === 'FAILED' ? sms : undefined;
    }))!;
    expect(given.lastError).toMatch(/^ADDRESS_REMOVED/);
    expect(given.address).toBe('+250788345002');
  });
  it("leaves a counter sale's message to its walk-in where it is when the seller changes their own number", async () => {
    const w = await world(slow);
    // The seller typed their own number (it fails twice at the simulator) for the walk-in.
    const seller = await person(slow, { phone: '+250788355002' });
    const sale = confirmedPayload(w, { userId: seller.userId, role: 'COUNTER_AGENT', companyId: w.companyId });
    await publish(slow, 'booking.confirmed', {
      ...sale,
      channel: 'COUNTER',
      soldBy: seller.userId,
      contact: { name: 'Jean Habimana', phone: '+250788355002', email: null, language: 'en' },
    });
    await eventually(async () => (await smsOf(seller.userId))?.status === 'RETRYING');
    const id = await publish(
      slow,
      'user.profile_updated',
      { userId: seller.userId, fullName: 'Agent', phone: '+250788351234', email: seller.email, language: 'en' },
      undefined,
      'user',
    );
    await eventually(() => slow.deliveries(id) >= 1);
    expect(await smsOf(seller.userId)).toMatchObject({ address: '+250788355002', status: 'RETRYING' });
  });
});

describe("a provider down for longer than a message's first retries", () => {
  /**
   * Africa's Talking refusing every text for ten minutes (an outage, the account's balance run out: 405
   * InsufficientBalance, its API key being rotated). Time is simulated: each time the message waits for its retry,
   * the delay the sender chose is added to `elapsedMs` and the message is made due at once.
   */
  const OUTAGE_MS = 10 * 60_000;
  let elapsedMs = 0;
  let down = false;
  const sent: Outgoing[] = [];
  const provider: ChannelAdapter = {
    name: 'africastalking-down',
    async send(message: Outgoing): Promise<SendResult> {
      if (down && elapsedMs < OUTAGE_MS)
        return { ok: false, permanent: false, error: 'SMS refused: 405 InsufficientBalance' };
      sent.push(message);
      return { ok: true, providerMessageId: `ATXid_${sent.length}` };
    },
  };

  let outage: NotificationSubgraph;
  beforeAll(async () => {
    // The environment's defaults, as in production (docs/configuration.md).
    const defaults = notificationEnv.shape;
    outage = await startNotificationSubgraph({
      sms: provider,
      maxAttempts: defaults.SEND_MAX_ATTEMPTS.parse(undefined),
      retryMs: defaults.SEND_RETRY_MS.parse(undefined),
      retryMaxMs: defaults.SEND_RETRY_MAX_MS.parse(undefined),
      retryForMs: defaults.SEND_RETRY_FOR_MS.parse(undefined),
    });
  });
  afterAll(() => outage?.stop());

  it("texts a trip's cancellation once the provider is back from ten minutes down, not giving it up", async () => {
    const w = await world(outage);
    const p = await person(outage, { phone: '+250788451234' });
    await publish(outage, 'booking.confirmed', confirmedPayload(w, p));
    await eventually(async () =>
      (await messagesOf(outage, p.userId)).some(
        (m) => m.kind === 'BOOKING_CONFIRMED' && m.channel === 'SMS' && m.status === 'SENT',
      ),
    );

    // The provider goes down; the company cancels the trip meanwhile.
    down = true;
    await cancelTrip(outage, w);
    const db = outage.database.handle.db;
    const alert = async () =>
      (await messagesOf(outage, p.userId)).find((m) => m.kind === 'TRIP_CANCELLED' && m.channel === 'SMS');
    await eventually(alert);

    // Each wait for a retry passes at once, its delay added to the time elapsed.
    for (let round = 0; round < 200; round++) {
      const row = (await eventually(async () => {
        const m = await alert();
        return m && ['RETRYING', 'SENT', 'FAILED'].includes(m.status) ? m : undefined;
      }))!;
      if (row.status !== 'RETRYING') break;
      elapsedMs += row.nextAttemptAt.getTime() - row.updatedAt.getTime();
      await db
        .update(messages)
        .set({ nextAttemptAt: sql`now()` })
        .where(and(eq(messages.id, row.id), eq(messages.status, 'RETRYING'), eq(messages.attempts, row.attempts)));
      // The sender takes it for its next attempt.
      await eventually(async () => {
        const m = await alert();
        return m && (m.status !== 'RETRYING' || m.attempts > row.attempts);
      });
    }
    const message = (await alert())!;
    const minutes = (elapsedMs / 60_000).toFixed(1);
    expect(message.status, `after ${minutes} minutes, attempt ${message.attempts}: ${message.lastError}`).toBe('SENT');
    expect(elapsedMs).toBeGreaterThanOrEqual(OUTAGE_MS);
    // Never more than SEND_RETRY_MAX_MS (10 minutes) between two attempts.
    expect(elapsedMs).toBeLessThan(OUTAGE_MS + 10 * 60_000);
    expect(sent.filter((m) => m.to === p.phone && /cancel/i.test(m.text))).toHaveLength(1);
  });
});

describe('a message tried for the time its retries are given', () => {
  let patient: NotificationSubgraph;
  beforeAll(async () => {
    // Tried every 200 ms at most for an hour after its first attempt, and at least twice.
    patient = await startNotificationSubgraph({ maxAttempts: 2, retryForMs: 3_600_000 });
  });
  afterAll(() => patient?.stop());

  it('is given up once that time has passed since its first attempt, not after its attempts alone', async () => {
    const w = await world(patient);
    // The simulator answers 500 to every send to a number ending 5050.
    const p = await person(patient, { phone: '+250788465050' });
    await publish(patient, 'booking.confirmed', confirmedPayload(w, p));
    const sms = async () => (await messagesOf(patient, p.userId)).find((m) => m.channel === 'SMS');
    const tried = (await eventually(async () => {
      const m = await sms();
      return m && (m.status === 'FAILED' || m.attempts >= 5) ? m : undefined;
    }))!;
    expect(tried.status, `attempt ${tried.attempts}: ${tried.lastError}`).not.toBe('FAILED');
    expect(tried.firstAttemptAt).not.toBeNull();

    // An hour since its first attempt: the next failure gives it up.
    await patient.database.handle.db
      .update(messages)
      .set({ firstAttemptAt: new Date(Date.now() - 3_600_000) })
      .where(eq(messages.id, tried.id));
    const failed = (await eventually(async () => {
      const m = await sms();
      return m?.status === 'FAILED' ? m : undefined;
    }))!;
    expect(failed.lastError).toContain('500');
    expect(failed.attempts).toBeGreaterThan(tried.attempts);
    expect((await historyOf(patient, failed.id)).at(-1)).toMatchObject({ status: 'FAILED', attempt: failed.attempts });
  });

  it('gives up a claim code still retried once the code expired: a code claiming nothing is not texted', async () => {
    const phone = '+250788475050';
    await publish(patient, 'booking.claim_requested', {
      requestId: randomUUID(),
      phone,
      code: '482913',
      language: 'en',
      expiresAt: new Date(Date.now() + 1500).toISOString(),
      bookingIds: [randomUUID()],
    });
    const db = patient.database.handle.db;
    const code = async () => (await db.select().from(messages).where(eq(messages.address, phone)))[0];
    const given = (await eventually(async () => {
      const m = await code();
      return m?.status === 'FAILED' ? m : undefined;
    }))!;
    expect(given.lastError).toBe(EXPIRED);
    expect(given.attempts).toBeGreaterThan(2);
    expect(given.code).toBeNull();
    expect(patient.simulator.messages.smsTo(phone)).toEqual([]);
  });
});

describe('an SMTP relay refusing the sending account for a while', () => {
  /** MAIL FROM refusals to come: the relay's sending quota for the day is used up (Gmail's answer). */
  let quotaRefusals = 0;
  let relay: Awaited<ReturnType<typeof smtpRelay>>;
  let mailing: NotificationSubgraph;
  beforeAll(async () => {
    relay = await smtpRelay((verb, line) => {
      if (verb === 'MAIL' && quotaRefusals > 0) {
        quotaRefusals--;
        return '550 5.4.5 Daily user sending quota exceeded';
      }
      if (verb === 'RCPT' && line.includes('nobody')) return '550 5.1.1 <nobody@example.rw>: User unknown';
      return undefined;
    });
    mailing = await startNotificationSubgraph({
      email: new SmtpEmail({ url: relay.url, from: 'Busline <no-reply@busline.test>', timeoutMs: 2000 }),
    });
  });
  afterAll(async () => {
    await mailing?.stop();
    await relay?.stop();
  });

  const mailOf = async (userId: string) =>
    (await eventually(async () => {
      const row = (await messagesOf(mailing, userId)).find((m) => m.channel === 'EMAIL');
      return row && (row.status === 'SENT' || row.status === 'FAILED') ? row : undefined;
    }))!;

  it('sends the ticket once the quota is back, not giving it up at the first 550 5.4.5', async () => {
    const w = await world(mailing);
    const p = await person(mailing, { phone: null });
    quotaRefusals = 2;
    await publish(mailing, 'booking.confirmed', confirmedPayload(w, p));
    const mail = await mailOf(p.userId);
    const history = (await historyOf(mailing, mail.id)).map((h) => `${h.status}/${h.attempt}`);
    expect(mail.status, `${history.join(' ')} (${mail.lastError})`).toBe('SENT');
    expect(history).toEqual(['PENDING/0', 'SENDING/1', 'RETRYING/1', 'SENDING/2', 'RETRYING/2', 'SENDING/3', 'SENT/3']);
    expect(relay.delivered()).toBe(1);
  });

  it('gives up at once a mailbox the relay says does not exist', async () => {
    const w = await world(mailing);
    const p = await person(mailing, { phone: null, email: `nobody-${randomUUID().slice(0, 8)}@example.rw` });
    quotaRefusals = 0;
    await publish(mailing, 'booking.confirmed', confirmedPayload(w, p));
    const mail = await mailOf(p.userId);
    expect(mail).toMatchObject({ status: 'FAILED', attempts: 1, lastError: expect.stringContaining('550 5.1.1') });
  });
});
