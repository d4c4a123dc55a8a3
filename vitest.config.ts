import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

/**
 * The inner loop (`npm run test:unit`, a few seconds): tests that start no server and need neither
 * Postgres nor Redis. Their files belong to this project only, so `npm test` still runs each test once.
 */
const unitTests = [
  '**/*.unit.test.ts',
  'packages/shared/test/connection.test.ts',
  'packages/shared/test/memory-bus.test.ts',
  'packages/shared/test/token-verifier.test.ts',
  'router/test/composition.test.ts',
  'subgraphs/company/test/domain.test.ts',
  'subgraphs/payment/test/options.test.ts',
  'subgraphs/qr/test/options.test.ts',
  'test/deployment-config.test.ts',
];
const exclude = [...configDefaults.exclude, ...unitTests];

export default defineConfig({
  // One graphql-js in tests, as in production: Node resolves `graphql` to its CommonJS build for the
  // libraries (graphql-ws, Yoga, Apollo), so our code must not get the ES module copy (`instanceof
  // GraphQLError` would fail across the two).
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }] },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Test files spend much of their time waiting on Postgres, Redis and their own servers, so two run at
    // once even on a 2-core machine (Vitest's default there is one): the suite takes about 60 % of the time.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        extends: true,
        // No server, database or global state between files: one module cache per worker saves most of the run.
        test: { name: 'unit', include: unitTests, isolate: false },
      },
      {
        extends: true,
        test: { name: 'shared', include: ['packages/shared/test/**/*.test.ts'], exclude },
      },
      {
        extends: true,
        test: { name: 'subgraphs', include: ['subgraphs/*/test/**/*.test.ts'], exclude },
      },
      {
        extends: true,
        test: { name: 'router', include: ['router/test/**/*.test.ts'], exclude },
      },
      {
        extends: true,
        test: { name: 'repo', include: ['test/**/*.test.ts', 'scripts/test/**/*.test.ts'], exclude },
      },
      {
        extends: true,
        test: { name: 'e2e', include: ['e2e/*.test.ts'], exclude },
      },
      // The fault suite (`npm run test:faults`, FAULTS=1): its own Redis and Postgres, faulted on purpose.
      ...(process.env.FAULTS
        ? [{ extends: true as const, test: { name: 'faults', include: ['faults/*.test.ts'], exclude } }]
        : []),
      {
        extends: true,
        // The web client in headless Chromium (/usr/bin/chromium, or CHROMIUM_PATH), built once beforehand.
        test: {
          name: 'browser',
          include: ['e2e/browser/**/*.test.ts'],
          exclude,
          globalSetup: ['e2e/browser/global-setup.ts'],
          testTimeout: 45_000,
          // Each browser file starts a whole platform and a Chromium; two of them at once beside other
          // files take longer than a minute to start on a busy 2-core machine.
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
