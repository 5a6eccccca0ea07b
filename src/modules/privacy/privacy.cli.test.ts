import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAreaCli } from '../../testing/area-cli.ts';
import { createTestApp, makeUser, type TestApp } from '../../testing/test-app.ts';
import { privacyCli } from './privacy.cli.ts';

// `markaz privacy retention [--dry-run]` on a test database: counts, then deletes.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

function run(...args: string[]) {
  return runAreaCli(t.deps, privacyCli, ['privacy', ...args]);
}

describe('markaz privacy retention', () => {
  it('with --dry-run only counts; without it deletes what is past its period', async () => {
    const u = await makeUser(t.deps, 'freelancer');
    const long = new Date(t.clock.now().getTime() - 40 * 86_400_000);
    await t.deps.db
      .insertInto('account_tokens')
      .values({
        id: crypto.randomUUID(),
        user_id: u.id,
        purpose: 'password_reset',
        channel: 'sms',
        contact: 'pii1.placeholder' as never,
        token_hash: 'x',
        expires_at: long,
        used_at: null,
        created_at: long,
      })
      .execute();
    const tokens = async () =>
      (await t.deps.db.selectFrom('account_tokens').select('id').where('user_id', '=', u.id).execute())
        .length;

    const dry = await run('retention', '--dry-run');
    expect(dry.lines.find((l) => l.startsWith('one_time_tokens'))).toMatch(/: 1 would be deleted$/);
    expect(dry.lines.at(-1)).toBe('Dry run: nothing was deleted.');
    expect(await tokens()).toBe(1);

    const json = await run('retention', '--dry-run', '--json');
    expect(json.data).toMatchObject({
      dryRun: true,
      kinds: expect.arrayContaining([expect.objectContaining({ kind: 'one_time_tokens', rows: 1 })]),
    });

    const real = await run('retention');
    expect(real.lines.find((l) => l.startsWith('one_time_tokens'))).toMatch(/: 1 deleted$/);
    expect(await tokens()).toBe(0);
  });
});
