// An SMS provider that takes the message (sends and charges it) but answers after the send's timeout: the message is
// not sent again, one paid copy, and its record says it may have reached the passenger.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@busline/shared/testing';
import { AfricasTalkingSms } from '../src/channels/africastalking';
import {
  confirmedPayload,
  messagesOf,
  person,
  publish,
  startNotificationSubgraph,
  world,
  type NotificationSubgraph,
} from './helpers';

/** What the provider took, in order. */
const received: { to: string; message: string }[] = [];
let server: http.Server;
let subgraph: NotificationSubgraph;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const form = new URLSearchParams(body);
      received.push({ to: form.get('to')!, message: form.get('message')! });
      const answer = JSON.stringify({
        SMSMessageData: {
          Message: 'Sent to 1/1',
          Recipients: [
            { statusCode: 101, status: 'Success', number: form.get('to'), messageId: `ATXid_${received.length}` },
          ],
        },
      });
      setTimeout(() => {
        if (res.destroyed) return;
        res.setHeader('content-type', 'application/json');
        res.end(answer);
      }, 700);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  subgraph = await startNotificationSubgraph({
    sms: new AfricasTalkingSms({ baseUrl: url, username: 'u', apiKey: 'k', timeoutMs: 300 }, 'slow-africastalking'),
  });
});
afterAll(async () => {
  await subgraph?.stop();
  server?.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('an SMS provider slower than the send timeout', () => {
  it('gets the message once: given up, not sent again, and recorded as possibly sent', async () => {
    const w = await world(subgraph);
    const p = await person(subgraph, { phone: '+250788661234' });
    await publish(subgraph, 'booking.confirmed', confirmedPayload(w, p));
    const sms = await eventually(async () => {
      const message = (await messagesOf(subgraph, p.userId)).find((m) => m.channel === 'SMS');
      return message?.status === 'FAILED' ? message : undefined;
    }, 20_000);
    expect(sms).toMatchObject({ attempts: 1, lastError: expect.stringContaining('it may have sent the message') });
    // Past the retry back-off the first attempt would have had: still one copy.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(received.filter((r) => r.to === '+250788661234')).toHaveLength(1);
  });
});
