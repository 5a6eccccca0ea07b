/**
 * The `system_settings` key the demo writes when it fills a database (src/demo/seed-demo.ts); the
 * notifications outbox shows one-time codes by default only on such a database (decision 0056).
 */
export const DEMO_MARK = 'demo_programme';
