import { defineConfig } from 'vitest/config';

// Browser journeys against a real server: one at a time (2-core machines, one Chromium),
// with time for the first start (migrations, demo data) and a cold build of the web app.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.test.ts', 'web/src/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 240_000,
    env: { TZ: 'UTC' },
  },
});
