/**
 * Verifies a Busline boarding pass the way a scanner without network access to Busline does:
 * with the published public keys only (no database, no GraphQL).
 *
 *   npx tsx scripts/verify-qr-offline.ts <token> [--keys <url-or-file>]
 *
 * --keys defaults to http://localhost:8005/.well-known/qr-keys.json; a file holding that JSON
 * (cached by the scanner) works the same. Prints the verdict as JSON, with the stop orders a segment's pass
 * boards and leaves at (`boardingStop`, `alightingStop`: the scanner compares the stop it is at); exits 0
 * when the pass is valid, 1 when it is not (INVALID or EXPIRED), 2 on usage or key-loading errors and
 * when the pass is signed with a key the key set does not have (UNKNOWN_KEY: a key newer than the scanner's
 * copy after a rotation; fetch the key set again rather than refuse the passenger). Offline verification
 * cannot know about boarding or revocation: the online verifyTicket decides those.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createLocalJWKSet, decodeProtectedHeader, errors, jwtVerify, type JSONWebKeySet } from 'jose';

export const DEFAULT_KEYS_URL = 'http://localhost:8005/.well-known/qr-keys.json';

export interface OfflineVerdict {
  result: 'VALID' | 'INVALID' | 'EXPIRED' | 'UNKNOWN_KEY';
  reason?: string;
  kid?: string;
  ticketId?: string;
  tripId?: string;
  seat?: string;
  passengerName?: string;
  /** Stop orders (0 = the route's origin) a segment's pass boards and leaves at; absent on a whole-route pass. */
  boardingStop?: number;
  alightingStop?: number;
  validUntil?: string;
}

export async function loadKeys(source: string): Promise<JSONWebKeySet> {
  const text = /^https?:\/\//.test(source) ? await (await fetch(source)).text() : readFileSync(source, 'utf8');
  const parsed = JSON.parse(text) as JSONWebKeySet;
  if (!Array.isArray(parsed.keys)) throw new Error(`${source} is not a JSON Web Key Set`);
  // Only public halves are ever needed; refuse to handle private material by accident.
  return { keys: parsed.keys.map(({ d: _d, ...publicKey }) => publicKey) };
}

export async function verifyOffline(token: string, jwks: JSONWebKeySet): Promise<OfflineVerdict> {
  let kid: string | undefined;
  try {
    kid = decodeProtectedHeader(token).kid;
  } catch {
    return { result: 'INVALID', reason: 'malformed token' };
  }
  try {
    const { payload } = await jwtVerify(token, createLocalJWKSet(jwks), { algorithms: ['EdDSA'], clockTolerance: 30 });
    return {
      result: 'VALID',
      kid,
      ticketId: String(payload.tid),
      tripId: String(payload.trp),
      seat: String(payload.seat),
      passengerName: String(payload.name),
      ...(typeof payload.from === 'number' && typeof payload.to === 'number'
        ? { boardingStop: payload.from, alightingStop: payload.to }
        : {}),
      validUntil: payload.exp ? new Date(payload.exp * 1000).toISOString() : undefined,
    };
  } catch (error) {
    if (error instanceof errors.JWTExpired) return { result: 'EXPIRED', kid, reason: error.message };
    if (error instanceof errors.JWKSNoMatchingKey)
      return {
        result: 'UNKNOWN_KEY',
        kid,
        reason: 'signed with a key this key set does not have: fetch the key set again',
      };
    return { result: 'INVALID', kid, reason: error instanceof errors.JOSEError ? error.code : String(error) };
  }
}

async function main(argv: string[]): Promise<number> {
  const args = [...argv];
  let keysSource = DEFAULT_KEYS_URL;
  const keysAt = args.indexOf('--keys');
  if (keysAt >= 0) {
    keysSource = args[keysAt + 1] ?? '';
    args.splice(keysAt, 2);
  }
  const token = args[0];
  if (!token || !keysSource) {
    console.error('usage: verify-qr-offline.ts <token> [--keys <url-or-file>]');
    return 2;
  }
  let jwks: JSONWebKeySet;
  try {
    jwks = await loadKeys(keysSource);
  } catch (error) {
    console.error(`could not load keys from ${keysSource}: ${(error as Error).message}`);
    return 2;
  }
  const verdict = await verifyOffline(token.trim(), jwks);
  console.log(JSON.stringify(verdict, null, 2));
  return verdict.result === 'VALID' ? 0 : verdict.result === 'UNKNOWN_KEY' ? 2 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
