import type { CodegenConfig } from '@graphql-codegen/cli';
import { composeServices } from '@apollo/composition';
import { parse, printSchema } from 'graphql';
import { readSupergraphConfig } from './router/src/compose';

/**
 * `npm run codegen`: resolver types per subgraph (federation-aware, from its own schema.graphql)
 * and operation types for clients, from the composed supergraph's API schema.
 */
const SUBGRAPHS = ['auth', 'user', 'company', 'ticketing', 'qr', 'payment'];

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
          config: {
            federation: true,
            useIndexSignature: true,
            enumsAsTypes: true,
            scalars: { DateTime: 'Date | string' },
            contextType: '@busline/shared#BaseContext',
          },
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
