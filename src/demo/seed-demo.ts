import type { Deps } from '../deps.ts';
import type { DemoLogin } from '../platform/area.ts';

export { DEMO_PASSWORD } from '../modules/identity/index.ts';

/** True when the database has no users yet: the only time the demo is loaded automatically. */
export async function isEmpty(deps: Deps): Promise<boolean> {
  const row = await deps.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  return !row;
}

/**
 * Loads the demo programme: each area's part, in the order of src/areas.ts, through its own
 * services, so the demo is audited and valid like any other data.
 */
export async function seedDemo(deps: Deps, progress: (msg: string) => void = () => {}): Promise<DemoLogin[]> {
  const logins: DemoLogin[] = [];
  for (const area of deps.areas.list) {
    if (!area.demo) continue;
    progress(area.demo.step);
    logins.push(...((await area.demo.seed(deps)) ?? []));
  }
  return logins;
}
