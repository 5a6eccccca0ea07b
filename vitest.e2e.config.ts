import { defineConfig } from 'vitest/config';

// Browser journeys against a real server: one at a time (2-core machines, one Chromium),
// with time for the first start (migrations, demo data) and a cold build of the web app. The web
// app's unit tests run here too, as their own project.
export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 240_000,
    env: { TZ: 'UTC' },
    projects: [
      {
        extends: true,
        test: {
          name: 'journeys',
          include: ['e2e/**/*.e2e.test.ts'],
          // On CI a failed journey runs once more, on a fresh server (e2e/harness.ts): once, a
          // click waited for ever for its target to hold still, most likely because the browser
          // stopped drawing frames (e2e/README.md). The report still shows the retry, and the
          // harness prints what each open page looked like.
          retry: process.env.CI ? 1 : 0,
        },
      },
      { extends: true, test: { name: 'web', include: ['web/src/**/*.test.ts'] } },
    ],
  },
});
