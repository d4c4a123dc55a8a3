import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/env';
import { generateSigningJwk } from '../src/keys/key-ring';
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
});
