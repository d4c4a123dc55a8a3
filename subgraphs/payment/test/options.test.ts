import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/env';
import { loadServerOptions, resolveOptions } from '../src/options';
import { nextCheckDelay } from '../src/services/reconcile-payments';
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
      loadConfig({
        MOMO_WEBHOOK_SECRET: 'a-webhook-secret-of-some-length',
        PAYMENT_WEBHOOK_URL: 'https://pay.example/webhooks/momo',
        RECONCILE_AFTER_MS: '5000',
      }),
    );
    expect(options).toMatchObject({
      webhookSecret: 'a-webhook-secret-of-some-length',
      webhookUrl: 'https://pay.example/webhooks/momo',
      reconcileAfterMs: 5000,
    });
    await expect(loadServerOptions(loadConfig({ NODE_ENV: 'production' }))).rejects.toThrow(/MOMO_WEBHOOK_SECRET/);
  });

  it('refuses in production a MOMO_WEBHOOK_SECRET anyone could guess: the published example, one repeated letter, a keyboard walk, words', async () => {
    const production = (secret: string) =>
      loadConfig({
        NODE_ENV: 'production',
        MOMO_WEBHOOK_SECRET: secret,
        PAYMENT_SIMULATOR_URL: 'http://provider-simulator:8090',
      });
    for (const secret of [
      'the-hmac-secret-the-mobile-money-provider-signs-callbacks-with',
      'a'.repeat(16),
      'qwertyuiopasdfgh',
      'momowebhook12345',
    ])
      await expect(loadServerOptions(production(secret))).rejects.toThrow(/MOMO_WEBHOOK_SECRET: a published example/);
    const secret = 'cQ7fV2kLm9TzW4xR8pNb3HjY6dGs1Ae5';
    expect((await loadServerOptions(production(secret))).webhookSecret).toBe(secret);
  });

  it('checks a pending payment 3 s after its expected callback, then backs off from 5 s to at most 60 s, unless configured otherwise', async () => {
    const defaults = resolveOptions(await loadServerOptions(loadConfig({ DATA_DIR: dataDir })));
    expect(defaults).toMatchObject({
      expectedCallbackMs: 1500,
      reconcileAfterMs: 3000,
      reconcileBackoffMs: 5000,
      reconcileBackoffMaxMs: 60_000,
      reconcileIntervalMs: 1000,
    });
    expect(
      [1, 2, 3, 4, 5, 6].map((checks) =>
        nextCheckDelay(checks, defaults.reconcileBackoffMs, defaults.reconcileBackoffMaxMs),
      ),
    ).toEqual([5000, 10_000, 20_000, 40_000, 60_000, 60_000]);
    const configured = resolveOptions(
      await loadServerOptions(
        loadConfig({
          DATA_DIR: dataDir,
          PAYMENT_CALLBACK_EXPECTED_MS: '20000',
          RECONCILE_BACKOFF_MS: '2000',
          RECONCILE_BACKOFF_MAX_MS: '30000',
          REFUND_RETRY_MS: '1000',
          REFUND_MAX_ATTEMPTS: '4',
        }),
      ),
    );
    expect(configured).toMatchObject({
      expectedCallbackMs: 20_000,
      reconcileBackoffMs: 2000,
      reconcileBackoffMaxMs: 30_000,
      refundRetryMs: 1000,
      refundMaxAttempts: 4,
    });
  });
});

describe('Rwandan phone numbers', () => {
  it('normalises local and international forms to 2507XXXXXXXX and refuses others', () => {
    expect(normalizeRwandanMsisdn('0788 123 456')).toBe('250788123456');
    expect(normalizeRwandanMsisdn('+250-732-123-456')).toBe('250732123456');
    expect(normalizeRwandanMsisdn('250791234567')).toBe('250791234567');
    for (const bad of ['0712345678', '078812345', '+254788123456', 'phone'])
      expect(normalizeRwandanMsisdn(bad)).toBeNull();
  });
});
