import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/env';
import { isPrivateHost } from '@busline/shared';
import { parseRoutes, providersFromEnv } from '../src/provider/config';
import { isProviderAmount, toProviderAmount } from '../src/provider/money';
import { ProviderRegistry } from '../src/provider/registry';
import type { PaymentProvider } from '../src/provider/types';
import { normalizeMsisdn, operatorOf } from '../src/services/phone';

const production = { NODE_ENV: 'production', MOMO_WEBHOOK_SECRET: 'a-webhook-secret-of-some-length' };
const realMtn = {
  MTN_MOMO_BASE_URL: 'https://proxy.momoapi.mtn.com',
  MTN_MOMO_TARGET_ENVIRONMENT: 'RW=mtnrwanda,UG=mtnuganda',
  MTN_MOMO_API_USER: '1f0c3c1e-4b7a-4d8e-9a57-2b1b8f6f9d11',
  MTN_MOMO_API_KEY: 'key',
  MTN_MOMO_SUBSCRIPTION_KEY: 'sub',
  MTN_MOMO_DISBURSEMENT_API_USER: '2f0c3c1e-4b7a-4d8e-9a57-2b1b8f6f9d11',
  MTN_MOMO_DISBURSEMENT_API_KEY: 'dkey',
  MTN_MOMO_DISBURSEMENT_SUBSCRIPTION_KEY: 'dsub',
  PAYMENT_WEBHOOK_URL: 'https://api.busline.example.rw/webhooks/momo',
};
const realAirtel = {
  AIRTEL_MONEY_BASE_URL: 'https://openapi.airtel.africa',
  AIRTEL_MONEY_CLIENT_ID: 'id',
  AIRTEL_MONEY_CLIENT_SECRET: 'secret',
  AIRTEL_MONEY_CALLBACK_SECRET: 'Vt4nQ8cR2wLx7Hp',
  AIRTEL_WEBHOOK_URL: 'https://api.busline.example.rw/webhooks/airtel',
};

describe('payment callbacks in production', () => {
  it('refuses real providers without a public https callback address for each', () => {
    const { PAYMENT_WEBHOOK_URL: _mtn, ...mtnWithout } = realMtn;
    expect(() => providersFromEnv(loadConfig({ ...production, ...mtnWithout }))).toThrow(
      "mtn-momo needs PAYMENT_WEBHOOK_URL, the router's public https address",
    );
    for (const url of ['http://api.busline.example.rw/webhooks/momo', 'https://router:8080/webhooks/momo'])
      expect(() => providersFromEnv(loadConfig({ ...production, ...realMtn, PAYMENT_WEBHOOK_URL: url }))).toThrow(
        'mtn-momo needs PAYMENT_WEBHOOK_URL',
      );
    const { AIRTEL_WEBHOOK_URL: _airtel, ...airtelWithout } = realAirtel;
    expect(() =>
      providersFromEnv(
        loadConfig({ ...production, ...airtelWithout, PAYMENT_PROVIDERS: '[{"provider":"airtel-money"}]' }),
      ),
    ).toThrow('airtel-money needs AIRTEL_WEBHOOK_URL');
  });
});

describe('payment providers from the environment', () => {
  it('refuses production without credentials, naming every missing setting and the simulator way out', () => {
    expect(() => providersFromEnv(loadConfig(production))).toThrow(
      /mtn-momo needs MTN_MOMO_API_USER, MTN_MOMO_API_KEY and MTN_MOMO_SUBSCRIPTION_KEY.*airtel-money needs AIRTEL_MONEY_CLIENT_ID and AIRTEL_MONEY_CLIENT_SECRET.*PAYMENT_SIMULATOR_URL/,
    );
  });

  it("refuses production against MTN's sandbox or Airtel's staging even with credentials", () => {
    const sandboxed = {
      ...production,
      ...realMtn,
      ...realAirtel,
      MTN_MOMO_BASE_URL: 'https://sandbox.momodeveloper.mtn.com',
      AIRTEL_MONEY_BASE_URL: 'https://openapiuat.airtel.africa',
    };
    expect(() => providersFromEnv(loadConfig(sandboxed))).toThrow(
      /mtn-momo points at MTN's sandbox.*airtel-money points at Airtel's staging/,
    );
  });

  it("sees MTN's sandbox and Airtel's staging however they are written, and refuses plain http in production", () => {
    const live = { ...production, ...realMtn, ...realAirtel };
    for (const [setting, problem] of [
      [{ MTN_MOMO_TARGET_ENVIRONMENT: 'RW= sandbox' }, /mtn-momo points at MTN's sandbox/],
      [{ MTN_MOMO_TARGET_ENVIRONMENT: 'RW=mtnrwanda,UG=SANDBOX' }, /mtn-momo points at MTN's sandbox/],
      [{ MTN_MOMO_TARGET_ENVIRONMENT: ' Sandbox ' }, /mtn-momo points at MTN's sandbox/],
      [{ MTN_MOMO_BASE_URL: 'https://SANDBOX.momodeveloper.mtn.com' }, /mtn-momo points at MTN's sandbox/],
      [{ MTN_MOMO_BASE_URL: 'https://sandbox.momodeveloper.mtn.com./' }, /mtn-momo points at MTN's sandbox/],
      [{ AIRTEL_MONEY_BASE_URL: 'https://OPENAPIUAT.airtel.africa' }, /airtel-money points at Airtel's staging/],
      [{ MTN_MOMO_BASE_URL: 'http://proxy.momoapi.mtn.com' }, /MTN_MOMO_BASE_URL must be https in production/],
      [{ AIRTEL_MONEY_BASE_URL: 'http://openapi.airtel.africa' }, /AIRTEL_MONEY_BASE_URL must be https in production/],
    ] as const) {
      expect(() => providersFromEnv(loadConfig({ ...live, ...setting })), JSON.stringify(setting)).toThrow(problem);
    }
  });

  it('refuses whitespace-only credentials, and trims the others', () => {
    for (const name of [
      'MTN_MOMO_API_KEY',
      'MTN_MOMO_DISBURSEMENT_SUBSCRIPTION_KEY',
      'AIRTEL_MONEY_CLIENT_SECRET',
      'AIRTEL_MONEY_CALLBACK_SECRET',
    ]) {
      expect(
        () => providersFromEnv(loadConfig({ ...production, ...realMtn, ...realAirtel, [name]: '   ' })),
        name,
      ).toThrow(new RegExp(name));
    }
    expect(
      providersFromEnv(loadConfig({ ...production, ...realMtn, ...realAirtel, MTN_MOMO_API_KEY: ' key\n' }))?.mtn
        ?.collection.apiKey,
    ).toBe('key');
  });

  it('refuses MTN without its refund (disbursement) credentials in production, and a half-configured product anywhere', () => {
    const {
      MTN_MOMO_DISBURSEMENT_API_USER: _u,
      MTN_MOMO_DISBURSEMENT_API_KEY: _k,
      MTN_MOMO_DISBURSEMENT_SUBSCRIPTION_KEY: _s,
      ...noRefunds
    } = realMtn;
    expect(() =>
      providersFromEnv(loadConfig({ ...production, ...noRefunds, PAYMENT_PROVIDERS: '[{"provider":"mtn-momo"}]' })),
    ).toThrow(/mtn-momo refunds need/);
    expect(() => providersFromEnv(loadConfig({ MTN_MOMO_API_USER: 'user' }))).toThrow(
      /mtn-momo is missing MTN_MOMO_API_KEY, MTN_MOMO_SUBSCRIPTION_KEY/,
    );
  });

  it('refuses production routing to Airtel without its callback key, so that callbacks are authenticated', () => {
    const { AIRTEL_MONEY_CALLBACK_SECRET: _key, ...noKey } = realAirtel;
    expect(() => providersFromEnv(loadConfig({ ...production, ...realMtn, ...noKey }))).toThrow(
      /airtel-money needs AIRTEL_MONEY_CALLBACK_SECRET/,
    );
    expect(
      providersFromEnv(
        loadConfig({ ...production, ...realMtn, ...noKey, PAYMENT_PROVIDERS: '[{"provider":"mtn-momo"}]' }),
      )?.mtn,
    ).toBeDefined();
  });

  it('refuses production routing to Airtel with a published or simple callback key (anyone could sign)', () => {
    // The first is the value deploy/k8s/overlays/example/providers.env.example shows.
    for (const key of ['airtel-callback-private-key', 'x', 'aaaaaaaaaaaaaaaaaaaa', 'callback-key']) {
      expect(
        () =>
          providersFromEnv(loadConfig({ ...production, ...realMtn, ...realAirtel, AIRTEL_MONEY_CALLBACK_SECRET: key })),
        key,
      ).toThrow(/AIRTEL_MONEY_CALLBACK_SECRET is a published example or too simple/);
    }
  });

  it('starts production with real credentials, the target environment per country', () => {
    const providers = providersFromEnv(loadConfig({ ...production, ...realMtn, ...realAirtel }));
    expect(providers?.simulatorUrl).toBeUndefined();
    expect(providers?.mtn).toMatchObject({
      baseUrl: 'https://proxy.momoapi.mtn.com',
      targetEnvironment: { RW: 'mtnrwanda', UG: 'mtnuganda' },
      disbursement: { apiKey: 'dkey' },
    });
    expect(providers?.airtel).toMatchObject({ baseUrl: 'https://openapi.airtel.africa', clientId: 'id' });
  });

  // MTN routed for Rwanda and Uganda with a target for Rwanda only started, and refused every Ugandan MTN payment
  // (COUNTRY_NOT_CONFIGURED), each spending one of the booking's attempts.
  it('refuses production when a country routed to MTN has no target environment', () => {
    const start = (env: Record<string, string>) => () =>
      providersFromEnv(loadConfig({ ...production, ...realMtn, ...realAirtel, ...env }));
    expect(start({ MTN_MOMO_TARGET_ENVIRONMENT: 'RW=mtnrwanda' })).toThrow(
      /MTN_MOMO_TARGET_ENVIRONMENT names no target for UG, routed to mtn-momo/,
    );
    // A route without countries takes MTN payments wherever MTN has them (Rwanda and Uganda).
    expect(
      start({
        MTN_MOMO_TARGET_ENVIRONMENT: 'RW=mtnrwanda',
        PAYMENT_PROVIDERS: '[{"provider":"mtn-momo","methods":["MTN_MOMO"]}]',
      }),
    ).toThrow(/names no target for UG/);
    // One target for every country, or one per routed country: fine.
    expect(start({ MTN_MOMO_TARGET_ENVIRONMENT: 'mtnrwanda' })).not.toThrow();
    expect(
      start({
        MTN_MOMO_TARGET_ENVIRONMENT: 'RW=mtnrwanda',
        PAYMENT_PROVIDERS: '[{"provider":"mtn-momo","methods":["MTN_MOMO"],"countries":["RW"]}]',
      }),
    ).not.toThrow();
  });

  it('starts production against the simulator only when PAYMENT_SIMULATOR_URL says so', () => {
    const providers = providersFromEnv(
      loadConfig({ ...production, PAYMENT_SIMULATOR_URL: 'http://provider-simulator:8090/' }),
    );
    expect(providers).toMatchObject({
      simulatorUrl: 'http://provider-simulator:8090',
      mtn: { baseUrl: 'http://provider-simulator:8090' },
      airtel: { baseUrl: 'http://provider-simulator:8090' },
    });
  });

  it('refuses production with real credentials and PAYMENT_SIMULATOR_URL both set, naming the credentials', () => {
    for (const credentials of [
      { ...realMtn, ...realAirtel },
      { AIRTEL_MONEY_CLIENT_SECRET: 'secret' },
      { MTN_MOMO_DISBURSEMENT_API_KEY: 'dkey' },
    ]) {
      expect(() =>
        providersFromEnv(
          loadConfig({ ...production, ...credentials, PAYMENT_SIMULATOR_URL: 'http://provider-simulator:8090' }),
        ),
      ).toThrow(
        /PAYMENT_SIMULATOR_URL is set together with provider credentials \(.*(AIRTEL_MONEY_CLIENT_SECRET|MTN_MOMO_DISBURSEMENT_API_KEY)/,
      );
    }
  });

  it('refuses a simulator outside this machine or a private network', () => {
    for (const url of [
      'https://evil.example.com',
      'http://8.8.8.8:8090',
      'http://172.32.0.1',
      'http://192.169.0.1',
      'http://[2001:db8::1]:8090',
      'http://simulator.example.svc.evil.com',
      'ftp://localhost/',
    ]) {
      expect(() => providersFromEnv(loadConfig({ PAYMENT_SIMULATOR_URL: url })), url).toThrow(
        /PAYMENT_SIMULATOR_URL must point at a simulator on this machine or a private network/,
      );
      expect(() => providersFromEnv(loadConfig({ ...production, PAYMENT_SIMULATOR_URL: url })), url).toThrow(
        /PAYMENT_SIMULATOR_URL must point/,
      );
    }
    for (const host of [
      'localhost',
      'provider-simulator',
      '127.0.0.1',
      '127.8.0.2',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.10',
      '[::1]',
      'sim.payments.svc',
      'sim.payments.svc.cluster.local',
      'sim.corp.internal',
      'LOCALHOST',
    ]) {
      expect(
        providersFromEnv(loadConfig({ ...production, PAYMENT_SIMULATOR_URL: `http://${host}:8090` }))?.simulatorUrl,
        host,
      ).toBe(`http://${host.toLowerCase()}:8090`);
    }
    expect(isPrivateHost('example.com')).toBe(false);
    expect(isPrivateHost('')).toBe(false);
  });

  it('never sends real credentials to the simulator outside production, and says they are unused', () => {
    const providers = providersFromEnv(
      loadConfig({ ...realMtn, ...realAirtel, PAYMENT_SIMULATOR_URL: 'http://provider-simulator:8090' }),
    );
    expect(providers?.mtn?.collection).toEqual({
      apiUser: 'simulator',
      apiKey: 'simulator',
      subscriptionKey: 'simulator',
    });
    expect(providers?.airtel).toMatchObject({ clientId: 'simulator', clientSecret: 'simulator' });
    expect(providers?.ignoredCredentials).toContain('MTN_MOMO_API_KEY');
  });

  it('takes an empty setting for an unset one (compose passes empty values through)', () => {
    expect(
      providersFromEnv(loadConfig({ PAYMENT_SIMULATOR_URL: '', MTN_MOMO_API_USER: '', AIRTEL_MONEY_BASE_URL: '' })),
    ).toBeUndefined();
  });

  it('uses the in-process sandbox only outside production with no provider configured', () => {
    expect(providersFromEnv(loadConfig({}))).toBeUndefined();
  });

  it('reads routes from PAYMENT_PROVIDERS and refuses malformed ones', () => {
    expect(parseRoutes('[{"provider":"airtel-money","countries":["KE"]}]')).toEqual([
      { provider: 'airtel-money', countries: ['KE'] },
    ]);
    expect(() => parseRoutes('not json')).toThrow(/JSON array of routes/);
    expect(() => parseRoutes('[{"provider":"paypal"}]')).toThrow(/PAYMENT_PROVIDERS: 0.provider/);
    expect(() => parseRoutes('[{"provider":"mtn-momo","countries":["Rwanda"]}]')).toThrow(/ISO 3166/);
  });
});

describe('provider routing', () => {
  const fake = (name: string) => ({ name }) as PaymentProvider;
  const companyId = '5b1f1c1e-4b7a-4d8e-9a57-2b1b8f6f9d11';
  const registry = new ProviderRegistry(
    [fake('mtn-momo'), fake('airtel-money')],
    [
      { provider: 'airtel-money', companies: [companyId] },
      { provider: 'mtn-momo', methods: ['MTN_MOMO'], countries: ['RW', 'UG'] },
      { provider: 'airtel-money', methods: ['AIRTEL_MONEY'], countries: ['RW', 'UG', 'KE'] },
    ],
  );

  it('takes the first route matching method, country and company', () => {
    expect(registry.choose({ method: 'MTN_MOMO', country: 'RW', companyId: null })?.name).toBe('mtn-momo');
    expect(registry.choose({ method: 'MTN_MOMO', country: 'RW', companyId })?.name).toBe('airtel-money');
    expect(registry.choose({ method: 'AIRTEL_MONEY', country: 'KE', companyId: null })?.name).toBe('airtel-money');
    expect(registry.choose({ method: 'MTN_MOMO', country: 'KE', companyId: null })).toBeUndefined();
  });
});

describe('amounts and numbers as the providers expect them', () => {
  it('sends RWF and UGX without minor units and KES with two decimals', () => {
    expect(toProviderAmount(20_000, 'RWF')).toBe('20000');
    expect(toProviderAmount(5000, 'UGX')).toBe('5000');
    expect(toProviderAmount(12_345, 'KES')).toBe('123.45');
    expect(toProviderAmount(5, 'KES')).toBe('0.05');
    expect(() => toProviderAmount(1.5, 'RWF')).toThrow(RangeError);
  });

  it('reads what a status says was collected as minor units of the payment currency', () => {
    const paid = (amount: string, currency = 'RWF') => isProviderAmount({ amount, currency }, 20_000, 'RWF');
    for (const same of ['20000', '20000.00', ' 20000 ']) expect(paid(same), same).toBe(true);
    expect(paid('20000', 'rwf')).toBe(true);
    for (const other of ['1', '2000', '200000', '20000.5', '2e4', '-20000', '', 'twenty', '20,000'])
      expect(paid(other), other).toBe(false);
    expect(paid('20000', 'UGX')).toBe(false);
    expect(isProviderAmount({ amount: '123.45', currency: 'KES' }, 12_345, 'KES')).toBe(true);
    expect(isProviderAmount({ amount: '123.4', currency: 'KES' }, 12_340, 'KES')).toBe(true);
    expect(isProviderAmount({ amount: '123.451', currency: 'KES' }, 12_345, 'KES')).toBe(false);
    expect(isProviderAmount({ amount: '123', currency: 'KES' }, 123, 'KES')).toBe(false);
  });

  it('knows the country of a number and, in Rwanda and Uganda, its operator', () => {
    expect(normalizeMsisdn('0788 123 456')).toEqual({ msisdn: '250788123456', country: 'RW' });
    expect(normalizeMsisdn('+256 772 123456')).toEqual({ msisdn: '256772123456', country: 'UG' });
    expect(normalizeMsisdn('+254 712 345678')).toEqual({ msisdn: '254712345678', country: 'KE' });
    expect(normalizeMsisdn('+1 202 555 0100')).toBeNull();
    expect(operatorOf('250788123456')).toBe('MTN_MOMO');
    expect(operatorOf('250732123456')).toBe('AIRTEL_MONEY');
    expect(operatorOf('254712345678')).toBeUndefined();
  });
});
