import type { Deps } from '../deps.ts';
import type { DemoLogin } from '../platform/area.ts';
import { DEMO_MARK } from '../platform/demo-mark.ts';

export { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../modules/identity/index.ts';

/** True when the database has no users yet: the only time the demo is loaded automatically. */
export async function isEmpty(deps: Deps): Promise<boolean> {
  const row = await deps.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  return !row;
}

/**
 * Loads the demo programme: each area's part, in the order of src/areas.ts, through its own
 * services, so the demo is audited and valid like any other data.
 */
export async function seedDemo(
  deps: Deps,
  progress: (msg: string) => void = () => {},
  /** Each step's duration, for the start-up's own timing (issue 17: start-up under 30 s). */
  timed: (step: string, ms: number) => void = () => {},
): Promise<DemoLogin[]> {
  const logins: DemoLogin[] = [];
  for (const area of deps.areas.list) {
    if (!area.demo) continue;
    progress(area.demo.step);
    const started = performance.now();
    logins.push(...((await area.demo.seed(deps)) ?? []));
    timed(area.demo.step, performance.now() - started);
  }
  await markDemoDatabase(deps);
  return logins;
}

async function markDemoDatabase(deps: Deps): Promise<void> {
  const now = deps.clock.now();
  await deps.db
    .insertInto('system_settings')
    .values({ key: DEMO_MARK, value: JSON.stringify({ loadedAt: now.toISOString() }), updated_at: now })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}
