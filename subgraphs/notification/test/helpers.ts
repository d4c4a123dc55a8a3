import { randomInt, randomUUID } from 'node:crypto';
import net, { type AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { createServer as createSimulator, smsPlanFor, type ProviderSimulator } from '@busline/provider-simulator';
import type { Viewer } from '@busline/shared';
import { eventually, startTestSubgraph, testLogger, type TestSubgraph } from '@busline/shared/testing';
import { AfricasTalkingSms } from '../src/channels/africastalking';
import { SmtpEmail } from '../src/channels/smtp';
import { migrations } from '../src/db/migrations';
import { messageEvents, messages, recipients, trips } from '../src/db/schema';
import type { NotificationOptions } from '../src/options';
import { createServer } from '../src/server';

export type NotificationSubgraph = TestSubgraph<ReturnType<typeof createServer>> & { simulator: ProviderSimulator };

/**
 * The notification subgraph with its SMS and e-mail adapters pointed at a provider simulator of its
 * own, sending every 30 ms and retrying after 50 ms (doubling), a message given up after its fourth attempt
 * (retryForMs 0: attempts alone); a trip's change of time is sent at once.
 */
export async function startNotificationSubgraph(options: NotificationOptions = {}): Promise<NotificationSubgraph> {
  const simulator = createSimulator({ logger: testLogger('provider-simulator') });
  const url = await simulator.start(0);
  const subgraph = await startTestSubgraph({
    name: 'notification',
    migrations,
    createServer: (deps) =>
      createServer(deps, {
        sms: new AfricasTalkingSms(
          { baseUrl: url, username: 'simulator', apiKey: 'simulator', timeoutMs: 2000 },
          'simulator',
        ),
        email: new SmtpEmail(
          { url: simulator.smtpUrl, from: 'Busline <no-reply@busline.test>', timeoutMs: 2000 },
          'simulator',
        ),
        simulator: true,
        dispatchIntervalMs: 30,
        retryMs: 50,
        retryMaxMs: 200,
        maxAttempts: 4,
        retryForMs: 0,
        // A trip's change of time goes out at once here (trip-alerts.test.ts has it wait).
        tripAlertSettleMs: 0,
        webUrl: 'https://busline.test',
        ...options,
      }),
  });
  const stop = subgraph.stop.bind(subgraph);
  return Object.assign(subgraph, {
    simulator,
    async stop() {
      await stop();
      await simulator.stop();
    },
  });
}

export const passenger = (): Viewer => ({ userId: randomUUID(), role: 'PASSENGER', companyId: null });
export const platformAdmin = (): Viewer => ({ userId: randomUUID(), role: 'PLATFORM_ADMIN', companyId: null });

/** Publishes a domain event as its producer would (through the bus); resolves with its id. */
export async function publish(
  subgraph: NotificationSubgraph,
  type: string,
  payload: Record<string, unknown>,
  id: string = randomUUID(),
  source = 'ticketing',
  occurredAt = new Date(),
): Promise<string> {
  await subgraph.deps.bus.publish({ id, type, source, occurredAt: occurredAt.toISOString(), payload });
  return id;
}

export interface World {
  companyId: string;
  tripId: string;
  departureAt: Date;
  version: number;
}

export function tripSnapshot(world: World, overrides: Record<string, unknown> = {}) {
  return {
    tripId: world.tripId,
    companyId: world.companyId,
    routeId: randomUUID(),
    busId: randomUUID(),
    driverId: null,
    version: world.version,
    status: 'SCHEDULED',
    departureAt: world.departureAt.toISOString(),
    arrivalAt: new Date(world.departureAt.getTime() + 2 * 3600_000).toISOString(),
    price: { amount: 5000, currency: 'RWF' },
    stops: [
      { stationId: randomUUID(), code: 'NYB', name: 'Nyabugogo', city: 'Kigali', order: 0, minutesFromDeparture: 0 },
      {
        stationId: randomUUID(),
        code: 'MUS',
        name: 'Musanze Park',
        city: 'Musanze',
        order: 1,
        minutesFromDeparture: 120,
      },
    ],
    seats: [],
    refundPolicy: { tiers: [] },
    ...overrides,
  };
}

/** A company with one trip tomorrow at 07:00 UTC, known to the subgraph. */
export async function world(subgraph: NotificationSubgraph): Promise<World> {
  const w: World = {
    companyId: randomUUID(),
    tripId: randomUUID(),
    departureAt: new Date(Date.UTC(2030, 0, 15, 5, 0)),
    version: 1,
  };
  await publish(
    subgraph,
    'company.created',
    {
      companyId: w.companyId,
      name: 'Volcano Coaches',
      slug: `volcano-${w.companyId.slice(0, 6)}`,
      refundPolicy: { tiers: [] },
    },
    undefined,
    'company',
  );
  await publish(subgraph, 'trip.scheduled', tripSnapshot(w), undefined, 'company');
  await eventually(
    async () => (await subgraph.database.handle.db.select().from(trips).where(eq(trips.tripId, w.tripId))).length === 1,
  );
  return w;
}

/**
 * A Rwandan mobile number (international form) the simulator texts at the first try, another one at each call:
 * never one whose last digits give it a failure plan (smsPlanFor), which a test counting sent messages would wait
 * for in vain (1 random number in 5,000 did).
 */
export function textablePhone(): string {
  for (;;) {
    const phone = `+25078${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;
    const plan = smsPlanFor(phone);
    if (plan.failFirst === 0 && !plan.failAlways && !plan.invalidNumber) return phone;
  }
}

/** A registered passenger whose contact the subgraph knows; `language` comes as a profile update. */
export async function person(
  subgraph: NotificationSubgraph,
  contact: { phone?: string | null; email?: string; language?: string; fullName?: string } = {},
): Promise<Viewer & { phone: string | null; email: string }> {
  const viewer = passenger();
  const phone = contact.phone === undefined ? textablePhone() : contact.phone;
  const email = contact.email ?? `p-${viewer.userId.slice(0, 8)}@busline.test`;
  const fullName = contact.fullName ?? 'Aline Uwase';
  await publish(
    subgraph,
    'user.registered',
    {
      userId: viewer.userId,
      email,
      fullName,
      phone,
      role: 'PASSENGER',
      companyId: null,
      registeredAt: new Date().toISOString(),
    },
    undefined,
    'auth',
  );
  if (contact.language)
    await publish(
      subgraph,
      'user.profile_updated',
      { userId: viewer.userId, fullName, phone, language: contact.language, email },
      undefined,
      'user',
    );
  const db = subgraph.database.handle.db;
  await eventually(async () => {
    const [row] = await db.select().from(recipients).where(eq(recipients.userId, viewer.userId));
    return !!row && (!contact.language || row.profileLanguage === contact.language);
  });
  return { ...viewer, phone, email };
}

/** trip.cancelled of the world's trip, as company publishes it; resolves with its event id. */
export function cancelTrip(subgraph: NotificationSubgraph, w: World, version = 2): Promise<string> {
  const payload = { tripId: w.tripId, companyId: w.companyId, reason: 'Bus broke down', version };
  return publish(
    subgraph,
    'trip.cancelled',
    { ...payload, cancelledAt: new Date().toISOString() },
    undefined,
    'company',
  );
}

/** booking.confirmed for `owner` on the world's trip. */
export function confirmedPayload(w: World, owner: Viewer, seats = ['12C'], bookingId: string = randomUUID()) {
  return {
    bookingId,
    tripId: w.tripId,
    companyId: w.companyId,
    userId: owner.userId,
    paymentId: randomUUID(),
    tickets: seats.map((seatNumber) => ({ ticketId: randomUUID(), seatNumber, passengerName: 'Aline Uwase' })),
    totalAmount: { amount: 5000 * seats.length, currency: 'RWF' },
    departureAt: w.departureAt.toISOString(),
    arrivalAt: new Date(w.departureAt.getTime() + 2 * 3600_000).toISOString(),
  };
}

/** booking.held of one seat (3A) of `w` for `owner`, its hold lapsing in `lapsesInMs` (a reminder due at once). */
export function heldPayload(w: World, owner: Viewer, bookingId: string = randomUUID(), lapsesInMs = 2 * 60_000) {
  return {
    bookingId,
    tripId: w.tripId,
    companyId: w.companyId,
    userId: owner.userId,
    tickets: [{ ticketId: randomUUID(), seatNumber: '3A', passengerName: 'Aline Uwase' }],
    totalAmount: { amount: 5000, currency: 'RWF' },
    expiresAt: new Date(Date.now() + lapsesInMs).toISOString(),
    departureAt: w.departureAt.toISOString(),
  };
}

export async function messagesOf(subgraph: NotificationSubgraph, userId: string) {
  return subgraph.database.handle.db.select().from(messages).where(eq(messages.userId, userId));
}

export async function historyOf(subgraph: NotificationSubgraph, messageId: string) {
  const rows = await subgraph.database.handle.db
    .select()
    .from(messageEvents)
    .where(eq(messageEvents.messageId, messageId));
  return rows.sort((a, b) => a.at.getTime() - b.at.getTime() || a.attempt - b.attempt);
}

export const MESSAGES = `query($filter: NotificationMessageFilter, $first: Int, $after: String) {
  notificationMessages(filter: $filter, first: $first, after: $after) {
    edges { cursor node { id recipientId channel kind address language subject body status attempts lastError history { status attempt detail } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/**
 * An SMTP relay on a free port that takes every message unless `refuse` answers one of its commands (MAIL, RCPT, or
 * DATA at the message's end; `line` as the client wrote it) with a refusal of its own, e.g. `550 5.4.5 …`. With
 * `delayMs`, each answer comes that long after its line (a slow relay, never silent long).
 */
export async function smtpRelay(
  refuse: (verb: 'MAIL' | 'RCPT' | 'DATA', line: string) => string | undefined = () => undefined,
  { delayMs = 0 }: { delayMs?: number } = {},
) {
  let delivered = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const reply = (text: string, then?: () => void) => {
      const write = () => {
        if (socket.destroyed) return;
        socket.write(`${text}\r\n`);
        then?.();
      };
      if (delayMs > 0) setTimeout(write, delayMs);
      else write();
    };
    let buffer = '';
    let inData = false;
    reply('220 relay.test ESMTP');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      for (let eol = buffer.indexOf('\r\n'); eol >= 0; eol = buffer.indexOf('\r\n')) {
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (inData) {
          if (line !== '.') continue;
          inData = false;
          const refusal = refuse('DATA', line);
          reply(refusal ?? '250 2.0.0 queued', () => {
            if (!refusal) delivered++;
          });
        } else if (verb === 'MAIL') reply(refuse('MAIL', line) ?? '250 2.1.0 sender ok');
        else if (verb === 'RCPT') reply(refuse('RCPT', line) ?? '250 2.1.5 recipient ok');
        else if (verb === 'DATA') {
          inData = true;
          reply('354 go ahead');
        } else if (verb === 'QUIT') socket.end('221 2.0.0 bye\r\n');
        else reply(verb === 'EHLO' || verb === 'HELO' ? '250 relay.test' : '250 2.0.0 ok');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** Messages the relay took. */
    delivered: () => delivered,
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
