import { type SelectQueryBuilder, sql } from 'kysely';

/** The query's page parameters: how many, and older than which instant (the last page's end). */
export type PageQuery = { limit: number; before?: string | undefined };

/**
 * One keyset page of `query`, newest first by `time` (then `id`): `limit + 1` rows older than
 * `before` are read; the extra row only says there is more, and the last shown row's time is
 * where the next page starts. `time` must be selected by the query.
 */
export async function newestPage<DB, TB extends keyof DB, O, K extends keyof O & string>(
  query: SelectQueryBuilder<DB, TB, O>,
  cols: { time: K; id: string },
  q: PageQuery,
): Promise<{ page: O[]; nextBefore: string | null }> {
  let page = query
    .orderBy(sql`${sql.ref(cols.time)} desc`)
    .orderBy(sql`${sql.ref(cols.id)} desc`)
    .limit(q.limit + 1);
  if (q.before) page = page.where(sql<boolean>`${sql.ref(cols.time)} < ${new Date(q.before)}`);
  const rows = await page.execute();
  const shown = rows.slice(0, q.limit);
  const last = shown.at(-1);
  return {
    page: shown,
    nextBefore: rows.length > q.limit && last ? (last[cols.time] as Date).toISOString() : null,
  };
}
