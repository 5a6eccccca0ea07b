import type { Deps } from '../deps.ts';
import { chainAll, writeCheckpoint } from '../modules/audit/index.ts';
import { seedCentresDemo } from '../modules/bookings/index.ts';
import { seedCallsDemo } from '../modules/calls/index.ts';
import { DEMO_PASSWORD, type DemoLogin, seedIdentityDemo } from '../modules/identity/identity.demo.ts';
import { seedClaimsDemo, seedLoansDemo } from '../modules/loans/index.ts';
import { seedTransparencyDemo } from '../modules/transparency/index.ts';

export { DEMO_PASSWORD };

/** True when the database has no users yet: the only time the demo is loaded automatically. */
export async function isEmpty(deps: Deps): Promise<boolean> {
  const row = await deps.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  return !row;
}

/**
 * Loads the demo programme. Each area adds its part here, in dependency order, through its own
 * services, so the demo is audited and valid like any other data.
 */
export async function seedDemo(deps: Deps, progress: (msg: string) => void = () => {}): Promise<DemoLogin[]> {
  progress('people and organisations');
  const { logins } = await seedIdentityDemo(deps);
  progress('calls for buildings, applications, evaluation and decision');
  logins.push(...(await seedCallsDemo(deps)));
  progress('loans: sanctions, tranches, repayments, arrears and subsidy accruals');
  await seedLoansDemo(deps);
  progress('loans: quarterly subsidy claims, one paid and one waiting for the admin');
  await seedClaimsDemo(deps);
  progress('centres in operation, seats and bookings');
  await seedCentresDemo(deps);
  progress('promise register and public figures');
  await seedTransparencyDemo(deps);
  progress('audit chain');
  await chainAll(deps);
  await writeCheckpoint(deps);
  return logins;
}
