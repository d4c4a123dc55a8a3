import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/env';
import { loadServerOptions } from '../src/options';
import { normalizeRwandanMsisdn } from '../src/services/phone';

const dataDir = mkdtempSync(join(tmpdir(), 'payment-options-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('payment server options', () => {
  it('generates a webhook secret under DATA_DIR once and reuses it on the next start', async () => {
    const first = await loadServerOptions(loadConfig({ DATA_DIR: dataDir }));
    const second = await loadServerOptions(loadConfig({ DATA_DIR: dataDir }));
    expect(first.webhookSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(second.webhookSecret).toBe(first.webhookSecret);
  });

  it('reads the secret, webhook URL and timings from the environment, and requires the secret in production', async () => {
    const options = await loadServerOptions(
      loadConfig({ MOMO_WEBHOOK_SECRET: 'a-webhook-secret-of-some-length', PAYMENT_WEBHOOK_URL: 'https://pay.example/webhooks/momo', RECONCILE_AFTER_MS: '5000' }),
    );
    expect(options).toMatchObject({ webhookSecret: 'a-webhook-secret-of-some-length', webhookUrl: 'https://pay.example/webhooks/momo', reconcileAfterMs: 5000 });
    await expect(loadServerOptions(loadConfig({ NODE_ENV: 'production' }))).rejects.toThrow(/MOMO_WEBHOOK_SECRET/);
  });
});

describe('Rwandan phone numbers', () => {
  it('normalises local and international forms to 2507XXXXXXXX and refuses others', () => {
    expect(normalizeRwandanMsisdn('0788 123 456')).toBe('250788123456');
    expect(normalizeRwandanMsisdn('+250-732-123-456')).toBe('250732123456');
    expect(normalizeRwandanMsisdn('250791234567')).toBe('250791234567');
    for (const bad of ['0712345678', '078812345', '+254788123456', 'phone']) expect(normalizeRwandanMsisdn(bad)).toBeNull();
  });
});
