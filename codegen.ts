import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * `npm run codegen`: resolver types per subgraph (federation-aware, from its own schema.graphql)
 * and operation types for clients, from the composed supergraph's API schema.
 */
const SUBGRAPHS = ['auth', 'user', 'company', 'ticketing', 'qr', 'payment'];

const config: CodegenConfig = {
  overwrite: true,
  generates: {
    ...Object.fromEntries(
      SUBGRAPHS.map((name) => [
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
  },
};

export default config;
