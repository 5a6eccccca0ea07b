// A dispatcher in a process of its own, for crash.test.ts to SIGKILL mid-delivery:
// node --import tsx crash-dispatcher.ts, with CRASH_DATABASE_URL, CRASH_NOW and CRASH_BLOCK_AT.
import { areas } from '../../../areas.ts';
import { testConfig } from '../../../config.ts';
import { connectPostgres } from '../../../db/connect.ts';
import { silentLogger } from '../../../deps.ts';
import { fixedClock } from '../../../shared/time.ts';
import { dispatchEvents } from '../index.ts';
import { CHILD_APP_NAME, crashHandlers } from './crash-fixture.ts';

const url = new URL(process.env.CRASH_DATABASE_URL ?? '');
url.searchParams.set('application_name', CHILD_APP_NAME);
const conn = connectPostgres(url.toString(), 2);
const deps = {
  areas,
  db: conn.db,
  clock: fixedClock(process.env.CRASH_NOW ?? ''),
  config: testConfig(),
  log: silentLogger,
};
const res = await dispatchEvents(deps, crashHandlers(Number(process.env.CRASH_BLOCK_AT)), { limit: 1000 });
console.log(`finished without being killed: ${JSON.stringify(res)}`);
await conn.close();
