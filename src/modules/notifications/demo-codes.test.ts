import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { DEMO_MARK } from '../../platform/demo-mark.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { outboxShowsCodes } from './staff.service.ts';

// Decision 0056: the demo lets a person follow a reset to its end; nothing else shows codes.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('codes in the local outbox', () => {
  it('by default only for the demo on an embedded database in development', () => {
    expect(loadConfig({}).outboxShowsCodes).toBe('demo');
    expect(loadConfig({ DATABASE_URL: 'postgres://x@127.0.0.1/markaz' }).outboxShowsCodes).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production' }).outboxShowsCodes).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test' }).outboxShowsCodes).toBe(false);
    expect(loadConfig({ MARKAZ_DEMO: '0' }).outboxShowsCodes).toBe(false);
    expect(loadConfig({ MARKAZ_OUTBOX_SHOWS_CODES: '1', NODE_ENV: 'production' }).outboxShowsCodes).toBe(
      true,
    );
    expect(loadConfig({ MARKAZ_OUTBOX_SHOWS_CODES: '0' }).outboxShowsCodes).toBe(false);
  });

  it('in demo mode, only once the demo filled the database', async () => {
    const deps = { ...t.deps, config: { ...t.deps.config, outboxShowsCodes: 'demo' as const } };
    expect(await outboxShowsCodes(deps)).toBe(false);
    await t.deps.db
      .insertInto('system_settings')
      .values({ key: DEMO_MARK, value: '{}', updated_at: t.clock.now() })
      .execute();
    expect(await outboxShowsCodes(deps)).toBe(true);
    expect(await outboxShowsCodes(t.deps)).toBe(false); // tests' configuration: hidden
    await t.deps.db.deleteFrom('system_settings').where('key', '=', DEMO_MARK).execute();
  });
});
