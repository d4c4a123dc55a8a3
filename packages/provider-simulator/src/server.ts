import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '@busline/shared';
import { airtelCallback, airtelRoutes } from './airtel';
import type { SimulatorContext, SimulatorOptions } from './context';
import { readBody, send, type RouteDef } from './http';
import { Ledger, type Collection } from './ledger';
import { MessageLog } from './messages';
import { momoResult, mtnRoutes } from './mtn';
import { smsRoutes } from './sms';
import { createSmtpSink } from './smtp';
import { TokenStore } from './tokens';

export const SIMULATOR_CREDENTIAL = 'simulator';

export function defaultOptions(overrides: Partial<SimulatorOptions> = {}): SimulatorOptions {
  const product = {
    apiUser: SIMULATOR_CREDENTIAL,
    apiKey: SIMULATOR_CREDENTIAL,
    subscriptionKey: SIMULATOR_CREDENTIAL,
  };
  return {
    mtnCollection: product,
    mtnDisbursement: product,
    mtnTargetEnvironment: 'sandbox',
    mtnTokenTtlSeconds: 3600,
    airtelClientId: SIMULATOR_CREDENTIAL,
    airtelClientSecret: SIMULATOR_CREDENTIAL,
    airtelTokenTtlSeconds: 180,
    callbackDelayMs: 1500,
    unansweredSettleMs: 90_000,
    smsUsername: SIMULATOR_CREDENTIAL,
    smsApiKey: SIMULATOR_CREDENTIAL,
    ...overrides,
  };
}

/**
 * The provider simulator: MTN MoMo and Airtel Money endpoints as Busline's adapters call them, with
 * payers whose behaviour the number's last digits choose (see ledger.ts), callbacks to the callback
 * URL, and a ledger tests can read. No money moves. It also stands in for the notification channels:
 * Africa's Talking's SMS API on the same HTTP port and an SMTP server on a port of its own, keeping
 * every message in `messages` (see messages.ts). Built here, started by index.ts or a test.
 */
export function createServer(deps: { logger: Logger; options?: Partial<SimulatorOptions> }) {
  const options = defaultOptions(deps.options);
  const logger = deps.logger;
  const ledger = new Ledger();
  const messages = new MessageLog();
  const smtp = createSmtpSink({ log: messages, logger });
  const tokens = new TokenStore();
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;

  const later = (ms: number, run: () => Promise<void>) => {
    if (stopped) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      run().catch((error) => logger.warn({ err: error }, 'simulator callback failed'));
    }, ms);
    timers.add(timer);
  };

  /** Delivers one callback, retried twice like the providers do when the merchant does not answer 2xx. */
  const deliver = async (collection: Collection, attempt: number): Promise<void> => {
    const target = collection.provider === 'mtn' ? collection.callbackUrl : options.airtelCallbackUrl;
    if (!target || collection.cancelled) return;
    const body = collection.provider === 'mtn' ? momoResult(ledger, collection) : airtelCallback(context, collection);
    ledger.callbacksSent.set(collection.reference, (ledger.callbacksSent.get(collection.reference) ?? 0) + 1);
    let ok = false;
    try {
      const response = await fetch(target, {
        method: collection.provider === 'mtn' ? 'PUT' : 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(5000),
      });
      ok = response.ok || response.status === 404;
      logger.debug({ reference: collection.reference, status: response.status }, 'simulator callback delivered');
    } catch (error) {
      logger.debug({ err: error, reference: collection.reference }, 'simulator callback not delivered');
    }
    if (!ok && attempt < 3) later(options.callbackDelayMs * 2 ** attempt, () => deliver(collection, attempt + 1));
  };

  const context: SimulatorContext = {
    ledger,
    tokens,
    options,
    logger,
    scheduleCallbacks(collection) {
      const delay = Math.max(0, collection.settlesAt - Date.now());
      for (let i = 0; i < collection.plan.callbacks; i++) later(delay + i * 50, () => deliver(collection, 1));
    },
  };

  const routes: RouteDef[] = [
    {
      method: 'GET',
      pattern: /^\/healthz$/,
      handler: () => ({ status: 200, body: { status: 'ok', service: 'provider-simulator' } }),
    },
    ...mtnRoutes(context),
    ...airtelRoutes(context),
    ...smsRoutes({ log: messages, username: options.smsUsername, apiKey: options.smsApiKey }),
  ];

  const server: Server = createHttpServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://simulator');
    const match = routes
      .map((route) => ({ route, found: route.method === request.method ? route.pattern.exec(url.pathname) : null }))
      .find((m) => m.found);
    if (!match) {
      send(response, {
        status: 404,
        body: { code: 'RESOURCE_NOT_FOUND', message: `${request.method} ${url.pathname} is not simulated` },
      });
      return;
    }
    readBody(request)
      .then(async ({ body, invalid, tooLarge }) => {
        if (tooLarge)
          return send(response, { status: 413, body: { code: 'PAYLOAD_TOO_LARGE', message: 'Body too large' } });
        const result = await match.route.handler({
          method: request.method!,
          path: url.pathname,
          params: match.found!.slice(1).map(decodeURIComponent),
          headers: request.headers,
          body,
          invalidBody: invalid,
        });
        logger.info({ method: request.method, path: url.pathname, status: result.status }, 'simulator request');
        send(response, result);
      })
      .catch((error) => {
        logger.error({ err: error }, 'simulator request failed');
        send(response, { status: 500, body: { code: 'INTERNAL_PROCESSING_ERROR', message: 'simulator error' } });
      });
  });

  let url = '';
  return {
    ledger,
    /** Text messages and e-mails received. */
    messages,
    options,
    get url() {
      return url;
    },
    /** The SMTP server's URL (smtp://host:port), once started. */
    get smtpUrl() {
      return smtp.url;
    },
    /** Expires every issued token now (a token expiring mid-flight). */
    revokeTokens: () => tokens.revokeAll(),
    /** Airtel's callback URL (registered in its portal): known once the payment service listens. */
    setAirtelCallbackUrl(callbackUrl: string) {
      options.airtelCallbackUrl = callbackUrl;
    },
    /** Starts the HTTP APIs on `port` and the SMTP server on `smtpPort` (0: a free one each). */
    async start(port = 0, host = '127.0.0.1', smtpPort = 0): Promise<string> {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve());
      });
      await smtp.start(smtpPort, host);
      const address = server.address() as AddressInfo;
      url = `http://${host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`;
      return url;
    },
    async stop(): Promise<void> {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await Promise.all([
        new Promise<void>((resolve) => server.close(() => resolve())),
        smtp.url ? smtp.stop() : undefined,
      ]);
    },
  };
}

export type ProviderSimulator = ReturnType<typeof createServer>;

export { loadConfig, optionsFrom } from './env';
export { planFor } from './ledger';
export { smsPlanFor, type SimulatedMail, type SimulatedSms } from './messages';
export type { SimulatorOptions } from './context';
