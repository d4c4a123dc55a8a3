import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@busline/shared/testing';
import { bookings, messages } from '../src/db/schema';
import {
  cancelTrip,
  confirmedPayload,
  historyOf,
  MESSAGES,
  messagesOf,
  passenger,
  person,
  platformAdmin,
  publish,
  startNotificationSubgraph,
  tripSnapshot,
  world,
  type NotificationSubgraph,
} from './helpers';

let subgraph: NotificationSubgraph;
beforeAll(async () => {
  subgraph = await startNotificationSubgraph();
});
afterAll(() => subgraph?.stop());

const sent = async (userId: string, count: number) =>
  (await eventually(async () => {
    const rows = await messagesOf(subgraph, userId);
    return rows.filter((m) => m.status === 'SENT').length >= count ? rows : undefined;
  }))!;

/** payment.refunded of `paymentId` for `booking` (its whole amount), from payment's stream. */
const publishRefund = (booking: { bookingId: string; userId: string; totalAmount: unknown }, paymentId: string) =>
  publish(
    subgraph,
    'payment.refunded',
    {
      paymentId,
      bookingId: booking.bookingId,
      userId: booking.userId,
      refundId: randomUUID(),
      amount: booking.totalAmount,
      method: 'MTN_MOMO',
      refundedAt: new Date().toISOString(),
    },
    undefined,
    'payment',
  );

/** A booking confirmed for `p`, its ticket texted and mailed. */
async function confirmed(w: Awaited<ReturnType<typeof world>>, p: Awaited<ReturnType<typeof person>>) {
  const booking = confirmedPayload(w, p);
  await publish(subgraph, 'booking.confirmed', booking);
  await sent(p.userId, 2);
  return booking;
}

/** booking.cancelled of a paid booking the company cancelled (`reason`), refunded in full. */
const cancellation = (
  w: Awaited<ReturnType<typeof world>>,
  booking: ReturnType<typeof confirmedPayload>,
  reason: string,
) => ({
  bookingId: booking.bookingId,
  tripId: w.tripId,
  companyId: w.companyId,
  userId: booking.userId,
  reason,
  cancelledBy: null,
  ticketIds: booking.tickets.map((t) => t.ticketId),
  refund: { amount: 5000, currency: 'RWF' },
  paymentId: null,
});

describe('notifications driven by events', () => {
  it("texts and e-mails a confirmed booking in the passenger's language, with seat, trip and pass link", async () => {
    const w = await world(subgraph);
    const aline = await person(subgraph, { language: 'rw' });
    const booking = confirmedPayload(w, aline);
    await publish(subgraph, 'booking.confirmed', booking);
    const rows = await sent(aline.userId, 2);
    expect(rows.map((m) => [m.channel, m.kind, m.language]).sort()).toEqual([
      ['EMAIL', 'BOOKING_CONFIRMED', 'rw'],
      ['SMS', 'BOOKING_CONFIRMED', 'rw'],
    ]);
    const [sms] = subgraph.simulator.messages.smsTo(aline.phone!);
    expect(sms!.message).toContain('itike yawe ya Volcano Coaches yemejwe');
    expect(sms!.message).toContain('Intebe 12C');
    expect(sms!.message).toContain(`https://busline.test/bookings/${booking.bookingId}`);
    const [mail] = subgraph.simulator.messages.mailTo(aline.email);
    expect(mail!.subject).toMatch(/^Itike yawe Kigali → Musanze/);
    expect(mail!.text).toMatch(/^Muraho Aline Uwase,/);
  });

  it("names the passenger's own segment of the trip, and when the bus leaves their stop", async () => {
    const w = await world(subgraph);
    const stops = [
      { stationId: randomUUID(), code: 'NYB', name: 'Nyabugogo', city: 'Kigali', order: 0, minutesFromDeparture: 0 },
      {
        stationId: randomUUID(),
        code: 'MUS',
        name: 'Musanze Park',
        city: 'Musanze',
        order: 1,
        minutesFromDeparture: 120,
      },
      {
        stationId: randomUUID(),
        code: 'RUB',
        name: 'Rubavu Park',
        city: 'Rubavu',
        order: 2,
        minutesFromDeparture: 200,
      },
    ];
    const updated = await publish(
      subgraph,
      'trip.updated',
      tripSnapshot({ ...w, version: 2 }, { stops }),
      undefined,
      'company',
    );
    await eventually(() => subgraph.deliveries(updated) >= 1);
    const p = await person(subgraph);
    const booking = confirmedPayload(w, p);
    booking.tickets = booking.tickets.map((t) => ({ ...t, boardingStop: 1, alightingStop: 2 }));
    await publish(subgraph, 'booking.confirmed', booking);
    await sent(p.userId, 2);
    // The trip leaves Kigali at 07:00 (Kigali time); the bus reaches Musanze two hours later.
    expect(subgraph.simulator.messages.smsTo(p.phone!)[0]!.message).toMatch(/Musanze - Rubavu, Jan 15, 2030, 9:00\sAM/);
  });

  it('names the stops a route edit moved the ticket to (booking.stops_changed), in any order of arrival', async () => {
    const w = await world(subgraph);
    const station = (code: string, name: string, city: string, order: number, minutesFromDeparture: number) => ({
      stationId: randomUUID(),
      code,
      name,
      city,
      order,
      minutesFromDeparture,
    });
    const [kigali, musanze, rubavu] = [
      station('NYB', 'Nyabugogo', 'Kigali', 0, 0),
      station('MUS', 'Musanze Park', 'Musanze', 1, 120),
      station('RUB', 'Rubavu Park', 'Rubavu', 2, 200),
    ];
    const snapshot = async (version: number, stops: unknown[], departureAt = w.departureAt) => {
      const id = await publish(
        subgraph,
        'trip.updated',
        tripSnapshot({ ...w, version, departureAt }, { stops }),
        undefined,
        'company',
      );
      await eventually(() => subgraph.deliveries(id) >= 1);
    };
    await snapshot(2, [kigali, musanze, rubavu]);
    const p = await person(subgraph);
    const booking = confirmedPayload(w, p);
    booking.tickets = booking.tickets.map((t) => ({ ...t, boardingStop: 1, alightingStop: 2 }));
    // The renumbering is read before the confirmation it follows: it waits (retried) until that is known.
    const moved = {
      bookingId: booking.bookingId,
      tripId: w.tripId,
      version: 3,
      tickets: booking.tickets.map((t) => ({ ticketId: t.ticketId, boardingStop: 2, alightingStop: 3 })),
    };
    const renumbered = await publish(subgraph, 'booking.stops_changed', moved);
    const nyabihu = station('NYA', 'Nyabihu', 'Nyabihu', 1, 60);
    await publish(subgraph, 'booking.confirmed', booking);
    await sent(p.userId, 2);
    await eventually(() => subgraph.deliveries(renumbered) >= 2);
    // An older renumbering read late changes nothing.
    const stale = await publish(subgraph, 'booking.stops_changed', {
      ...moved,
      version: 2,
      tickets: moved.tickets.map((t) => ({ ...t, boardingStop: 0, alightingStop: 1 })),
    });
    await eventually(() => subgraph.deliveries(stale) >= 1);
    // Nyabihu added before Musanze, and the trip an hour later: the alert names the ticket's stops.
    await snapshot(
      3,
      [kigali, nyabihu, { ...musanze, order: 2 }, { ...rubavu, order: 3 }],
      new Date(w.departureAt.getTime() + 60 * 60_000),
    );
    await sent(p.userId, 4);
    const texts = subgraph.simulator.messages.smsTo(p.phone!).map((m) => m.message);
    expect(texts[1]).toMatch(/Volcano Coaches Musanze - Rubavu now leaves/);
  });

  it('tells the passenger of a booking a route edit cancelled why, about the trip as a whole', async () => {
    const w = await world(subgraph);
    const p = await person(subgraph, { language: 'fr' });
    const booking = await confirmed(w, p);
    const cancelled = cancellation(w, booking, 'ROUTE_CHANGED');
    const first = await publish(subgraph, 'booking.cancelled', cancelled);
    await publish(subgraph, 'booking.cancelled', cancelled, first);
    await eventually(() => subgraph.deliveries(first) >= 2);
    const rows = await sent(p.userId, 4);
    expect(
      rows
        .filter((m) => m.kind === 'ROUTE_CHANGED')
        .map((m) => m.channel)
        .sort(),
    ).toEqual(['EMAIL', 'SMS']);
    const sms = subgraph.simulator.messages.smsTo(p.phone!).at(-1)!.message;
    expect(sms).toContain('Volcano Coaches a modifié le trajet Kigali - Musanze du 15 janv. 2030');
    expect(sms).toContain('vous serez remboursé intégralement');
    expect(subgraph.simulator.messages.smsTo(p.phone!)).toHaveLength(2);
  });

  it('tells the passenger of a route edit also when the cancellation is read before the confirmation', async () => {
    const w = await world(subgraph);
    const p = await person(subgraph);
    const booking = confirmedPayload(w, p);
    // The cancellation comes first (another stream): retried until the confirmation it follows is known.
    const cancelled = await publish(subgraph, 'booking.cancelled', cancellation(w, booking, 'ROUTE_CHANGED'));
    await eventually(() => subgraph.deliveries(cancelled) >= 1);
    await publish(subgraph, 'booking.confirmed', booking);
    const rows = await sent(p.userId, 4);
    expect(
      rows
        .filter((m) => m.kind === 'ROUTE_CHANGED')
        .map((m) => m.channel)
        .sort(),
    ).toEqual(['EMAIL', 'SMS']);
  });

  it('sends a redelivered booking.confirmed once', async () => {
    const w = await world(subgraph);
    const p = await person(subgraph);
    const eventId = await publish(subgraph, 'booking.confirmed', confirmedPayload(w, p));
    await sent(p.userId, 2);
    await publish(subgraph, 'booking.confirmed', confirmedPayload(w, p), eventId);
    await eventually(() => subgraph.deliveries(eventId) >= 2);
    // A copy of the event under a new id (a producer that emitted it twice) is caught by the message key.
    const again = confirmedPayload(w, p);
    const [first] = await messagesOf(subgraph, p.userId);
    const copyId = await publish(subgraph, 'booking.confirmed', { ...again, bookingId: first!.bookingId });
    await eventually(() => subgraph.deliveries(copyId) >= 1);
    expect((await messagesOf(subgraph, p.userId)).length).toBe(2);
    expect(subgraph.simulator.messages.smsTo(p.phone!)).toHaveLength(1);
  });

  it('alerts a delayed trip once, though its trip.updated arrives twice (same event, and the same version again)', async () => {
    const w = await world(subgraph);
    const p = await person(subgraph, { language: 'fr' });
    await publish(subgraph, 'booking.confirmed', confirmedPayload(w, p));
    await sent(p.userId, 2);
    const delayed = tripSnapshot({ ...w, version: 2, departureAt: new Date(w.departureAt.getTime() + 90 * 60_000) });
    const eventId = await publish(subgraph, 'trip.updated', delayed, undefined, 'company');
    await publish(subgraph, 'trip.updated', delayed, eventId, 'company');
    const otherId = await publish(subgraph, 'trip.updated', delayed, undefined, 'company');
    await eventually(() => subgraph.deliveries(eventId) >= 2 && subgraph.deliveries(otherId) >= 1);
    const rows = await sent(p.userId, 4);
    expect(
      rows
        .filter((m) => m.kind === 'TRIP_DELAYED')
        .map((m) => m.channel)
        .sort(),
    ).toEqual(['EMAIL', 'SMS']);
    const texts = subgraph.simulator.messages.smsTo(p.phone!).map((m) => m.message);
    expect(texts).toHaveLength(2);
    expect(texts[1]).toMatch(/part désormais 15 janv\. 2030, 08:30 au lieu de 15 janv\. 2030, 07:00/);
  });

  it('records an old event of a trip gone (catching up) without telling anyone, and alerts later news', async () => {
    const w = await world(subgraph);
    // The trip left yesterday.
    w.departureAt = new Date(Date.now() - 24 * 3_600_000);
    const past = await publish(
      subgraph,
      'trip.updated',
      tripSnapshot({ ...w, version: ++w.version }),
      undefined,
      'company',
    );
    await eventually(() => subgraph.deliveries(past) >= 1);
    const p = await person(subgraph);
    const old = await publish(
      subgraph,
      'booking.confirmed',
      confirmedPayload(w, p),
      undefined,
      'ticketing',
      new Date(Date.now() - 2 * 3_600_000),
    );
    await eventually(() => subgraph.deliveries(old) >= 1);
    expect(await messagesOf(subgraph, p.userId)).toEqual([]);
    await publish(
      subgraph,
      'trip.updated',
      tripSnapshot({ ...w, version: 3, departureAt: new Date(w.departureAt.getTime() + 30 * 60_000) }),
      undefined,
      'company',
    );
    const rows = await sent(p.userId, 2);
    expect(rows.map((m) => m.kind)).toEqual(['TRIP_DELAYED', 'TRIP_DELAYED']);
  });

  it("alerts a cancelled trip once, whether trip.cancelled or the booking's cancellation comes first", async () => {
    const w = await world(subgraph);
    const p = await person(subgraph, { language: 'sw' });
    const booking = await confirmed(w, p);
    const cancelled = cancellation(w, booking, 'TRIP_CANCELLED');
    const first = await publish(subgraph, 'booking.cancelled', cancelled);
    await eventually(() => subgraph.deliveries(first) >= 1);
    const second = await cancelTrip(subgraph, w);
    await eventually(() => subgraph.deliveries(second) >= 1);
    const rows = await sent(p.userId, 4);
    expect(rows.filter((m) => m.kind === 'TRIP_CANCELLED')).toHaveLength(2);
    expect(subgraph.simulator.messages.smsTo(p.phone!).at(-1)!.message).toContain('imeghairi safari Kigali - Musanze');
  });

  it('retries a failing SMS provider with backoff, and the message record shows each state', async () => {
    const w = await world(subgraph);
    // The simulator answers 500 to the first two sends to a number ending 5002.
    const p = await person(subgraph, { phone: '+250788225002' });
    await publish(subgraph, 'booking.confirmed', confirmedPayload(w, p));
    const rows = await sent(p.userId, 2);
    const sms = rows.find((m) => m.channel === 'SMS')!;
    expect(sms.attempts).toBe(3);
    const history = await historyOf(subgraph, sms.id);
    expect(history.map((h) => `${h.status}/${h.attempt}`)).toEqual([
      'PENDING/0',
      'SENDING/1',
      'RETRYING/1',
      'SENDING/2',
      'RETRYING/2',
      'SENDING/3',
      'SENT/3',
    ]);
    expect(history[2]!.detail).toContain('500');
    expect(subgraph.simulator.messages.smsTo(p.phone!)).toHaveLength(1);
  });

  it('gives up at once on a permanent refusal, and after the last attempt otherwise', async () => {
    const w = await world(subgraph);
    const invalid = await person(subgraph, { phone: '+250788224030' });
    const down = await person(subgraph, { phone: '+250788225050' });
    await publish(subgraph, 'booking.confirmed', confirmedPayload(w, invalid));
    await publish(subgraph, 'booking.confirmed', confirmedPayload(w, down));
    const failed = async (userId: string) =>
      (await eventually(async () =>
        (await messagesOf(subgraph, userId)).find((m) => m.channel === 'SMS' && m.status === 'FAILED'),
      ))!;
    expect(await failed(invalid.userId)).toMatchObject({
      attempts: 1,
      lastError: 'SMS refused: 403 InvalidPhoneNumber',
    });
    // maxAttempts is 4 in these tests.
    expect(await failed(down.userId)).toMatchObject({ attempts: 4, lastError: expect.stringContaining('500') });
  });

  it('reminds a hold about to lapse once, not one due later, and not one already paid', async () => {
    const w = await world(subgraph);
    const p = await person(subgraph);
    const held = (bookingId: string, minutes: number, seat = '3A') => ({
      bookingId,
      tripId: w.tripId,
      companyId: w.companyId,
      userId: p.userId,
      tickets: [{ ticketId: randomUUID(), seatNumber: seat, passengerName: 'Aline Uwase' }],
      totalAmount: { amount: 5000, currency: 'RWF' },
      expiresAt: new Date(Date.now() + minutes * 60_000).toISOString(),
      departureAt: w.departureAt.toISOString(),
    });
    // Paid already: its booking.held arrives after booking.confirmed (another stream) and reminds nothing.
    const paid = confirmedPayload(w, p, ['4B']);
    await publish(subgraph, 'booking.confirmed', paid);
    await sent(p.userId, 2);
    const late = await publish(subgraph, 'booking.held', held(paid.bookingId, 2, '4B'));
    await eventually(() => subgraph.deliveries(late) >= 1);
    // Reminders are due 3 minutes before the hold lapses: now for the first, in an hour for the second.
    const soon = randomUUID();
    const later = randomUUID();
    await publish(subgraph, 'booking.held', held(soon, 2));
    await publish(subgraph, 'booking.held', held(later, 60));
    const rows = await sent(p.userId, 4);
    const reminders = rows.filter((m) => m.kind === 'HOLD_EXPIRING');
    expect(reminders.map((m) => m.bookingId)).toEqual([soon, soon]);
    expect(subgraph.simulator.messages.smsTo(p.phone!)[1]!.message).toMatch(
      /your seat 3A on Kigali - Musanze .* is held until .*Pay RWF\s5,000/,
    );
  });

  it('writes to the contact a booking carries (a passenger without an account of their own)', async () => {
    const w = await world(subgraph);
    const agent = await person(subgraph);
    const booking = {
      ...confirmedPayload(w, agent),
      contact: { name: 'Jean Habimana', phone: '+250788449911', language: 'rw' },
    };
    await publish(subgraph, 'booking.confirmed', booking);
    const rows = await sent(agent.userId, 1);
    expect(rows.map((m) => [m.channel, m.address, m.language])).toEqual([['SMS', '+250788449911', 'rw']]);
    expect(subgraph.simulator.messages.smsTo('+250788449911')[0]!.message).toContain('yemejwe');
    expect(subgraph.simulator.messages.smsTo(agent.phone!)).toEqual([]);
  });

  it('tells the passenger a refund was sent', async () => {
    const w = await world(subgraph);
    const p = await person(subgraph, { language: 'rw' });
    const booking = confirmedPayload(w, p);
    await publish(subgraph, 'booking.confirmed', booking);
    await sent(p.userId, 2);
    await publish(
      subgraph,
      'payment.refunded',
      {
        paymentId: booking.paymentId,
        bookingId: booking.bookingId,
        userId: p.userId,
        refundId: randomUUID(),
        amount: { amount: 4500, currency: 'RWF' },
        refundedAt: new Date().toISOString(),
      },
      undefined,
      'payment',
    );
    const rows = await sent(p.userId, 4);
    expect(rows.filter((m) => m.kind === 'REFUND_SENT')).toHaveLength(2);
    expect(subgraph.simulator.messages.smsTo(p.phone!).at(-1)!.message).toMatch(/wasubijwe RF\s4\.500/);
  });

  it('keeps a held booking open when a payment of it is refunded before its confirmation is read', async () => {
    const w = await world(subgraph);
    const p = await person(subgraph);
    const booking = confirmedPayload(w, p);
    const held = await publish(subgraph, 'booking.held', {
      bookingId: booking.bookingId,
      tripId: booking.tripId,
      companyId: booking.companyId,
      userId: booking.userId,
      tickets: booking.tickets,
      totalAmount: booking.totalAmount,
      expiresAt: new Date(Date.now() + 10 * 60_000).toISOString(),
    });
    await eventually(() => subgraph.deliveries(held) >= 1);
    // A second payment (two prompts approved) is refunded; payment's stream is read before ticketing's confirmation.
    const refund = await publishRefund(booking, randomUUID());
    await eventually(() => subgraph.deliveries(refund) >= 1);
    await publish(subgraph, 'booking.confirmed', booking);
    await sent(p.userId, 4);
    const [row] = await subgraph.database.handle.db
      .select()
      .from(bookings)
      .where(eq(bookings.bookingId, booking.bookingId));
    expect(row?.status).toBe('CONFIRMED');
    expect((await messagesOf(subgraph, p.userId)).map((m) => m.kind).sort()).toEqual([
      'BOOKING_CONFIRMED',
      'BOOKING_CONFIRMED',
      'REFUND_SENT',
      'REFUND_SENT',
    ]);
  });

  it('keeps a booking confirmed when another of its payments is refunded: the trip is still alerted', async () => {
    const w = await world(subgraph);
    const p = await person(subgraph);
    const duplicate = await confirmed(w, p);
    const own = await confirmed(w, await person(subgraph));
    // A second payment of the first booking (two prompts approved) is refunded; the second booking's own payment is.
    await publishRefund(duplicate, randomUUID());
    await publishRefund(own, own.paymentId);
    await sent(p.userId, 4);
    await sent(own.userId, 4);
    const status = async (bookingId: string) =>
      (await subgraph.database.handle.db.select().from(bookings).where(eq(bookings.bookingId, bookingId)))[0]?.status;
    expect(await status(duplicate.bookingId)).toBe('CONFIRMED');
    expect(await status(own.bookingId)).toBe('REFUNDED');
    const cancelled = await cancelTrip(subgraph, w);
    await eventually(() => subgraph.deliveries(cancelled) >= 1);
    const rows = await sent(p.userId, 6);
    expect(rows.filter((m) => m.kind === 'TRIP_CANCELLED')).toHaveLength(2);
    expect((await messagesOf(subgraph, own.userId)).map((m) => m.kind).sort()).toEqual([
      'BOOKING_CONFIRMED',
      'BOOKING_CONFIRMED',
      'REFUND_SENT',
      'REFUND_SENT',
    ]);
  });

  it('tells of a trip still ahead its ticket and changes read over an hour late (notification down)', async () => {
    const w = await world(subgraph);
    const p = await person(subgraph);
    const late = new Date(Date.now() - 90 * 60_000);
    await publish(subgraph, 'booking.confirmed', confirmedPayload(w, p), undefined, 'ticketing', late);
    await sent(p.userId, 2);
    const departureAt = new Date(w.departureAt.getTime() + 3_600_000);
    await publish(
      subgraph,
      'trip.updated',
      tripSnapshot({ ...w, version: 2, departureAt }),
      undefined,
      'company',
      late,
    );
    await sent(p.userId, 4);
    await publish(
      subgraph,
      'trip.cancelled',
      {
        tripId: w.tripId,
        companyId: w.companyId,
        reason: 'Bus broke down',
        version: 3,
        cancelledAt: late.toISOString(),
      },
      undefined,
      'company',
      late,
    );
    const rows = await sent(p.userId, 6);
    expect(rows.map((m) => m.kind).sort()).toEqual([
      'BOOKING_CONFIRMED',
      'BOOKING_CONFIRMED',
      'TRIP_CANCELLED',
      'TRIP_CANCELLED',
      'TRIP_DELAYED',
      'TRIP_DELAYED',
    ]);
  });
});

describe('operations', () => {
  it('report sends and the backlog on /metrics, and the simulator on /readyz', async () => {
    const base = subgraph.graphqlUrl.replace(/\/graphql$/, '');
    const readiness = (await (await fetch(`${base}/readyz`)).json()) as { checks: { name: string; ok: boolean }[] };
    expect(readiness.checks).toContainEqual({
      name: 'notification-channels: SIMULATOR, no message reaches a passenger',
      ok: true,
    });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    // Earlier tests sent SMS (and had the 5002 number fail twice).
    expect(metrics).toMatch(/busline_notification_sends_total\{[^}]*channel="SMS"[^}]*outcome="sent"[^}]*\} [1-9]/);
    expect(metrics).toMatch(/busline_notification_sends_total\{[^}]*channel="SMS"[^}]*outcome="failed"[^}]*\} [1-9]/);
    expect(metrics).toContain('# TYPE busline_notification_backlog gauge');
  });
});

describe('preferences', () => {
  const PREFS = 'query { myNotificationPreferences { channels channelsChosen language languageChosen phone email } }';
  const UPDATE =
    'mutation($input: NotificationPreferencesInput!) { updateNotificationPreferences(input: $input) { channels channelsChosen language languageChosen } }';

  it('follow the profile until the passenger chooses, and later messages use the choice', async () => {
    const w = await world(subgraph);
    const p = await person(subgraph, { language: 'fr' });
    expect((await subgraph.request(PREFS, {}, p)).data?.myNotificationPreferences).toEqual({
      channels: ['SMS', 'EMAIL'],
      channelsChosen: false,
      language: 'fr',
      languageChosen: false,
      phone: p.phone,
      email: p.email,
    });
    const updated = await subgraph.request(UPDATE, { input: { channels: ['SMS'], language: 'sw' } }, p);
    expect(updated.data?.updateNotificationPreferences).toEqual({
      channels: ['SMS'],
      channelsChosen: true,
      language: 'sw',
      languageChosen: true,
    });
    await publish(subgraph, 'booking.confirmed', confirmedPayload(w, p));
    const rows = await sent(p.userId, 1);
    expect(rows.map((m) => [m.channel, m.language])).toEqual([['SMS', 'sw']]);
    const reset = await subgraph.request(UPDATE, { input: { channels: null, language: null } }, p);
    expect(reset.data?.updateNotificationPreferences).toEqual({
      channels: ['SMS', 'EMAIL'],
      channelsChosen: false,
      language: 'fr',
      languageChosen: false,
    });
  });

  it('fall back to every channel with an address when the chosen have none (SMS chosen, phone removed)', async () => {
    const w = await world(subgraph);
    const p = await person(subgraph);
    expect((await subgraph.request(UPDATE, { input: { channels: ['SMS'] } }, p)).errors).toBeUndefined();
    const removed = await publish(
      subgraph,
      'user.profile_updated',
      { userId: p.userId, fullName: 'Aline Uwase', phone: null, language: 'en', email: p.email },
      undefined,
      'user',
    );
    await eventually(() => subgraph.deliveries(removed) >= 1);
    await publish(subgraph, 'booking.confirmed', confirmedPayload(w, p));
    const rows = await sent(p.userId, 1);
    expect(rows.map((m) => [m.kind, m.channel, m.address])).toEqual([['BOOKING_CONFIRMED', 'EMAIL', p.email]]);
    // The passenger's settings say so: messages go by e-mail (their choice of SMS is kept for a phone added again).
    expect((await subgraph.request(PREFS, {}, p)).data?.myNotificationPreferences).toMatchObject({
      channels: ['EMAIL'],
      channelsChosen: true,
      phone: null,
    });
  });

  it('refuse anonymous callers and an empty channel list', async () => {
    expect((await subgraph.request(PREFS, {})).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await subgraph.request(UPDATE, { input: { language: 'rw' } })).errors?.[0]?.extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    const empty = await subgraph.request(UPDATE, { input: { channels: [] } }, passenger());
    expect(empty.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'channels' });
  });
});

describe('messages for platform admins', () => {
  it('lists messages newest first with their history, filtered and paginated', async () => {
    const w = await world(subgraph);
    const p = await person(subgraph);
    await publish(subgraph, 'booking.confirmed', confirmedPayload(w, p));
    await sent(p.userId, 2);
    const admin = platformAdmin();
    const page1 = await subgraph.request(MESSAGES, { filter: { recipientId: p.userId }, first: 1 }, admin);
    expect(page1.errors).toBeUndefined();
    const first = page1.data!.notificationMessages;
    expect(first.edges).toHaveLength(1);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const page2 = await subgraph.request(
      MESSAGES,
      { filter: { recipientId: p.userId }, first: 1, after: first.pageInfo.endCursor },
      admin,
    );
    const second = page2.data!.notificationMessages;
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect([first.edges[0].node.channel, second.edges[0].node.channel].sort()).toEqual(['EMAIL', 'SMS']);
    expect(first.edges[0].node.history.map((h: { status: string }) => h.status)).toEqual([
      'PENDING',
      'SENDING',
      'SENT',
    ]);
    const bySms = await subgraph.request(MESSAGES, { filter: { channel: 'SMS', address: p.phone!.slice(-7) } }, admin);
    expect(bySms.data!.notificationMessages.edges.map((e: { node: { address: string } }) => e.node.address)).toEqual([
      p.phone,
    ]);
    const nul = await subgraph.request(MESSAGES, { filter: { address: `${p.phone!.slice(-7)}\u0000` } }, admin);
    expect(nul.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.address' });
  });

  it('pages through every message, two of them written in the same millisecond', async () => {
    const w = await world(subgraph);
    const p = await person(subgraph);
    await publish(subgraph, 'booking.confirmed', confirmedPayload(w, p));
    await sent(p.userId, 2);
    // The cursor's time has milliseconds; Postgres keeps microseconds.
    const [older, newer] = await messagesOf(subgraph, p.userId);
    const db = subgraph.database.handle.db;
    const at = (iso: string) => sql`${iso}::timestamptz` as unknown as Date;
    await db
      .update(messages)
      .set({ createdAt: at('2026-01-10T12:00:00.123600Z') })
      .where(eq(messages.id, newer!.id));
    await db
      .update(messages)
      .set({ createdAt: at('2026-01-10T12:00:00.123400Z') })
      .where(eq(messages.id, older!.id));
    const admin = platformAdmin();
    const filter = { recipientId: p.userId };
    const first = (await subgraph.request(MESSAGES, { filter, first: 1 }, admin)).data!.notificationMessages;
    const after = first.pageInfo.endCursor;
    const second = (await subgraph.request(MESSAGES, { filter, first: 1, after }, admin)).data!.notificationMessages;
    expect([...first.edges, ...second.edges].map((e: { node: { id: string } }) => e.node.id)).toEqual([
      newer!.id,
      older!.id,
    ]);
  });

  it('are refused to passengers, drivers, company admins and anonymous callers, and bad filters are refused', async () => {
    const companyId = randomUUID();
    for (const viewer of [
      passenger(),
      { userId: randomUUID(), role: 'DRIVER' as const, companyId },
      { userId: randomUUID(), role: 'COMPANY_ADMIN' as const, companyId },
    ]) {
      const result = await subgraph.request(MESSAGES, {}, viewer);
      expect(result.errors?.[0]?.extensions?.code, viewer.role).toBe('FORBIDDEN');
      expect(result.data).toBeNull();
    }
    expect((await subgraph.request(MESSAGES, {})).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const bad = await subgraph.request(MESSAGES, { filter: { bookingId: 'nope' } }, platformAdmin());
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.bookingId' });
  });
});
