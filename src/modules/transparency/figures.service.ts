import { sql } from 'kysely';
import type { Deps } from '../../deps.ts';
import { refreshCentreStats } from './public-centres.repository.ts';
import type { Figure } from './transparency.schema.ts';

/**
 * Recomputes every available figure and stores it in public_figures (a small table the portal
 * reads). Runs in the background every few minutes, and before each daily snapshot.
 */
export async function refreshFigures(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  let n = 0;
  for (const f of deps.areas.figures) {
    if (!f.compute) continue;
    const v = await f.compute(deps.db, now);
    await deps.db
      .insertInto('public_figures')
      .values({
        key: f.key,
        total: v.total,
        by_province: v.byProvince ? JSON.stringify(v.byProvince) : null,
        computed_at: now,
      } as never)
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          total: sql`excluded.total`,
          by_province: sql`excluded.by_province`,
          computed_at: sql`excluded.computed_at`,
        }),
      )
      .execute();
    n += 1;
  }
  await refreshCentreStats(deps.db, now);
  return n;
}

/** The headline figures as last refreshed, each with its definition, unit and "as of" time. */
export async function currentFigures(deps: Deps): Promise<Figure[]> {
  const rows = await deps.db.selectFrom('public_figures').selectAll().execute();
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return deps.areas.figures.map(({ compute, order: _order, ...def }) => {
    const row = byKey.get(def.key);
    return {
      ...def,
      available: Boolean(compute),
      total: compute && row ? row.total : null,
      byProvince: compute && row ? row.by_province : null,
      asOf: compute && row ? row.computed_at.toISOString() : null,
    };
  });
}
