import { sql } from 'kysely';
import { consumeRateLimit } from '../../db/rate-limit.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireUser } from '../../platform/actor.ts';
import type { RecordSection, RecordTable } from '../../platform/personal-records.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError } from '../../shared/errors.ts';

/** Downloads of one's own data allowed per person per day (each gathers every area's records). */
export const EXPORTS_PER_DAY = 5;
/** Rows per table in one export: more is summarised by a count. */
const ROWS_PER_TABLE = 5000;

export type PersonalExport = {
  format: 'markaz-personal-data/1';
  generatedAt: string;
  userId: string;
  sections: (RecordSection & { area: string; truncated?: number })[];
};

/** JSON-safe values: instants as ISO strings, everything else as the driver gave it. */
function plain(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(plain);
  if (typeof v === 'bigint') return v.toString();
  if (v !== null && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

async function tableSection(deps: Deps, t: RecordTable, userId: string) {
  const cols = sql.join(t.columns.map((c) => sql.ref(c)));
  const order = t.orderBy ? sql`ORDER BY ${sql.ref(t.orderBy)}` : sql``;
  const { rows } = await sql<Record<string, unknown>>`
    SELECT ${cols} FROM ${sql.table(t.table)} WHERE ${sql.ref(t.by)}::text = ${userId}
    ${order} LIMIT ${ROWS_PER_TABLE + 1}`.execute(deps.db);
  const truncated = rows.length > ROWS_PER_TABLE;
  return {
    section: t.section,
    title: t.title,
    rows: rows.slice(0, ROWS_PER_TABLE).map((r) => plain(r) as Record<string, unknown>),
    ...(truncated ? { truncated: ROWS_PER_TABLE } : {}),
  };
}

/** Everything every area holds about the person (no permission check: callers check). */
export async function gatherPersonalData(deps: Deps, userId: string): Promise<PersonalExport> {
  const sections: PersonalExport['sections'] = [];
  for (const area of deps.areas.list) {
    const pr = area.personalRecords;
    if (!pr) continue;
    if (pr.export)
      for (const s of await pr.export(deps, userId))
        sections.push({
          ...s,
          area: area.name,
          rows: s.rows.map((r) => plain(r) as Record<string, unknown>),
        });
    for (const t of pr.tables ?? [])
      sections.push({ ...(await tableSection(deps, t, userId)), area: area.name });
  }
  return { format: 'markaz-personal-data/1', generatedAt: deps.clock.now().toISOString(), userId, sections };
}

/**
 * The person's own download: limited per day, and on the audit record (what was downloaded and
 * in which form, never the contents).
 */
export async function exportMyData(
  deps: Deps,
  actor: Actor,
  format: 'json' | 'pdf',
  lang: 'en' | 'ur',
): Promise<PersonalExport> {
  requireUser(actor);
  const limit = await consumeRateLimit(
    deps.db,
    `privacy-export:${actor.userId}`,
    EXPORTS_PER_DAY,
    86_400,
    deps.clock.now(),
  );
  if (!limit.allowed)
    throw new AppError(
      'rate_limited',
      `You can download your data ${EXPORTS_PER_DAY} times a day; try again later`,
      {
        retryAfterSeconds: limit.retryAfterSeconds,
      },
    );
  const data = await gatherPersonalData(deps, actor.userId);
  await deps.db.transaction().execute((trx) =>
    recordChange(trx, actor, deps.clock, {
      action: 'privacy.exported',
      entity: 'user',
      entityId: actor.userId,
      details: { format, lang, sections: data.sections.length },
    }),
  );
  return data;
}
