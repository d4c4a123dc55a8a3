/**
 * Prints a fresh AUTH_SIGNING_KEYS value (a JSON array with one private Ed25519 JWK).
 *   npx tsx subgraphs/auth/src/generate-keys.ts [count]
 * To rotate: put the new key first and keep the old one after it until its tokens expired (15 min).
 */
import { generateSigningKeys } from './crypto/signing-keys';

const count = Number(process.argv[2] ?? 1);
process.stdout.write(`${JSON.stringify(await generateSigningKeys(Number.isInteger(count) && count > 0 ? count : 1))}\n`);
