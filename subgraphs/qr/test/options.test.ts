import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/env';
import { generateSigningJwk, KeyRing } from '../src/keys/key-ring';
import { checkPass, signPass } from '../src/keys/pass-token';
import { loadServerOptions } from '../src/options';

const dataDir = mkdtempSync(join(tmpdir(), 'qr-options-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('qr server options', () => {
  it('generates a signing key under DATA_DIR once and reuses it on the next start', async () => {
    const first = await loadServerOptions(loadConfig({ DATA_DIR: dataDir }));
    const second = await loadServerOptions(loadConfig({ DATA_DIR: dataDir }));
    expect(first.signingKeys).toHaveLength(1);
    expect(second.signingKeys).toEqual(first.signingKeys);
  });

  it('takes QR_SIGNING_KEYS in the given order, and requires them in production', async () => {
    const keys = [generateSigningJwk(), generateSigningJwk()];
    const options = await loadServerOptions(loadConfig({ QR_SIGNING_KEYS: JSON.stringify(keys), DATA_DIR: dataDir }));
    expect(options.signingKeys?.map((k) => k.kid)).toEqual(keys.map((k) => k.kid));
    await expect(
      loadServerOptions(loadConfig({ NODE_ENV: 'production', DATA_DIR: join(dataDir, 'empty') })),
    ).rejects.toThrow(/QR_SIGNING_KEYS/);
  });

  it("refuses a key whose x is not its d's public half: its passes would all be INVALID at the door", async () => {
    const mine = generateSigningJwk();
    // A rotation's slip: another key's public half pasted in.
    expect(() => new KeyRing([{ ...mine, x: generateSigningJwk().x }])).toThrow(
      `QR signing key ${mine.kid}: x is not the public half of its d`,
    );
    expect(() => new KeyRing([{ ...mine, d: 'not-a-key' }])).toThrow(/x is not the public half of its d/);
    expect(() => new KeyRing([{ ...mine, kid: 7 as unknown as string }])).toThrow(/kid a string/);
    // The key as it is signs passes that its ring finds valid.
    const ring = new KeyRing([mine]);
    const now = Date.now();
    const pass = { tid: crypto.randomUUID(), trp: crypto.randomUUID(), seat: '1A', name: 'Amina' };
    const token = await signPass(ring, pass, new Date(now - 60_000), new Date(now + 3_600_000));
    expect((await checkPass(ring, token)).kind).toBe('valid');
  });
});
