import type { CodegenConfig } from '@graphql-codegen/cli';
import { composeServices } from '@apollo/composition';
import { parse, printSchema } from 'graphql';
import { readSupergraphConfig } from './router/src/compose';

/**
 * `npm run codegen`: resolver types per subgraph (federation-aware, from its own schema.graphql)
 * and operation types for clients, from the composed supergraph's API schema.
 */
const SUBGRAPHS = ['auth', 'user', 'company', 'ticketing', 'qr', 'payment', 'notification'];

/**
 * What each subgraph's resolvers really receive and return, so the generated `Resolvers` type checks the
 * resolver maps: the per-request context and, per GraphQL type, the row or domain object that stands for it
 * (`mappers`; paths are relative to src/generated/). Types not listed are returned in their GraphQL shape.
 */
const RESOLVER_TYPES: Record<string, { contextType: string; mappers: Record<string, string> }> = {
  auth: {
    contextType: '../context#AuthContext',
    mappers: { User: '../db/schema#UserRow', AuthPayload: '../services/issue-session#AuthPayload as SignedIn' },
  },
  user: {
    contextType: '../context#UserContext',
    mappers: {
      User: '../resolvers/mappers#UserRef',
      PassengerDashboard: '../resolvers/mappers#PassengerDashboardParent',
      CompanyDashboard: '../resolvers/mappers#CompanyDashboardParent',
      PlatformDashboard: '../resolvers/mappers#PlatformDashboardParent',
    },
  },
  company: {
    contextType: '../context#CompanyContext',
    mappers: {
      Company: '../db/schema#CompanyRow',
      Station: '../db/schema#StationRow',
      Bus: '../db/schema#BusRow',
      Driver: '../db/schema#DriverRow',
      Route: '../db/schema#RouteRow',
      RouteStop: '../db/schema#RouteStopRow',
      Trip: '../db/schema#TripRow',
    },
  },
  ticketing: {
    contextType: '../context#TicketingContext',
    mappers: {
      Trip: '../resolvers/mappers#TripRef',
      Booking: '../db/schema#BookingRow',
      Ticket: '../db/schema#TicketRow',
      TripStop: '../db/schema#TripStopRow',
      TripSegment: '../resolvers/mappers#SegmentRef',
    },
  },
  qr: {
    contextType: '../context#QrContext',
    mappers: {
      Ticket: '../resolvers/mappers#TicketRef',
      TicketQR: '../resolvers/mappers#TicketQrSource',
      BoardingResult: '../services/verify-ticket#BoardingResult as BoardingOutcome',
    },
  },
  payment: {
    contextType: '../context#PaymentContext',
    mappers: { Booking: '../resolvers/mappers#BookingRef', Payment: '../db/schema#PaymentRow' },
  },
  notification: {
    contextType: '../context#NotificationContext',
    mappers: {
      NotificationMessage: '../db/schema#MessageRow',
      MessageStateChange: '../db/schema#MessageEventRow',
      NotificationPreferences: '../resolvers/mappers#PreferencesSource',
    },
  },
};

/** Resolver-type options for one subgraph. */
function resolverConfig(name: string) {
  const typed = RESOLVER_TYPES[name];
  if (!typed) throw new Error(`codegen.ts: no resolver types for subgraph ${name}`);
  return {
    federation: true,
    enumsAsTypes: true,
    useTypeImports: true,
    // DateTimeScalar parses every input into a Date; outputs may be a Date or an ISO string.
    scalars: { DateTime: { input: 'Date', output: 'Date | string' } },
    contextType: typed.contextType,
    mappers: typed.mappers,
  };
}

/**
 * The API schema clients see through the router: composed from the subgraph files now (so it is never
 * stale) with the federation machinery stripped. `CODEGEN_ONLY=clients` skips the resolver targets.
 */
function apiSchemaSdl(): string {
  const { subgraphs } = readSupergraphConfig(new URL('./supergraph.yaml', import.meta.url).pathname);
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })));
  if (result.errors) throw new Error(`composition failed: ${result.errors.map((e) => e.message).join('; ')}`);
  return printSchema(result.schema.toAPISchema().toGraphQLJSSchema());
}
const only = process.env.CODEGEN_ONLY;

const config: CodegenConfig = {
  overwrite: true,
  generates: {
    ...Object.fromEntries(
      SUBGRAPHS.filter(() => !only || only === 'subgraphs').map((name) => [
        `subgraphs/${name}/src/generated/resolvers.ts`,
        {
          schema: `subgraphs/${name}/src/schema.graphql`,
          plugins: ['typescript', 'typescript-resolvers'],
          config: resolverConfig(name),
        },
      ]),
    ),
    ...(!only || only === 'clients'
      ? {
          'clients/web/src/gql/': {
            schema: apiSchemaSdl(),
            documents: ['clients/web/src/**/*.{ts,tsx}', '!clients/web/src/gql/**'],
            preset: 'client',
            presetConfig: { fragmentMasking: false },
            config: { enumsAsTypes: true, useTypeImports: true, scalars: { DateTime: 'string' } },
          },
        }
      : {}),
  },
};

export default config;
