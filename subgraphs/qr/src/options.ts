import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { JWK } from 'jose';
import type { QrConfig } from './env';
import { generateSigningJwk } from './keys/key-ring';

/** Configuration of the qr subgraph beyond SubgraphDeps; omitted values get safe test defaults. */
export interface QrOptions {
  /** Private Ed25519 JWKs; the first signs. An ephemeral key when omitted. */
  signingKeys?: JWK[];
  /** How long a pass stays valid after arrival (default 6 h). */
  validityGraceMs?: number;
  /** Boarding opens this long before departure (default 30 min). */
  boardingOpensMs?: number;
}

function parseKeys(raw: string, source: string): JWK[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new Error(`${source} is not valid JSON`);
  }
  const keys = Array.isArray(parsed) ? parsed : (parsed as { keys?: unknown }).keys;
  if (!Array.isArray(keys) || keys.length === 0)
    throw new Error(`${source} must be a non-empty JSON array of private JWKs`);
  return keys as JWK[];
}

/**
 * Reads QR_SIGNING_KEYS; without it outside production, uses `${DATA_DIR}/keys/qr.json`, generating
 * one key there the first time (so passes stay verifiable across restarts). Production requires it.
 */
export async function loadServerOptions(config: QrConfig): Promise<QrOptions> {
  const validityGraceMs = config.QR_VALIDITY_GRACE_MS;
  const boardingOpensMs = config.BOARDING_OPENS_MINUTES * 60_000;
  if (config.QR_SIGNING_KEYS)
    return { signingKeys: parseKeys(config.QR_SIGNING_KEYS, 'QR_SIGNING_KEYS'), validityGraceMs, boardingOpensMs };
  if (config.NODE_ENV === 'production') throw new Error('QR_SIGNING_KEYS is required in production');
  const file = join(config.DATA_DIR, 'keys', 'qr.json');
  if (existsSync(file))
    return { signingKeys: parseKeys(readFileSync(file, 'utf8'), file), validityGraceMs, boardingOpensMs };
  const keys = [generateSigningJwk()];
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ keys }, null, 2), { mode: 0o600 });
  return { signingKeys: keys, validityGraceMs, boardingOpensMs };
}
