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
    // On CI a failed journey runs once more: once, a click waited for ever for its target to hold
    // still, most likely because the browser stopped drawing frames (e2e/README.md). The report
    // still shows the retry, and the harness prints what each open page looked like.
    retry: process.env.CI ? 1 : 0,
    hookTimeout: 240_000,
    env: { TZ: 'UTC' },
  },
});
