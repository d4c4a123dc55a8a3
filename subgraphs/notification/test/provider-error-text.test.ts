// What a provider's error says is kept with the message, shown to platform admins and logged: never the code the
// message carried, and never what Postgres cannot store.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eventually } from '@busline/shared/testing';
import { AfricasTalkingSms } from '../src/channels/africastalking';
import { messages } from '../src/db/schema';
import {
  confirmedPayload,
  historyOf,
  MESSAGES,
  person,
  platformAdmin,
  publish,
  startNotificationSubgraph,
  world,
  type NotificationSubgraph,
} from './helpers';

let subgraph: NotificationSubgraph;
let gateway: http.Server;
/** How the SMS gateway answers the text it was given. */
let answer: (text: string) => { status: number; type: string; body: Buffer };
beforeAll(async () => {
  gateway = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const reply = answer(new URLSearchParams(body).get('message') ?? '');
      res.writeHead(reply.status, { 'content-type': reply.type });
      res.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`;
  subgraph = await startNotificationSubgraph({
    sms: new AfricasTalkingSms({ baseUrl: url, username: 'u', apiKey: 'k', timeoutMs: 2000 }, 'gateway'),
    maxAttempts: 2,
  });
});
afterAll(async () => {
  await subgraph?.stop();
  await new Promise((resolve) => gateway?.close(resolve));
});

/** Publishes a claim code for `phone` and waits until its message is given up (FAILED): the row. */
async function claimCodeGivenUp(code: string, phone: string) {
  const requestId = randomUUID();
  await publish(subgraph, 'booking.claim_requested', {
    requestId,
    phone,
    code,
    language: 'en',
    expiresAt: new Date(Date.now() + 10 * 60_000).toISOString(),
    bookingIds: [randomUUID()],
  });
  const db = subgraph.database.handle.db;
  return eventually(async () => {
    const [m] = await db
      .select()
      .from(messages)
      .where(eq(messages.dedupeKey, `claim-code:${requestId}`));
    return m?.status === 'FAILED' ? m : undefined;
  });
}

it('keeps a claim code out of lastError and the history when the gateway repeats the text in its error', async () => {
  // A gateway answering a rejected request with the message it was given, as many do.
  answer = (text) => ({
    status: 500,
    type: 'application/json',
    body: Buffer.from(JSON.stringify({ error: 'temporarily unable to deliver', message: text })),
  });
  const code = '482913';
  const message = await claimCodeGivenUp(code, '+250788551234');
  expect(message.lastError).toContain('temporarily unable to deliver');
  expect(message.lastError).toContain('******');
  const result = await subgraph.request(
    MESSAGES,
    { filter: { kind: 'CLAIM_CODE', address: '+250788551234' } },
    platformAdmin(),
  );
  expect(result.errors).toBeUndefined();
  const shown = JSON.stringify(result.data);
  expect(shown).toContain('FAILED');
  expect(shown).toContain('temporarily unable to deliver');
  expect(shown).not.toContain(code);
});

it('records a failed send (RETRYING, then FAILED) when the error holds a NUL byte, instead of leaving it SENDING', async () => {
  // A binary or mis-encoded error page: Postgres text cannot store its NUL bytes.
  answer = () => ({ status: 502, type: 'text/html', body: Buffer.from('<html>Bad gateway\u0000\u0000\u0001</html>') });
  const w = await world(subgraph);
  const p = await person(subgraph);
  await publish(subgraph, 'booking.confirmed', confirmedPayload(w, p));
  const db = subgraph.database.handle.db;
  const sms = await eventually(async () =>
    (await db.select().from(messages).where(eq(messages.userId, p.userId))).find(
      (m) => m.channel === 'SMS' && m.status === 'FAILED',
    ),
  );
  expect(sms.lastError).toContain('Bad gateway');
  const history = (await historyOf(subgraph, sms.id)).map((entry) => entry.status);
  expect(history).toContain('RETRYING');
  expect(history.at(-1)).toBe('FAILED');
});

it('masks a code even where the gateway answer is long enough to be cut through it', async () => {
  // A rejection naming the request at length, then repeating the text: the first 200 characters end inside the code.
  answer = (text) => ({
    status: 400,
    type: 'application/json',
    body: Buffer.from(`{"error":"InvalidSenderId","request":"${'r'.repeat(136)}","message":"${text}"}`),
  });
  const code = '48392017';
  const message = await claimCodeGivenUp(code, '+250788551299');
  expect(message.lastError).toContain('******');
  expect(message.lastError).not.toContain(code.slice(0, 4));
});
