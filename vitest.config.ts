import { defineConfig } from 'vitest/config';

export default defineConfig({
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
