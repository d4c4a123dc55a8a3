import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@busline/shared/testing';
import type { ChannelAdapter } from '../src/channels/types';
import { messages } from '../src/db/schema';
import {
  confirmedPayload,
  historyOf,
  messagesOf,
  person,
  publish,
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
