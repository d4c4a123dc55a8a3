import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/env';
import { loadServerOptions } from '../src/options';

const production = {
  NODE_ENV: 'production',
  ROUTER_SECRET: 'a-router-secret-of-32-characters!',
  NOTIFICATION_WEB_URL: 'https://busline.example.rw',
};
const credentials = {
  AFRICASTALKING_USERNAME: 'busline',
  AFRICASTALKING_API_KEY: 'key',
  SMTP_URL: 'smtps://user:pass@smtp.example.rw:465',
};
const options = (env: Record<string, string>) => loadServerOptions(loadConfig(env));

describe('notification channels from the environment', () => {
  it('use the provider simulator outside production when nothing is configured', async () => {
    const o = await options({});
    expect([o.sms?.name, o.email?.name, o.simulator]).toEqual(['simulator', 'simulator', true]);
  });

  it("use Africa's Talking and the SMTP server in production when they are configured", async () => {
    const o = await options({ ...production, ...credentials });
    expect([o.sms?.name, o.email?.name, o.simulator]).toEqual(['africastalking', 'smtp', false]);
  });

  it('refuse to start in production without them, never falling back to the simulator', async () => {
    await expect(options(production)).rejects.toThrow(
      'notification cannot reach passengers: set AFRICASTALKING_USERNAME, AFRICASTALKING_API_KEY, SMTP_URL, or NOTIFICATION_SIMULATOR_URL to run against the provider simulator',
    );
    await expect(options({ ...production, ...credentials, SMTP_URL: '' })).rejects.toThrow('set SMTP_URL');
    await expect(options({ ...production, ...credentials, AFRICASTALKING_USERNAME: 'sandbox' })).rejects.toThrow(
      "Africa's Talking's sandbox",
    );
    // Messages linking passengers to a development address, and an API key sent in clear text.
    for (const web of ['http://busline.example.rw', 'https://localhost:5173'])
      await expect(options({ ...production, ...credentials, NOTIFICATION_WEB_URL: web })).rejects.toThrow(
        "NOTIFICATION_WEB_URL must be the web client's public https address",
      );
    await expect(
      options({ ...production, ...credentials, AFRICASTALKING_BASE_URL: 'http://api.africastalking.com' }),
    ).rejects.toThrow('AFRICASTALKING_BASE_URL must be https');
    await expect(
      options({ ...production, ...credentials, AFRICASTALKING_BASE_URL: 'https://api.sandbox.africastalking.com' }),
    ).rejects.toThrow("AFRICASTALKING_BASE_URL is Africa's Talking's sandbox");
  });

  it('refuse a send slower than the lease of a message, and a time zone the runtime does not know', () => {
    expect(() => loadConfig({ SEND_TIMEOUT_MS: '120000' })).toThrow('SEND_TIMEOUT_MS');
    expect(loadConfig({ SEND_TIMEOUT_MS: '50000' }).SEND_TIMEOUT_MS).toBe(50_000);
    expect(() => loadConfig({ NOTIFICATION_TIME_ZONE: 'Africa/Kigal' })).toThrow('must be an IANA time zone');
    expect(loadConfig({ NOTIFICATION_TIME_ZONE: 'Africa/Nairobi' }).NOTIFICATION_TIME_ZONE).toBe('Africa/Nairobi');
  });

  it('take the simulator in production only as an explicit choice on a private host, without credentials', async () => {
    const simulator = {
      NOTIFICATION_SIMULATOR_URL: 'http://provider-simulator:8090',
      SMTP_URL: 'smtp://provider-simulator:8025',
    };
    const o = await options({ ...production, ...simulator });
    expect([o.sms?.name, o.email?.name, o.simulator]).toEqual(['simulator', 'simulator', true]);
    await expect(options({ ...production, ...simulator, AFRICASTALKING_API_KEY: 'key' })).rejects.toThrow(
      'set together with AFRICASTALKING_API_KEY',
    );
    await expect(
      options({ ...production, ...simulator, NOTIFICATION_SIMULATOR_URL: 'https://sms.example.com' }),
    ).rejects.toThrow('NOTIFICATION_SIMULATOR_URL must point at the simulator on this machine or a private network');
    // Without SMTP_URL, e-mail goes to the simulator's own SMTP server, on its host.
    const own = await options({ ...production, NOTIFICATION_SIMULATOR_URL: simulator.NOTIFICATION_SIMULATOR_URL });
    expect([own.email?.name, own.simulator]).toEqual(['simulator', true]);
    expect((own.email as unknown as { config: { url: string } }).config.url).toBe('smtp://provider-simulator:8025');
  });
});
