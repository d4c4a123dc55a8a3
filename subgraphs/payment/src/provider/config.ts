import { isGuessableSecret, isPrivateHost } from '@busline/shared';
import type { PaymentConfig } from '../env';
import type { AirtelMoneyConfig } from './airtel-money';
import type { MomoProductCredentials, MtnMomoConfig } from './mtn-momo';
import { DEFAULT_ROUTES, providerRouteSchema, type ProviderRoute } from './registry';
import { MTN_MOMO_COUNTRIES } from '../services/phone';

/** The providers a payment instance talks to and how payments are routed to them. */
export interface ProvidersConfig {
  routes: ProviderRoute[];
  mtn?: MtnMomoConfig;
  airtel?: AirtelMoneyConfig;
  /** Set when the adapters talk to the provider simulator: no money moves. */
  simulatorUrl?: string;
  /** Real credentials that are set but not used because the simulator is (they never reach it). */
  ignoredCredentials?: string[];
}

/** Credentials the provider simulator accepts unless it is told others (it checks them like the providers). */
export const SIMULATOR_CREDENTIAL = 'simulator';

export function parseRoutes(json: string | undefined): ProviderRoute[] {
  if (!json) return DEFAULT_ROUTES;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new Error(
      'PAYMENT_PROVIDERS must be a JSON array of routes, e.g. [{"provider":"mtn-momo","methods":["MTN_MOMO"],"countries":["RW"]}]',
    );
  }
  const result = providerRouteSchema.array().safeParse(parsed);
  if (!result.success)
    throw new Error(
      `PAYMENT_PROVIDERS: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return result.data;
}

/** `sandbox`, `mtnrwanda`, or `RW=mtnrwanda,UG=mtnuganda`. */
export function parseTargetEnvironment(value: string): string | Record<string, string> {
  if (!value.includes('=')) return value;
  return Object.fromEntries(
    value.split(',').map((pair) => {
      const [country, target] = pair.split('=').map((part) => part.trim());
      if (!country || !/^[A-Z]{2}$/.test(country) || !target)
        throw new Error(`MTN_MOMO_TARGET_ENVIRONMENT: "${pair}" is not COUNTRY=environment`);
      return [country, target];
    }),
  );
}

/** The URL's host name, lower-case and without a trailing dot. */
const hostOf = (url: string) => new URL(url).hostname.toLowerCase().replace(/\.$/, '');

/** A complete set of product credentials, or the names of the variables still missing. */
function product(
  names: [string, string, string],
  values: (string | undefined)[],
): MomoProductCredentials | string[] | undefined {
  if (values.every((v) => !v)) return undefined;
  const missing = names.filter((_, i) => !values[i]);
  if (missing.length > 0) return missing;
  return { apiUser: values[0]!, apiKey: values[1]!, subscriptionKey: values[2]! };
}

const PROVIDER_CREDENTIALS = [
  'MTN_MOMO_API_USER',
  'MTN_MOMO_API_KEY',
  'MTN_MOMO_SUBSCRIPTION_KEY',
  'MTN_MOMO_DISBURSEMENT_API_USER',
  'MTN_MOMO_DISBURSEMENT_API_KEY',
  'MTN_MOMO_DISBURSEMENT_SUBSCRIPTION_KEY',
  'AIRTEL_MONEY_CLIENT_ID',
  'AIRTEL_MONEY_CLIENT_SECRET',
] as const;

/** PAYMENT_SIMULATOR_URL without its trailing slash, refused unless http(s) on a private host. */
function simulatorBaseUrl(value: string): string {
  const url = new URL(value);
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !isPrivateHost(url.hostname)) {
    throw new Error(
      `PAYMENT_SIMULATOR_URL must point at a simulator on this machine or a private network (localhost, 127.0.0.0/8, 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, a name without dots, *.svc, *.cluster.local, *.internal); got host "${url.hostname}"`,
    );
  }
  return url.href.replace(/\/+$/, '');
}

/**
 * The providers the environment configures. Undefined when none is (outside production only: the
 * in-process sandbox then stands in). Throws, with every missing setting named, when production would
 * otherwise take payments without real credentials, against a provider's sandbox, or with none at all.
 */
export function providersFromEnv(config: PaymentConfig): ProvidersConfig | undefined {
  const routes = parseRoutes(config.PAYMENT_PROVIDERS);
  const http = {
    timeoutMs: config.PROVIDER_TIMEOUT_MS,
    attempts: config.PROVIDER_ATTEMPTS,
    retryDelayMs: config.PROVIDER_RETRY_DELAY_MS,
  };
  const production = config.NODE_ENV === 'production';
  if (config.PAYMENT_SIMULATOR_URL) {
    const baseUrl = simulatorBaseUrl(config.PAYMENT_SIMULATOR_URL);
    // The simulator's own credentials only: real ones must never travel to it.
    const credentials: MomoProductCredentials = {
      apiUser: SIMULATOR_CREDENTIAL,
      apiKey: SIMULATOR_CREDENTIAL,
      subscriptionKey: SIMULATOR_CREDENTIAL,
    };
    const ignoredCredentials = PROVIDER_CREDENTIALS.filter((name) => config[name]);
    // Real credentials next to the simulator in production mean a deployment meant to take money that would
    // silently collect nothing: refuse rather than guess which was meant.
    if (production && ignoredCredentials.length > 0) {
      throw new Error(
        `payment cannot start: PAYMENT_SIMULATOR_URL is set together with provider credentials (${ignoredCredentials.join(', ')}). Unset PAYMENT_SIMULATOR_URL to take real payments, or remove the credentials to run against the simulator`,
      );
    }
    return {
      routes,
      simulatorUrl: baseUrl,
      ...(ignoredCredentials.length > 0 ? { ignoredCredentials } : {}),
      mtn: { baseUrl, targetEnvironment: 'sandbox', collection: credentials, disbursement: credentials, ...http },
      airtel: {
        baseUrl,
        clientId: SIMULATOR_CREDENTIAL,
        clientSecret: SIMULATOR_CREDENTIAL,
        callbackSecret: config.AIRTEL_MONEY_CALLBACK_SECRET,
        ...http,
      },
    };
  }

  const problems: string[] = [];
  const collection = product(
    ['MTN_MOMO_API_USER', 'MTN_MOMO_API_KEY', 'MTN_MOMO_SUBSCRIPTION_KEY'],
    [config.MTN_MOMO_API_USER, config.MTN_MOMO_API_KEY, config.MTN_MOMO_SUBSCRIPTION_KEY],
  );
  const disbursement = product(
    ['MTN_MOMO_DISBURSEMENT_API_USER', 'MTN_MOMO_DISBURSEMENT_API_KEY', 'MTN_MOMO_DISBURSEMENT_SUBSCRIPTION_KEY'],
    [
      config.MTN_MOMO_DISBURSEMENT_API_USER,
      config.MTN_MOMO_DISBURSEMENT_API_KEY,
      config.MTN_MOMO_DISBURSEMENT_SUBSCRIPTION_KEY,
    ],
  );
  if (Array.isArray(collection)) problems.push(`mtn-momo is missing ${collection.join(', ')}`);
  if (Array.isArray(disbursement)) problems.push(`mtn-momo refunds are missing ${disbursement.join(', ')}`);
  const airtelPartial = Boolean(config.AIRTEL_MONEY_CLIENT_ID) !== Boolean(config.AIRTEL_MONEY_CLIENT_SECRET);
  if (airtelPartial)
    problems.push(
      `airtel-money is missing ${config.AIRTEL_MONEY_CLIENT_ID ? 'AIRTEL_MONEY_CLIENT_SECRET' : 'AIRTEL_MONEY_CLIENT_ID'}`,
    );

  const mtn: MtnMomoConfig | undefined =
    collection && !Array.isArray(collection)
      ? {
          baseUrl: config.MTN_MOMO_BASE_URL.replace(/\/+$/, ''),
          targetEnvironment: parseTargetEnvironment(config.MTN_MOMO_TARGET_ENVIRONMENT),
          collection,
          ...(disbursement && !Array.isArray(disbursement) ? { disbursement } : {}),
          ...http,
        }
      : undefined;
  const airtel: AirtelMoneyConfig | undefined =
    config.AIRTEL_MONEY_CLIENT_ID && config.AIRTEL_MONEY_CLIENT_SECRET
      ? {
          baseUrl: config.AIRTEL_MONEY_BASE_URL.replace(/\/+$/, ''),
          clientId: config.AIRTEL_MONEY_CLIENT_ID,
          clientSecret: config.AIRTEL_MONEY_CLIENT_SECRET,
          callbackSecret: config.AIRTEL_MONEY_CALLBACK_SECRET,
          ...http,
        }
      : undefined;

  if (production) {
    const routed = new Set(routes.map((route) => route.provider));
    if (routed.size === 0) problems.push('PAYMENT_PROVIDERS routes no payment to any provider');
    if (routed.has('mtn-momo')) {
      if (!collection)
        problems.push('mtn-momo needs MTN_MOMO_API_USER, MTN_MOMO_API_KEY and MTN_MOMO_SUBSCRIPTION_KEY');
      if (!disbursement)
        problems.push(
          'mtn-momo refunds need MTN_MOMO_DISBURSEMENT_API_USER, MTN_MOMO_DISBURSEMENT_API_KEY and MTN_MOMO_DISBURSEMENT_SUBSCRIPTION_KEY',
        );
      const targets = mtn
        ? typeof mtn.targetEnvironment === 'string'
          ? [mtn.targetEnvironment]
          : Object.values(mtn.targetEnvironment)
        : [];
      if (
        hostOf(config.MTN_MOMO_BASE_URL).endsWith('momodeveloper.mtn.com') ||
        targets.some((target) => target.toLowerCase() === 'sandbox')
      ) {
        problems.push(
          "mtn-momo points at MTN's sandbox (set MTN_MOMO_BASE_URL and MTN_MOMO_TARGET_ENVIRONMENT, e.g. RW=mtnrwanda)",
        );
      }
      // Targets per country: every country a route names for MTN needs one (the adapter refuses a payment of a country
      // without, COUNTRY_NOT_CONFIGURED: each attempt of its payers spent for nothing).
      const perCountry = mtn && typeof mtn.targetEnvironment !== 'string' ? mtn.targetEnvironment : undefined;
      if (perCountry) {
        const mtnRoutes = routes.filter((route) => route.provider === 'mtn-momo');
        // A route without countries takes MTN payments wherever MTN has them.
        const missing = [...new Set(mtnRoutes.flatMap((route) => route.countries ?? MTN_MOMO_COUNTRIES))].filter(
          (country) => !perCountry[country],
        );
        if (missing.length > 0)
          problems.push(`MTN_MOMO_TARGET_ENVIRONMENT names no target for ${missing.join(', ')}, routed to mtn-momo`);
      }
      if (!config.MTN_MOMO_BASE_URL.toLowerCase().startsWith('https:'))
        problems.push('MTN_MOMO_BASE_URL must be https in production');
      if (!isPublicHttps(config.PAYMENT_WEBHOOK_URL))
        problems.push(
          "mtn-momo needs PAYMENT_WEBHOOK_URL, the router's public https address for MTN's callbacks (…/webhooks/momo)",
        );
    }
    if (routed.has('airtel-money')) {
      if (!config.AIRTEL_MONEY_CLIENT_ID || !config.AIRTEL_MONEY_CLIENT_SECRET)
        problems.push('airtel-money needs AIRTEL_MONEY_CLIENT_ID and AIRTEL_MONEY_CLIENT_SECRET');
      // Without it anyone may post callbacks: each only prompts a status read, but unauthenticated traffic reaches
      // payment.
      if (!config.AIRTEL_MONEY_CALLBACK_SECRET)
        problems.push(
          "airtel-money needs AIRTEL_MONEY_CALLBACK_SECRET (turn callback authentication on in Airtel's portal)",
        );
      // Whoever guesses it signs callbacks payment takes for Airtel's: a published or simple key is as good as none.
      else if (isGuessableSecret(config.AIRTEL_MONEY_CALLBACK_SECRET))
        problems.push(
          "AIRTEL_MONEY_CALLBACK_SECRET is a published example or too simple to be secret (set Airtel's key)",
        );
      if (hostOf(config.AIRTEL_MONEY_BASE_URL).startsWith('openapiuat.'))
        problems.push(
          "airtel-money points at Airtel's staging (set AIRTEL_MONEY_BASE_URL=https://openapi.airtel.africa)",
        );
      if (!config.AIRTEL_MONEY_BASE_URL.toLowerCase().startsWith('https:'))
        problems.push('AIRTEL_MONEY_BASE_URL must be https in production');
      if (!isPublicHttps(config.AIRTEL_WEBHOOK_URL))
        problems.push(
          "airtel-money needs AIRTEL_WEBHOOK_URL, the router's public https address for Airtel's callbacks",
        );
    }
  }
  if (problems.length > 0) {
    throw new Error(
      `payment cannot take payments: ${problems.join('; ')}. Set the providers' real credentials, or PAYMENT_SIMULATOR_URL to run against the provider simulator (no money is collected)`,
    );
  }
  if (!mtn && !airtel) return undefined;
  return { routes, ...(mtn ? { mtn } : {}), ...(airtel ? { airtel } : {}) };
}

/** A callback address a provider can reach: https on a public host (a provider never calls a private network). */
function isPublicHttps(url: string | undefined): boolean {
  if (!url) return false;
  const parsed = new URL(url);
  return parsed.protocol === 'https:' && !isPrivateHost(parsed.hostname);
}
