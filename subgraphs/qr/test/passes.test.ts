import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eventually, inFlight, untilWaiting } from '@busline/shared/testing';
import { inArray } from 'drizzle-orm';
import { processedEvents } from '../src/db/schema';
import { generateSigningJwk, KeyRing } from '../src/keys/key-ring';
import { signPass } from '../src/keys/pass-token';
import { BoardingPassRepository } from '../src/repositories/boarding-pass-repository';
import { issuePasses } from '../src/services/issue-passes';
import {
  boardedEvents,
  confirmBooking,
  driverOf,
  passesOf,
  publish,
  startQrSubgraph,
  VERIFY,
  type QrSubgraph,
} from './helpers';

let subgraph: QrSubgraph;
const [current, previous] = [generateSigningJwk(), generateSigningJwk()];
beforeAll(async () => {
  subgraph = await startQrSubgraph([current, previous]);
});
afterAll(() => subgraph.stop());

const QR =
  'query($r: [_Any!]!) { _entities(representations: $r) { ... on Ticket { qr { token svg pngDataUrl validUntil } } } }';
const run = promisify(execFile);
const script = new URL('../../../scripts/verify-qr-offline.ts', import.meta.url).pathname;

describe('boarding passes', () => {
  it('issues one signed pass per ticket, once, however often booking.confirmed arrives', async () => {
    const booking = await confirmBooking(subgraph, { seats: 2 });
    const before = await passesOf(subgraph, booking.bookingId);
    const redeliveries = [randomUUID(), randomUUID()];
    for (const id of redeliveries) await publish(subgraph, 'booking.confirmed', booking.payload, id);
    const processed = () =>
      subgraph.database.handle.db.select().from(processedEvents).where(inArray(processedEvents.eventId, redeliveries));
    await eventually(async () => (await processed()).length === 2);
    const after = await passesOf(subgraph, booking.bookingId);
    expect(after).toHaveLength(2);
    expect(after.map((p) => p.token).sort()).toEqual(before.map((p) => p.token).sort());
    const claims = decodeJwt(after.find((p) => p.seatNumber === '1A')!.token);
    expect(claims).toMatchObject({
      tid: after.find((p) => p.seatNumber === '1A')!.ticketId,
      trp: booking.tripId,
      seat: '1A',
      name: 'Passenger 1',
    });
    expect(claims.exp).toBeGreaterThan(claims.nbf!);
    expect(decodeProtectedHeader(after[0]!.token)).toMatchObject({ alg: 'EdDSA', kid: current.kid });
  });

  it("shows the pass as token, SVG and PNG to the ticket's owner only", async () => {
    const booking = await confirmBooking(subgraph);
    const r = [{ __typename: 'Ticket', id: booking.ticketIds[0] }];
    const mine = await subgraph.request(QR, { r }, booking.owner);
    expect(mine.data?._entities[0].qr.token.split('.')).toHaveLength(3);
    expect(mine.data?._entities[0].qr.svg).toContain('<svg');
    expect(mine.data?._entities[0].qr.pngDataUrl).toMatch(/^data:image\/png;base64,/);
    const stranger = await subgraph.request(QR, { r }, { userId: randomUUID(), role: 'PASSENGER', companyId: null });
    expect(stranger.data?._entities[0].qr).toBeNull();
    const anonymous = await subgraph.request(QR, { r });
    expect(anonymous.data?._entities[0].qr).toBeNull();
  });

  it('waits for the pass of a ticket ticketing has just confirmed, instead of answering null', async () => {
    const owner = { userId: randomUUID(), role: 'PASSENGER' as const, companyId: null };
    const ticketId = randomUUID();
    // Ticket.qr waits by looking the pass up again until it exists: a second lookup of this ticket,
    // with the request still unanswered, shows it waiting before the pass is issued.
    const lookups = vi.spyOn(BoardingPassRepository.prototype, 'findByTicketIds');
    try {
      const request = inFlight(
        subgraph.request(QR, { r: [{ __typename: 'Ticket', id: ticketId, status: 'CONFIRMED' }] }, owner),
      );
      await untilWaiting(request, () => lookups.mock.calls.filter(([ids]) => ids.includes(ticketId)).length >= 2);
      const arrivalAt = new Date(Date.now() + 3 * 3600_000);
      await publish(subgraph, 'booking.confirmed', {
        bookingId: randomUUID(),
        tripId: randomUUID(),
        companyId: randomUUID(),
        userId: owner.userId,
        paymentId: randomUUID(),
        tickets: [{ ticketId, seatNumber: '7C', passengerName: 'Late Pass' }],
        totalAmount: { amount: 5000, currency: 'RWF' },
        departureAt: new Date(arrivalAt.getTime() - 2 * 3600_000).toISOString(),
        arrivalAt: arrivalAt.toISOString(),
      });
      const result = await request.answer;
      expect(decodeJwt(result.data?._entities[0].qr.token)).toMatchObject({ tid: ticketId, seat: '7C' });
    } finally {
      lookups.mockRestore();
    }
  });

  it('answers null at once for a ticket that is only held', async () => {
    const ticketId = randomUUID();
    const lookups = vi.spyOn(BoardingPassRepository.prototype, 'findByTicketIds');
    try {
      const result = await subgraph.request(
        QR,
        { r: [{ __typename: 'Ticket', id: ticketId, status: 'HELD' }] },
        { userId: randomUUID(), role: 'PASSENGER', companyId: null },
      );
      expect(result.data?._entities[0].qr).toBeNull();
      // One lookup: it answered without waiting for a pass (waiting looks again until one exists).
      expect(lookups.mock.calls.filter(([ids]) => ids.includes(ticketId))).toHaveLength(1);
    } finally {
      lookups.mockRestore();
    }
  });

  it('hides the pass once the booking is cancelled', async () => {
    const booking = await confirmBooking(subgraph);
    await publish(subgraph, 'booking.cancelled', {
      bookingId: booking.bookingId,
      ticketIds: booking.ticketIds,
      refund: null,
      paymentId: null,
    });
    await eventually(async () => (await passesOf(subgraph, booking.bookingId))[0]?.status === 'REVOKED');
    const result = await subgraph.request(
      QR,
      { r: [{ __typename: 'Ticket', id: booking.ticketIds[0] }] },
      booking.owner,
    );
    expect(result.data?._entities[0].qr).toBeNull();
  });

  it('publishes every public key, and nothing private, at /.well-known/qr-keys.json', async () => {
    const response = await fetch(`${subgraph.server.url}/.well-known/qr-keys.json`);
    const body = (await response.json()) as { keys: Record<string, unknown>[] };
    expect(body.keys.map((k) => k.kid)).toEqual([current.kid, previous.kid]);
    for (const key of body.keys) expect(key).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA' });
    expect(body.keys.some((k) => 'd' in k)).toBe(false);
  });

  it('verifies a pass offline with the published keys and rejects a tampered one', async () => {
    const booking = await confirmBooking(subgraph);
    const [pass] = await passesOf(subgraph, booking.bookingId);
    const keys = `${subgraph.server.url}/.well-known/qr-keys.json`;
    const ok = await run(process.execPath, ['--import', 'tsx', script, pass!.token, '--keys', keys]);
    expect(JSON.parse(ok.stdout)).toMatchObject({ result: 'VALID', ticketId: pass!.ticketId, kid: current.kid });
    const [head, body, signature] = pass!.token.split('.');
    const forged = [
      head,
      body,
      signature!.slice(0, 10) + (signature![10] === 'A' ? 'B' : 'A') + signature!.slice(11),
    ].join('.');
    const bad = await run(process.execPath, ['--import', 'tsx', script, forged, '--keys', keys]).catch(
      (error: { code: number; stdout: string }) => error,
    );
    expect((bad as { code: number }).code).toBe(1);
    expect(JSON.parse((bad as { stdout: string }).stdout).result).toBe('INVALID');
  });

  it("verifies a segment's pass offline with the stops it boards and leaves at", async () => {
    const segment = { boardingStop: 1, alightingStop: 2 };
    const booking = await confirmBooking(subgraph, { segment });
    const [pass] = await passesOf(subgraph, booking.bookingId);
    const keys = `${subgraph.server.url}/.well-known/qr-keys.json`;
    const checked = await run(process.execPath, ['--import', 'tsx', script, pass!.token, '--keys', keys]);
    expect(JSON.parse(checked.stdout)).toMatchObject({ result: 'VALID', ...segment });
  });

  it('tells a pass signed with a key newer than the scanner’s copy of the key set from a forged one', async () => {
    const booking = await confirmBooking(subgraph);
    const [pass] = await passesOf(subgraph, booking.bookingId);
    // The scanner's copy from before the rotation: the older key alone.
    const dir = mkdtempSync(join(tmpdir(), 'busline-qr-keys-'));
    const copy = join(dir, 'qr-keys.json');
    const published = (await (await fetch(`${subgraph.server.url}/.well-known/qr-keys.json`)).json()) as {
      keys: { kid: string }[];
    };
    writeFileSync(copy, JSON.stringify({ keys: published.keys.filter((k) => k.kid === previous.kid) }));
    try {
      const stale = await run(process.execPath, ['--import', 'tsx', script, pass!.token, '--keys', copy]).catch(
        (error: { code: number; stdout: string }) => error,
      );
      expect((stale as { code: number }).code).toBe(2);
      expect(JSON.parse((stale as { stdout: string }).stdout)).toMatchObject({
        result: 'UNKNOWN_KEY',
        kid: current.kid,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('still accepts a pass signed with an older key that is kept during a rotation', async () => {
    // A pass issued before the rotation, when the older key alone signed passes.
    const departureAt = new Date(Date.now() + 10 * 60_000);
    const booking = {
      bookingId: randomUUID(),
      tripId: randomUUID(),
      companyId: randomUUID(),
      userId: randomUUID(),
      paymentId: randomUUID(),
      tickets: [{ ticketId: randomUUID(), seatNumber: '2C', passengerName: 'Before Rotation' }],
      departureAt: departureAt.toISOString(),
      arrivalAt: new Date(departureAt.getTime() + 2 * 3600_000).toISOString(),
    };
    await issuePasses(subgraph.database.handle.db, new KeyRing([previous]), booking, 6 * 3600_000);
    const [pass] = await passesOf(subgraph, booking.bookingId);
    expect(pass!.keyId).toBe(previous.kid);
    expect(decodeProtectedHeader(pass!.token).kid).toBe(previous.kid);
    const result = await subgraph.request(VERIFY, { token: pass!.token }, driverOf(booking.companyId));
    expect(result.data?.verifyTicket.result).toBe('VALID');
  });

  it('refuses a pass signed with an older key for a ticket issued under the current one', async () => {
    const booking = await confirmBooking(subgraph);
    const [pass] = await passesOf(subgraph, booking.bookingId);
    expect(pass!.keyId).toBe(current.kid);
    // Whoever holds the older key (kept to verify the passes it signed; perhaps leaked, which is why keys are rotated)
    // and reads a ticket's id, seat and trip off a manifest signs a pass the platform never issued.
    const claims = { tid: pass!.ticketId, trp: pass!.tripId, seat: pass!.seatNumber, name: pass!.passengerName };
    const minted = await signPass(new KeyRing([previous]), claims, pass!.validFrom, pass!.validUntil);
    expect(decodeProtectedHeader(minted).kid).toBe(previous.kid);
    const result = await subgraph.request(VERIFY, { token: minted }, driverOf(booking.companyId));
    expect(result.data?.verifyTicket.result).toBe('INVALID');
    expect(await boardedEvents(subgraph, pass!.ticketId)).toEqual([]);
    // The passenger's own pass still boards.
    const own = await subgraph.request(VERIFY, { token: pass!.token }, driverOf(booking.companyId));
    expect(own.data?.verifyTicket.result).toBe('VALID');
  });
});
