import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@busline/shared/testing';
import type { ChannelAdapter } from '../src/channels/types';
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
