import { z } from '@busline/shared';
import type { PaymentMethod } from '../db/schema';
import type { PaymentProvider } from './types';

/**
 * Which provider takes a payment: the first route whose methods, countries and companies all match
 * (an omitted list matches anything). Configured with PAYMENT_PROVIDERS (JSON array of routes).
 */
export const providerRouteSchema = z.object({
  provider: z.enum(['mtn-momo', 'airtel-money']),
  methods: z
    .array(z.enum(['MTN_MOMO', 'AIRTEL_MONEY']))
    .min(1)
    .optional(),
  countries: z
    .array(z.string().regex(/^[A-Z]{2}$/, 'a country is an ISO 3166 alpha-2 code, e.g. RW'))
    .min(1)
    .optional(),
  companies: z.array(z.string().uuid()).min(1).optional(),
});
export type ProviderRoute = z.infer<typeof providerRouteSchema>;

/** MTN in Rwanda and Uganda, Airtel in Rwanda, Uganda and Kenya. */
export const DEFAULT_ROUTES: ProviderRoute[] = [
  { provider: 'mtn-momo', methods: ['MTN_MOMO'], countries: ['RW', 'UG'] },
  { provider: 'airtel-money', methods: ['AIRTEL_MONEY'], countries: ['RW', 'UG', 'KE'] },
];

export interface RouteQuery {
  method: Exclude<PaymentMethod, 'CARD' | 'MOBILE_MONEY' | 'CASH'>;
  country: string;
  companyId: string | null;
}

/** The providers this instance talks to, by name, and the routes that pick one for a payment. */
export class ProviderRegistry {
  private readonly byName: Map<string, PaymentProvider>;

  constructor(
    providers: PaymentProvider[],
    private readonly routes: ProviderRoute[] | 'all-to-first',
  ) {
    this.byName = new Map(providers.map((provider) => [provider.name, provider]));
    if (providers.length === 0) throw new Error('payment needs at least one provider');
  }

  get providers(): PaymentProvider[] {
    return [...this.byName.values()];
  }

  /** The provider a payment was made with; payments older than the column went to the first (the sandbox). */
  forPayment(name: string | null): PaymentProvider {
    const provider = name ? this.byName.get(name) : this.providers[0];
    if (!provider) throw new Error(`payment provider ${name} is not configured on this instance`);
    return provider;
  }

  /** The provider for a new payment, or undefined when no configured route covers it. */
  choose(query: RouteQuery): PaymentProvider | undefined {
    if (this.routes === 'all-to-first') return this.providers[0];
    const route = this.routes.find(
      (r) =>
        (!r.methods || r.methods.includes(query.method)) &&
        (!r.countries || r.countries.includes(query.country)) &&
        (!r.companies || (query.companyId !== null && r.companies.includes(query.companyId))),
    );
    return route && this.byName.get(route.provider);
  }
}
