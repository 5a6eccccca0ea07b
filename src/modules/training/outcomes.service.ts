import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole, requireUser } from '../../platform/actor.ts';
import { addDays, karachiDate } from '../../shared/time.ts';

type Db = Kysely<Database>;

/** Aggregates over fewer people than this are withheld (as the earnings figures do). */
export const MIN_GROUP = 3;
/** The promise as announced (PRODUCT.md): 16,000 trained, each hoped to earn USD 50,000 a year. */
export const PROMISE = { trained: 16_000, claimUsdCentsPerYear: 50_000_00 };
/** Months after completion at which trainees are asked to declare their earnings. */
export const CHECKPOINTS = [3, 6, 12] as const;

const suppress = (n: number) => (n < MIN_GROUP ? null : n);
const share = (part: number, whole: number) =>
  whole < MIN_GROUP ? null : Math.round((part * 10_000) / whole);

const Group = z.object({
  key: z.string(),
  label: z.string(),
  applied: z.number().int().nullable(),
  admitted: z.number().int().nullable(),
  completed: z.number().int().nullable(),
  certified: z.number().int().nullable(),
  womenShareBp: z.number().int().nullable(),
});

export const TrainingOutcomesSchema = z
  .object({
    promise: z.object({ trained: z.number().int(), claimUsdCentsPerYear: z.number().int() }),
    applied: z.number().int(),
    admitted: z.number().int(),
    completed: z.number().int(),
    certified: z
      .number()
      .int()
      .nullable()
      .describe(
        'Completions holding a valid certificate (issued, not revoked); null when no area issues them',
      ),
    womenShareBp: z
      .number()
      .int()
      .nullable()
      .describe('Share of women among those completing who declared a gender, basis points'),
    declaringShareBp: z
      .number()
      .int()
      .nullable()
      .describe(
        'Share of those completing at least 3 months ago who declared any earnings since, basis points',
      ),
    medianDeclaredUsdCentsPerYear: z.number().int().nullable().describe('Self-declared figures only'),
    medianUsdCentsPerYear: z
      .number()
      .int()
      .nullable()
      .describe(
        'Median a year over trainees with earnings since completing, each by bank-attested IT-export proceeds where a bank attested any, else by what they declared',
      ),
    attestedShareBp: z
      .number()
      .int()
      .nullable()
      .describe('Of the trainees in that median, the share whose figure is bank-attested, basis points'),
    byProvince: z.array(Group),
    byDistrict: z.array(Group).describe('By the district on the applicant’s domicile certificate'),
    byMonth: z.array(Group),
    minGroup: z.number().int(),
  })
  .meta({ id: 'TrainingOutcomes' });
export type TrainingOutcomes = z.infer<typeof TrainingOutcomesSchema>;

type Row = {
  key: string;
  label: string;
  applied: number;
  admitted: number;
  completed: number;
  certified: number;
  women: number;
  declared: number;
};

/** The counts every group and the totals share; `certified` is a JSON array of enrolment ids. */
const counts = (certified: string) => sql`
           count(*) FILTER (WHERE e.status <> 'ineligible')::int AS applied,
           count(*) FILTER (WHERE e.status IN ('admitted', 'completed', 'not_completed'))::int AS admitted,
           count(*) FILTER (WHERE e.status = 'completed')::int AS completed,
           count(*) FILTER (WHERE e.status = 'completed' AND e.enrolment_id::text IN
             (SELECT jsonb_array_elements_text(${certified}::jsonb)))::int AS certified,
           count(*) FILTER (WHERE e.status = 'completed' AND f.gender = 'woman')::int AS women,
           count(*) FILTER (WHERE e.status = 'completed' AND f.gender IN ('woman', 'man', 'other'))::int AS declared`;

async function grouped(
  db: Db,
  by: 'province' | 'district' | 'month',
  certified: string,
): Promise<z.infer<typeof Group>[]> {
  const key =
    by === 'province'
      ? sql`c.province_code`
      : by === 'district'
        ? sql`e.domicile_district_id::text`
        : sql`to_char(e.applied_at AT TIME ZONE 'Asia/Karachi', 'YYYY-MM')`;
  const label =
    by === 'province'
      ? sql`max(p.name_en)`
      : by === 'district'
        ? sql`coalesce(max(d.name_en), 'unknown')`
        : sql`to_char(max(e.applied_at) AT TIME ZONE 'Asia/Karachi', 'YYYY-MM')`;
  const { rows } = await sql<Row>`
    SELECT ${key} AS key, ${label} AS label, ${counts(certified)}
      FROM training_enrolments e
      JOIN centers c ON c.center_id = e.center_id
      JOIN provinces p ON p.code = c.province_code
      JOIN cities ci ON ci.id = c.city_id
      LEFT JOIN districts d ON d.id = e.domicile_district_id
      LEFT JOIN freelancer_profiles f ON f.user_id = e.user_id
     GROUP BY 1 ORDER BY 1`.execute(db);
  return rows.map((r) => ({
    key: r.key,
    label: r.label,
    applied: suppress(r.applied),
    admitted: suppress(r.admitted),
    completed: suppress(r.completed),
    certified: suppress(r.certified),
    womenShareBp: share(r.women, r.declared),
  }));
}

/** Per completer who finished at least 3 months ago: months since, and what they declared since. */
async function declaredSince(db: Db, asOf: Date) {
  const cutoff = addDays(karachiDate(asOf), -91);
  const { rows } = await sql<{
    user_id: string;
    months: number;
    total: string | number | null;
    attested: string | number | null;
  }>`
    SELECT e.user_id,
           greatest(1, (extract(year FROM age(${karachiDate(asOf)}::date, (e.completed_at AT TIME ZONE 'Asia/Karachi')::date)) * 12
             + extract(month FROM age(${karachiDate(asOf)}::date, (e.completed_at AT TIME ZONE 'Asia/Karachi')::date)))::int) AS months,
           (SELECT sum(x.amount_minor) FROM earnings_declarations x
             WHERE x.freelancer_id = e.user_id
               AND x.month >= date_trunc('month', e.completed_at AT TIME ZONE 'Asia/Karachi')::date) AS total,
           (SELECT sum(a.usd_minor) FROM remittance_attestations a
             WHERE a.freelancer_id = e.user_id AND a.it_export
               AND a.month >= date_trunc('month', e.completed_at AT TIME ZONE 'Asia/Karachi')::date) AS attested
      FROM training_enrolments e
     WHERE e.status = 'completed' AND (e.completed_at AT TIME ZONE 'Asia/Karachi')::date <= ${cutoff}::date`.execute(
    db,
  );
  return rows.map((r) => ({
    months: Number(r.months),
    total: r.total === null ? null : Number(r.total),
    attested: r.attested === null ? null : Number(r.attested),
  }));
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : Math.round((s[m - 1]! + s[m]!) / 2);
};

/**
 * The portal's training figures against the promise; every group under MIN_GROUP people withheld.
 * `certified`: the enrolments holding a valid certificate (certified-enrolments.ts), or null when
 * no area issues certificates.
 */
export async function trainingOutcomes(
  db: Db,
  asOf: Date,
  certified: readonly string[] | null = null,
): Promise<TrainingOutcomes> {
  const ids = JSON.stringify(certified ?? []);
  const byProvince = await grouped(db, 'province', ids);
  const byDistrict = await grouped(db, 'district', ids);
  const byMonth = await grouped(db, 'month', ids);
  const totals = await sql<Row>`
    SELECT ${counts(ids)}
      FROM training_enrolments e LEFT JOIN freelancer_profiles f ON f.user_id = e.user_id`.execute(db);
  const t = totals.rows[0]!;
  const since = await declaredSince(db, asOf);
  const declaring = since.filter((s) => (s.total ?? 0) > 0);
  const annual = declaring.map((s) => Math.round(((s.total ?? 0) * 12) / s.months));
  // The best evidence for each trainee: what banks attested where they attested any, else the
  // trainee's own word; the share attested says how much of the figure rests on banks.
  const earning = since.filter((s) => (s.attested ?? 0) > 0 || (s.total ?? 0) > 0);
  const best = earning.map((s) =>
    Math.round((((s.attested ?? 0) > 0 ? s.attested! : s.total!) * 12) / s.months),
  );
  const attestedN = earning.filter((s) => (s.attested ?? 0) > 0).length;
  return {
    promise: PROMISE,
    applied: t.applied,
    admitted: t.admitted,
    completed: t.completed,
    certified: certified === null ? null : t.certified,
    womenShareBp: share(t.women, t.declared),
    declaringShareBp: share(declaring.length, since.length),
    medianDeclaredUsdCentsPerYear: annual.length >= MIN_GROUP ? median(annual) : null,
    medianUsdCentsPerYear: best.length >= MIN_GROUP ? median(best) : null,
    attestedShareBp:
      earning.length >= MIN_GROUP && (attestedN === 0 || attestedN >= MIN_GROUP)
        ? share(attestedN, earning.length)
        : null,
    byProvince,
    byDistrict,
    byMonth,
    minGroup: MIN_GROUP,
  };
}

/** A trainee's earnings check-ins: 3, 6 and 12 months after completing, and whether they declared. */
export async function myOutcomeCheckpoints(deps: Deps, actor: Actor) {
  requireRole(actor, 'freelancer');
  requireUser(actor);
  const rows = await deps.db
    .selectFrom('training_enrolments as e')
    .innerJoin('training_cohorts as k', 'k.cohort_id', 'e.cohort_id')
    .innerJoin('training_courses as co', 'co.course_id', 'k.course_id')
    .select(['e.enrolment_id', 'co.title_en', 'co.title_ur', 'e.completed_at'])
    .where('e.user_id', '=', actor.userId)
    .where('e.status', '=', 'completed')
    .execute();
  const declared = await deps.db
    .selectFrom('earnings_declarations')
    .select('month')
    .where('freelancer_id', '=', actor.userId)
    .execute();
  const months = new Set(declared.map((d) => String(d.month).slice(0, 7)));
  const today = karachiDate(deps.clock.now());
  return rows.map((r) => {
    const done = karachiDate(r.completed_at!);
    return {
      enrolmentId: r.enrolment_id,
      courseTitleEn: r.title_en,
      courseTitleUr: r.title_ur,
      completedOn: done,
      checkpoints: CHECKPOINTS.map((m) => {
        const d = new Date(`${done.slice(0, 7)}-01T00:00:00Z`);
        d.setUTCMonth(d.getUTCMonth() + m);
        const month = d.toISOString().slice(0, 7);
        return { monthsAfter: m, month, due: month <= today.slice(0, 7), declared: months.has(month) };
      }),
    };
  });
}
