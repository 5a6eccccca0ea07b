import { areas } from '../../src/areas.ts';
/**
 * 5. The nightly close of business over portfolios of 10,000 and 100,000 loans: the real
 * `closeOfBusiness` on its own database, timed; loans per second = live loans closed ÷ seconds.
 * Each portfolio gets a fresh scratch database, so the sizes do not add up.
 */

import { testConfig } from '../../src/config.ts';
import { connectPostgres } from '../../src/db/connect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { silentLogger } from '../../src/deps.ts';
import { closeOfBusiness } from '../../src/modules/loans/cob.job.ts';
import { addDays, karachiDate, systemClock } from '../../src/shared/time.ts';
import type { Ctx, Figure } from '../lib/context.ts';
import { log, psql, scratchDatabase } from '../lib/env.ts';
import { loansSql } from '../lib/loans-dataset.ts';

export async function cobBench(ctx: Ctx): Promise<Figure[]> {
  const out: Figure[] = [];
  const asOf = addDays(karachiDate(new Date()), -1);
  for (const loans of ctx.profile.cobLoans) {
    const url = scratchDatabase(`cob${loans}`);
    const conn = connectPostgres(url, 4);
    try {
      await migrateToLatest(conn.db);
      const t0 = performance.now();
      for (const stmt of loansSql(loans, asOf, `p${loans}`)) psql(url, stmt);
      log(`cob: ${loans} loans loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      const deps = { areas, db: conn.db, clock: systemClock, config: testConfig(), log: silentLogger };
      const t1 = performance.now();
      const r = await closeOfBusiness(deps, asOf);
      const seconds = (performance.now() - t1) / 1000;
      const perS = Math.round(loans / seconds);
      log(
        `cob: ${loans} loans closed in ${seconds.toFixed(2)} s = ${perS} loans/s (accrued ${r.accruedLoans}, arrears rows ${r.arrearsRowsUpdated})`,
      );
      const t2 = performance.now();
      await closeOfBusiness(deps, addDays(asOf, 1));
      const nextSeconds = (performance.now() - t2) / 1000;
      out.push({
        benchmark: 'cob',
        name: `close of business, ${loans.toLocaleString('en')} loans`,
        value: perS,
        unit: 'loans/s',
        target: { op: '>=', bound: 20_000, unit: ' loans/s', on: 'value' },
        note: `${seconds.toFixed(2)} s for the first day (${r.arrearsRowsUpdated} arrears rows, ${r.accruedLoans} accruals); the next day ${nextSeconds.toFixed(2)} s`,
      });
    } finally {
      await conn.close();
    }
  }
  return out;
}
