import type { Logger } from '@busline/shared';
import type { Collection, Ledger } from './ledger';
import type { TokenStore } from './tokens';

export interface ProductCredentials {
  apiUser: string;
  apiKey: string;
  subscriptionKey: string;
}

export interface SimulatorOptions {
  /** MTN collection and disbursement credentials it accepts (default: all `simulator`). */
  mtnCollection: ProductCredentials;
  mtnDisbursement: ProductCredentials;
  /** The X-Target-Environment it answers to (default `sandbox`). */
  mtnTargetEnvironment: string;
  mtnTokenTtlSeconds: number;
  airtelClientId: string;
  airtelClientSecret: string;
  airtelTokenTtlSeconds: number;
  /** Where Airtel callbacks go (Airtel has one URL per application, set in its portal). */
  airtelCallbackUrl?: string;
  /** Signs Airtel callbacks with `hash` when set. */
  airtelCallbackSecret?: string;
  /** How long a payer takes to answer. */
  callbackDelayMs: number;
  /** How long a number ending 9999 takes (it never calls back). */
  unansweredSettleMs: number;
  /** Africa's Talking username and API key the SMS API accepts (default: both `simulator`). */
  smsUsername: string;
  smsApiKey: string;
}

export interface SimulatorContext {
  ledger: Ledger;
  tokens: TokenStore;
  options: SimulatorOptions;
  logger: Logger;
  scheduleCallbacks(collection: Collection): void;
}
