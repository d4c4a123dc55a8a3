import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Outbox, TransactionRunner } from '@busline/shared';
import { eventually, testLogger } from '@busline/shared/testing';
import type { ChannelAdapter, Outgoing } from '../src/channels/types';
import { bookings, messages, outbox } from '../src/db/schema';
import { HOLD_ENDED } from '../src/repositories/message-repository';
import { SendMessagesService } from '../src/services/send-messages';
import {
  confirmedPayload,
  heldPayload,
  historyOf,
  person,
  publish,
  startNotificationSubgraph,
  world,
  type NotificationSubgraph,
  type World,
} from './helpers';

/**
 * A sender that leased a hold reminder (SENDING) and died before the provider had it: once the lease runs out the
 * reminder is due again, and it goes out only if its hold is still on. The subgraph's own sender stays idle here
 * (a pass an hour); the passes are run by the test, one sender that dies and one that takes over.
 */
let subgraph: NotificationSubgraph;
beforeAll(async () => {
  subgraph = await startNotificationSubgraph({ dispatchIntervalMs: 3_600_000 });
});
afterAll(() => subgraph?.stop());

const LEASE_MS = 60_000;

/** A sender over the subgraph's database, its SMS and e-mail through `channel`. */
function sender(channel: ChannelAdapter): SendMessagesService {
  const db = subgraph.database.handle.db;
  const logger = testLogger('sender');
  return new SendMessagesService({
    db,
    runner: new TransactionRunner(db, new Outbox(outbox, 'notification'), undefined, logger),
    sms: channel,
    email: channel,
    retry: { baseMs: 50, maxMs: 200, maxAttempts: 4, forMs: 0 },
    intervalMs: 3_600_000,
    leaseMs: LEASE_MS,
    remindersPerAccountPerDay: 3,
    writing: { webUrl: 'https://busline.test', timeZone: 'Africa/Kigali', perAddressPerHour: 20 },
    logger,
  });
}

/** A provider that takes every message, and keeps them. */
function recording(): ChannelAdapter & { sent: Outgoing[] } {
  const sent: Outgoing[] = [];
  return {
    name: 'recording',
    sent,
    send: async (message) => (sent.push(message), { ok: true, providerMessageId: null }),
  };
}

/** A provider that never answers: the process sending through it is as good as dead. */
const dead: ChannelAdapter = { name: 'dead', send: () => new Promise(() => {}) };

const reminders = (bookingId: string) =>
  subgraph.database.handle.db
    .select()
    .from(messages)
    .where(and(eq(messages.bookingId, bookingId), eq(messages.kind, 'HOLD_EXPIRING')));

/**
 * A hold lapsing in two minutes (its reminder due at once), whose reminders a sender leased on both channels and
 * then died without the provider having them.
 */
async function abandonedReminder(w: World, p: Awaited<ReturnType<typeof person>>): Promise<string> {
  const bookingId = randomUUID();
  const held = await publish(subgraph, 'booking.held', heldPayload(w, p, bookingId));
  await eventually(() => subgraph.deliveries(held) >= 1);
  // Its pass never ends: the provider never answers.
  void sender(dead).runOnce();
  const leased = (await eventually(async () => {
    const rows = await reminders(bookingId);
    return rows.length === 2 && rows.every((m) => m.status === 'SENDING') ? rows : undefined;
  }))!;
  expect(leased.map((m) => m.attempts)).toEqual([1, 1]);
  return bookingId;
}

/** The lease of the dead sender runs out (as a minute later). */
async function leaseRunsOut(bookingId: string): Promise<void> {
  await subgraph.database.handle.db
    .update(messages)
    .set({ nextAttemptAt: new Date(Date.now() - 1_000) })
    .where(and(eq(messages.bookingId, bookingId), eq(messages.kind, 'HOLD_EXPIRING')));
}

const holdTexts = (channel: { sent: Outgoing[] }) =>
  channel.sent.filter((m) => /held until/.test(m.text) || /held seats/.test(m.subject ?? ''));

describe('a hold reminder left SENDING by a sender that died before the provider had it', () => {
  it('is not sent once the hold is paid: the sender taking over gives it up (HOLD_ENDED)', async () => {
    const w = await world(subgraph);
    const p = await person(subgraph);
    const bookingId = await abandonedReminder(w, p);
    const paid = await publish(subgraph, 'booking.confirmed', confirmedPayload(w, p, ['3A'], bookingId));
    await eventually(() => subgraph.deliveries(paid) >= 1);
    // Its lease still runs: for all anyone knows it is being sent, and it is left to that send.
    expect((await reminders(bookingId)).map((m) => m.status)).toEqual(['SENDING', 'SENDING']);

    await leaseRunsOut(bookingId);
    const channel = recording();
    await sender(channel).runOnce();

    expect(holdTexts(channel)).toEqual([]);
    // The ticket goes out all the same, by text and by e-mail.
    expect(channel.sent.map((m) => m.to).sort()).toEqual([p.email, p.phone].sort());
    const after = await reminders(bookingId);
    expect(after.map((m) => [m.status, m.lastError])).toEqual([
      ['FAILED', HOLD_ENDED],
      ['FAILED', HOLD_ENDED],
    ]);
    for (const m of after)
      expect((await historyOf(subgraph, m.id)).at(-1)).toMatchObject({ status: 'FAILED', detail: HOLD_ENDED });
  });

  it('is given up by the payment itself when the lease had already run out', async () => {
    const w = await world(subgraph);
    const p = await person(subgraph);
    const bookingId = await abandonedReminder(w, p);
    await leaseRunsOut(bookingId);
    const paid = await publish(subgraph, 'booking.confirmed', confirmedPayload(w, p, ['3A'], bookingId));
    await eventually(() => subgraph.deliveries(paid) >= 1);
    expect((await reminders(bookingId)).map((m) => [m.status, m.lastError])).toEqual([
      ['FAILED', HOLD_ENDED],
      ['FAILED', HOLD_ENDED],
    ]);
    const channel = recording();
    await sender(channel).runOnce();
    expect(holdTexts(channel)).toEqual([]);
  });

  it('is not sent once the hold has lapsed, before booking.expired is read', async () => {
    const w = await world(subgraph);
    const p = await person(subgraph);
    const bookingId = await abandonedReminder(w, p);
    // The hold's time runs out; ticketing's booking.expired is not read yet.
    await subgraph.database.handle.db
      .update(bookings)
      .set({ expiresAt: new Date(Date.now() - 1_000) })
      .where(eq(bookings.bookingId, bookingId));
    await leaseRunsOut(bookingId);
    const channel = recording();
    await sender(channel).runOnce();
    expect(channel.sent).toEqual([]);
    expect((await reminders(bookingId)).map((m) => [m.status, m.lastError])).toEqual([
      ['FAILED', HOLD_ENDED],
      ['FAILED', HOLD_ENDED],
    ]);
  });

  it('is sent by the sender taking over while the hold is still on', async () => {
    const w = await world(subgraph);
    const p = await person(subgraph);
    const bookingId = await abandonedReminder(w, p);
    await leaseRunsOut(bookingId);
    const channel = recording();
    await sender(channel).runOnce();
    expect(
      holdTexts(channel)
        .map((m) => m.to)
        .sort(),
    ).toEqual([p.email, p.phone].sort());
    expect((await reminders(bookingId)).map((m) => [m.status, m.attempts])).toEqual([
      ['SENT', 2],
      ['SENT', 2],
    ]);
  });
});
