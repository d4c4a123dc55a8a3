import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  // One graphql-js in tests, as in production: Node resolves `graphql` to its CommonJS build for the
  // libraries (graphql-ws, Yoga, Apollo), so our code must not get the ES module copy (`instanceof
  // GraphQLError` would fail across the two).
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }] },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: { name: 'shared', include: ['packages/shared/test/**/*.test.ts'] },
      },
      {
        extends: true,
        test: { name: 'subgraphs', include: ['subgraphs/*/test/**/*.test.ts'] },
      },
      {
        extends: true,
        test: { name: 'router', include: ['router/test/**/*.test.ts'] },
      },
      {
        extends: true,
        test: { name: 'repo', include: ['test/**/*.test.ts', 'scripts/test/**/*.test.ts'] },
      },
      {
        extends: true,
        test: { name: 'e2e', include: ['e2e/*.test.ts'] },
      },
      {
        extends: true,
        // The web client in headless Chromium (/usr/bin/chromium, or CHROMIUM_PATH).
        test: { name: 'browser', include: ['e2e/browser/**/*.test.ts'], testTimeout: 45_000, hookTimeout: 90_000 },
      },
    ],
  },
});
