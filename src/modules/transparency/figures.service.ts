import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
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

/**
 * An event handler's refresh: once per burst of events, not once per event. A call decided with
 * 40 applications records 40 events; the first delivery refreshes every figure, and the others
 * find the figures already computed after their event happened and do nothing.
 */
export async function refreshFiguresAfter(
  deps: Deps,
  event: { occurredAt: Date },
  trx: Kysely<Database>,
): Promise<void> {
  const row = await trx
    .selectFrom('public_figures')
    .select((eb) => eb.fn.min('computed_at').as('oldest'))
    .executeTakeFirst();
  if (row?.oldest && new Date(row.oldest) > event.occurredAt) return;
  await refreshFigures({ ...deps, db: trx });
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
