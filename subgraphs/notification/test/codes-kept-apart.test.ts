// A claim code (it proves a walk-in's phone: enough to take their tickets) and a cash refund code
// (docs/counter-sales.md: "staff never see it") were kept in clear in messages.body for good, and shown by
// notificationMessages. The kept text masks the code (******); the code waits apart (messages.code) until the message
// is delivered, then is gone.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eventually } from '@busline/shared/testing';
import { messages } from '../src/db/schema';
import {
  confirmedPayload,
  MESSAGES,
  person,
  platformAdmin,
  publish,
  startNotificationSubgraph,
  textablePhone,
  world,
  type NotificationSubgraph,
} from './helpers';

let subgraph: NotificationSubgraph;
beforeAll(async () => {
  subgraph = await startNotificationSubgraph();
});
afterAll(() => subgraph?.stop());

const db = () => subgraph.database.handle.db;
type Node = { kind: string; body: string; subject: string | null };
const nodes = async (filter: Record<string, unknown>) => {
  const list = await subgraph.request(MESSAGES, { filter, first: 100 }, platformAdmin());
  expect(list.errors).toBeUndefined();
  return list.data!.notificationMessages.edges.map((e: { node: Node }) => e.node) as Node[];
};

it('never shows staff the cash refund code texted to a walk-in passenger', async () => {
  const w = await world(subgraph);
  const agent = await person(subgraph);
  const phone = textablePhone();
  const sale = {
    ...confirmedPayload(w, { userId: agent.userId, role: 'COUNTER_AGENT', companyId: w.companyId }, ['4B']),
    channel: 'COUNTER',
    soldBy: agent.userId,
    contact: { name: 'Jean Habimana', phone, email: null, language: 'en' },
  };
  await publish(subgraph, 'booking.confirmed', sale);
  await publish(
    subgraph,
    'payment.refund_due',
    {
      refundId: randomUUID(),
      paymentId: sale.paymentId,
      bookingId: sale.bookingId,
      userId: agent.userId,
      amount: { amount: 5000, currency: 'RWF' },
      code: '735101',
      codeNumber: 1,
      channel: 'COUNTER',
    },
    undefined,
    'payment',
  );
  await eventually(async () =>
    (await db().select().from(messages).where(eq(messages.bookingId, sale.bookingId))).some(
      (m) => m.kind === 'REFUND_DUE' && m.status === 'SENT',
    ),
  );
  // The passenger got it.
  expect(subgraph.simulator.messages.smsTo(phone).some((m) => m.message.includes('735101'))).toBe(true);
  // Staff reading the messages do not, nor does the database once it is sent.
  const shown = (await nodes({ bookingId: sale.bookingId })).filter((n) => n.kind === 'REFUND_DUE');
  expect(shown).toHaveLength(1);
  expect(shown[0]!.body).not.toContain('735101');
  expect(shown[0]!.body).toContain('Give code ****** at the');
  await expectForgotten(sale.bookingId, '735101');
});

/** The booking's messages keep no trace of `code`. */
async function expectForgotten(bookingId: string, code: string) {
  const rows = await db().select().from(messages).where(eq(messages.bookingId, bookingId));
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) expect([row.code, row.body, row.subject].join(' ')).not.toContain(code);
}

it('never shows staff the claim code that proves a walk-in phone (a code is enough to take its tickets)', async () => {
  const bookingId = randomUUID();
  const phone = textablePhone();
  await publish(subgraph, 'booking.claim_requested', {
    requestId: randomUUID(),
    phone,
    code: '482913',
    language: 'en',
    expiresAt: new Date(Date.now() + 10 * 60_000).toISOString(),
    bookingIds: [bookingId],
  });
  await eventually(() => subgraph.simulator.messages.smsTo(phone).length === 1);
  // Recorded SENT (the code forgotten with it) a moment after the provider took the text.
  await eventually(async () =>
    (await db().select().from(messages).where(eq(messages.bookingId, bookingId))).some(
      (m) => m.kind === 'CLAIM_CODE' && m.status === 'SENT',
    ),
  );
  const shown = await nodes({ address: phone });
  expect(subgraph.simulator.messages.smsTo(phone)[0]!.message).toContain('482913 is your code');
  expect(shown.map((n) => n.kind)).toEqual(['CLAIM_CODE']);
  expect(shown[0]!.body).not.toContain('482913');
  await expectForgotten(bookingId, '482913');
});

it('masks the code of a text written with it (before migration 0012) once it is delivered', async () => {
  const phone = textablePhone();
  const bookingId = randomUUID();
  // As the previous version wrote it, still on its way at the upgrade.
  await db()
    .insert(messages)
    .values({
      dedupeKey: `written-before:${bookingId}`,
      userId: null,
      channel: 'SMS',
      kind: 'CLAIM_CODE',
      address: phone,
      language: 'en',
      subject: null,
      body: 'Busline: 604417 is your code to add the tickets bought at the counter to your account. Valid 10 min.',
      bookingId,
      status: 'RETRYING',
      attempts: 1,
    });
  await eventually(
    async () => (await db().select().from(messages).where(eq(messages.bookingId, bookingId)))[0]?.status === 'SENT',
  );
  expect(subgraph.simulator.messages.smsTo(phone)[0]!.message).toContain('604417 is your code');
  expect((await nodes({ address: phone }))[0]!.body).toContain('****** is your code');
  await expectForgotten(bookingId, '604417');
});

it('e-mails a password reset code to the account, whatever its preferences, and never shows staff the code', async () => {
  const p = await person(subgraph);
  const email = `reset-${randomUUID().slice(0, 8)}@example.rw`;
  const requestId = randomUUID();
  await publish(
    subgraph,
    'password.reset_requested',
    {
      requestId,
      userId: p.userId,
      email,
      code: '48291307',
      language: 'fr',
      expiresAt: new Date(Date.now() + 15 * 60_000).toISOString(),
    },
    undefined,
    'auth',
  );
  await eventually(async () =>
    (
      await db()
        .select()
        .from(messages)
        .where(eq(messages.dedupeKey, `password-reset:${requestId}`))
    ).some((m) => m.status === 'SENT'),
  );
  const [mail] = subgraph.simulator.messages.mailTo(email);
  expect(mail?.subject).toBe('Votre code Busline pour le mot de passe : 48291307');
  expect(mail?.text).toContain('48291307 est votre code pour choisir un nouveau mot de passe');
  const shown = await nodes({ address: email });
  expect(shown.map((n) => n.kind)).toEqual(['PASSWORD_RESET']);
  expect(JSON.stringify(shown)).not.toContain('48291307');
  const [row] = await db()
    .select()
    .from(messages)
    .where(eq(messages.dedupeKey, `password-reset:${requestId}`));
  expect(row).toMatchObject({ userId: p.userId, channel: 'EMAIL', code: null });
  expect([row!.body, row!.subject].join(' ')).not.toContain('48291307');
});
