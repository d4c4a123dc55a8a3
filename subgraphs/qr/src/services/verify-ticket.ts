import {
  canActForCompany,
  EventTypes,
  forbidden,
  PgCode,
  postgresErrorCode,
  withinDeadline,
  type TransactionRunner,
  type UnitOfWork,
  type Viewer,
} from '@busline/shared';
import type { BoardingPassRow } from '../db/schema';
import type { KeyRing } from '../keys/key-ring';
import { checkPass } from '../keys/pass-token';
import { BoardingPassRepository } from '../repositories/boarding-pass-repository';

export type BoardingResultCode =
  'VALID' | 'ALREADY_BOARDED' | 'INVALID' | 'EXPIRED' | 'WRONG_TRIP' | 'WRONG_STOP' | 'REVOKED' | 'NOT_YET_BOARDING';

/** Where a pass boards: its boarding stop, or the first stop (order 0) for passes issued before segments. */
export const boardingStopOf = (pass: Pick<BoardingPassRow, 'boardingStop'>) => pass.boardingStop ?? 0;

export interface BoardingResult {
  result: BoardingResultCode;
  pass: BoardingPassRow | null;
  boardedAt: Date | null;
  /** When boarding opens (NOT_YET_BOARDING). */
  boardingOpensAt?: Date | null;
}

/**
 * verifyTicket: the token's signature (by the key its pass was issued under) decides INVALID; the pass's company
 * decides who may scan; then REVOKED, EXPIRED, WRONG_TRIP (also a driver's scan of a trip another driver drives, or
 * none), ALREADY_BOARDED and WRONG_STOP (the bus is at `stop`, the first stop when the scanner does not say, and the
 * pass boards elsewhere); before boarding opens (`boardingOpensMs` before the trip's latest departure)
 * NOT_YET_BOARDING; the first scan of an ISSUED pass records boarding, never after the router's deadline (then
 * UNAVAILABLE, nothing recorded: the scanner was told so and scans again).
 *
 * The window is what makes cancellation safe: ticketing closes cancellation of confirmed bookings
 * CANCELLATION_CLOSES_MINUTES before departure, so with boarding opening no earlier, no passenger can
 * board on a booking that may still be cancelled and refunded.
 */
export async function verifyTicket(
  deps: { keys: KeyRing; runner: TransactionRunner; repo: BoardingPassRepository; boardingOpensMs: number },
  viewer: Viewer,
  token: string,
  tripId: string | null,
  stop: number | null = null,
  /** When the router stops waiting for the answer (epoch ms), or null: no boarding is committed after it. */
  deadline: number | null = null,
): Promise<BoardingResult> {
  const checked = await checkPass(deps.keys, token.trim());
  if (checked.kind === 'invalid') return { result: 'INVALID', pass: null, boardedAt: null };
  const pass = await deps.repo.findByTicketId(checked.claims.tid);
  // A genuine signature over claims that do not match what was issued is treated as forged; so is one by another key
  // than the pass was issued under: a key kept after a rotation verifies the passes it signed, and mints no others.
  const { claims } = checked;
  // Against the stops the token was signed with (a route edit may have renumbered the pass's since).
  const stopsDiffer =
    claims.from !== undefined &&
    (claims.from !== (pass?.signedBoardingStop ?? pass?.boardingStop) ||
      claims.to !== (pass?.signedAlightingStop ?? pass?.alightingStop));
  if (
    !pass ||
    pass.keyId !== checked.kid ||
    pass.tripId !== claims.trp ||
    pass.seatNumber !== claims.seat ||
    stopsDiffer
  )
    return { result: 'INVALID', pass: null, boardedAt: null };
  if (!canActForCompany(viewer, pass.companyId, 'DRIVER', 'COMPANY_ADMIN'))
    throw forbidden('Only staff of the operating company can verify this ticket');
  const now = new Date();
  const scan = () =>
    withinDeadline(deps.runner, deadline, 'The scan took too long; nothing was recorded, scan again', ({ tx, emit }) =>
      board(new BoardingPassRepository(tx), emit, { viewer, scanned: pass, tripId, stop, now }, deps),
    );
  try {
    return await scan();
  } catch (error) {
    // A transaction of trip and booking events applied together may hold a pass this scan waits for while waiting
    // for the trip this scan holds: Postgres ends one of the two. Scanned again, the scan finds what they committed.
    if (postgresErrorCode(error) !== PgCode.DEADLOCK) throw error;
    return scan();
  }
}

/**
 * The scan's decision and its boarding, in one transaction under the trip's lock (shared: scans do not wait for each
 * other): a change of the trip being applied (another driver, the last stop reached, a new departure) commits before
 * the pass and the trip are read here, or waits until this scan has committed. Read before, a driver just taken off
 * the trip, or a bus that had arrived, still boarded the passenger.
 */
async function board(
  repo: BoardingPassRepository,
  emit: UnitOfWork['emit'],
  scan: { viewer: Viewer; scanned: BoardingPassRow; tripId: string | null; stop: number | null; now: Date },
  deps: { boardingOpensMs: number },
): Promise<BoardingResult> {
  const { viewer, scanned, tripId, stop, now } = scan;
  await repo.lockTrip(scanned.tripId, 'shared');
  // Passes are never deleted; the pass as it stands once the trip's lock is held.
  const pass = (await repo.findByTicketId(scanned.ticketId)) ?? scanned;
  const trip = await repo.scheduleOf(pass);
  const done = (result: BoardingResultCode, row = pass): BoardingResult => ({
    result,
    pass: row,
    boardedAt: row.boardedAt,
  });
  if (pass.status === 'REVOKED') return done('REVOKED');
  // The company cancelled the trip: its passes are being revoked (booking.cancelled, one booking at a time).
  if (trip.cancelled) return done('REVOKED');
  // The stored validity, which a trip moved later extends; the token's `exp` is the one it was issued with.
  if (pass.validUntil.getTime() <= now.getTime()) return done('EXPIRED');
  // The bus has reached its last stop: a pass of that trip boards no other bus (the scanner's "any trip" mode).
  if (trip.arrived) return done('EXPIRED');
  if (tripId && tripId !== pass.tripId) return done('WRONG_TRIP');
  // A driver boards the trips they drive (as they record those trips' progress); the company's admins, any of them.
  if (viewer.role === 'DRIVER' && trip.driverUserId !== undefined && trip.driverUserId !== viewer.userId)
    return done('WRONG_TRIP');
  if (pass.status === 'BOARDED') return done('ALREADY_BOARDED');
  if ((stop ?? 0) !== boardingStopOf(pass)) return done('WRONG_STOP');
  const opensAt = trip.departureAt ? new Date(trip.departureAt.getTime() - deps.boardingOpensMs) : null;
  if (opensAt && now.getTime() < opensAt.getTime()) return { ...done('NOT_YET_BOARDING'), boardingOpensAt: opensAt };
  const boarded = await repo.markBoarded(pass.ticketId, viewer.userId, now);
  if (!boarded) {
    // Another scan won the race, or the pass was revoked meanwhile.
    const latest = (await repo.findByTicketId(pass.ticketId)) ?? pass;
    return done(latest.status === 'REVOKED' ? 'REVOKED' : 'ALREADY_BOARDED', latest);
  }
  await emit(EventTypes.TicketBoarded, {
    ticketId: boarded.ticketId,
    bookingId: boarded.bookingId,
    tripId: boarded.tripId,
    companyId: boarded.companyId,
    boardedAt: now.toISOString(),
    scannedBy: viewer.userId,
  });
  return done('VALID', boarded);
}
