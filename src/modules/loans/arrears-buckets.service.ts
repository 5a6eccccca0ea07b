import { type Kysely, type RawBuilder, sql } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole } from '../../platform/actor.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError, invalidField, notFound } from '../../shared/errors.ts';
import { addDays, karachiDate } from '../../shared/time.ts';
import { CalendarDaySchema } from './holidays.ts';

/**
 * Arrears buckets as effective-dated programme settings (decision 0062): each version lists the
 * first day past due of each bucket (ascending; the last is open-ended) and the SBP classification
 * of loans in it. A loan with no day past due is 'current'. The close of business labels each loan
 * by the version in force on its day; the portfolio and PAR group by the version in force today.
 */
export const SBP_CLASSES = ['regular', 'oaem', 'substandard', 'doubtful', 'loss'] as const;
export type SbpClass = (typeof SBP_CLASSES)[number];

const BucketSchema = z.object({
  fromDays: z.number().int().min(1).max(3650).describe('First day past due in the bucket'),
  sbpClass: z.enum(SBP_CLASSES).describe('SBP classification of loans in the bucket'),
});
export const ArrearsBucketsSchema = z
  .object({
    effectiveFrom: z.string(),
    buckets: z.array(BucketSchema.extend({ label: z.string().describe('e.g. "30-59" or "90+"') })),
    createdAt: z.string(),
  })
  .meta({ id: 'ArrearsBuckets' });
export type ArrearsBuckets = z.infer<typeof ArrearsBucketsSchema>;

export const NewArrearsBucketsSchema = z
  .object({
    effectiveFrom: CalendarDaySchema,
    buckets: z.array(BucketSchema).min(1).max(10),
  })
  .meta({ id: 'NewArrearsBuckets' });
export type NewArrearsBuckets = z.infer<typeof NewArrearsBucketsSchema>;

/** "1-29", "30-59", …, "90+": each bucket runs to the day before the next one starts. */
export function bucketLabels(lowerBounds: readonly number[]): string[] {
  return lowerBounds.map((lo, i) => {
    const next = lowerBounds[i + 1];
    return next === undefined ? `${lo}+` : `${lo}-${next - 1}`;
  });
}

/** The label of a number of days past due under these bounds (pure; the SQL below is the same rule). */
export function bucketOf(daysPastDue: number, lowerBounds: readonly number[]): string {
  const labels = bucketLabels(lowerBounds);
  let label = 'current';
  lowerBounds.forEach((lo, i) => {
    if (daysPastDue >= lo) label = labels[i]!;
  });
  return label;
}

type Row = { effective_from: string; lower_bounds: number[]; classes: string[]; created_at: Date };

function toBuckets(r: Row): ArrearsBuckets {
  const labels = bucketLabels(r.lower_bounds);
  return {
    effectiveFrom: r.effective_from,
    buckets: r.lower_bounds.map((fromDays, i) => ({
      fromDays,
      sbpClass: r.classes[i] as SbpClass,
      label: labels[i]!,
    })),
    createdAt: r.created_at.toISOString(),
  };
}

/** The version in force on a day (the seeded first version covers every day from 2000). */
export async function bucketsOn(db: Kysely<Database>, day: string): Promise<ArrearsBuckets> {
  const row = await db
    .selectFrom('arrears_bucket_versions')
    .selectAll()
    .where('withdrawn_at', 'is', null)
    .where('effective_from', '<=', day)
    .orderBy('effective_from', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  return toBuckets(row as Row);
}

/** A SQL CASE giving the bucket label of `dpd` (an expression) under a version. */
export function bucketCase(dpd: RawBuilder<unknown>, v: ArrearsBuckets): RawBuilder<string> {
  const whens = [...v.buckets]
    .reverse()
    .map((b) => sql`WHEN ${dpd} >= ${sql.lit(b.fromDays)} THEN ${sql.lit(b.label)}`);
  return sql<string>`(CASE ${sql.join(whens, sql` `)} ELSE 'current' END)`;
}

/** A SQL CASE giving the SBP classification of `dpd` ('current' below the first bucket). */
export function classCase(dpd: RawBuilder<unknown>, v: ArrearsBuckets): RawBuilder<string> {
  const whens = [...v.buckets]
    .reverse()
    .map((b) => sql`WHEN ${dpd} >= ${sql.lit(b.fromDays)} THEN ${sql.lit(b.sbpClass)}`);
  return sql<string>`(CASE ${sql.join(whens, sql` `)} ELSE 'current' END)`;
}

export async function listArrearsBuckets(deps: Deps, actor: Actor): Promise<ArrearsBuckets[]> {
  requireRole(actor, 'program_admin', 'bank_officer', 'auditor');
  const rows = await deps.db
    .selectFrom('arrears_bucket_versions')
    .selectAll()
    .where('withdrawn_at', 'is', null)
    .orderBy('effective_from')
    .execute();
  return rows.map((r) => toBuckets(r as Row));
}

/**
 * The admin adds a version from today or a later day (never rewriting the past); the buckets must
 * start after 0 days and rise strictly, and classifications may not get milder as arrears age.
 * Audited as `arrears_buckets.added`.
 */
export async function addArrearsBuckets(
  deps: Deps,
  actor: Actor,
  input: NewArrearsBuckets,
): Promise<ArrearsBuckets> {
  requireRole(actor, 'program_admin');
  const today = karachiDate(deps.clock.now());
  if (input.effectiveFrom < today)
    throw invalidField(
      'effectiveFrom',
      'must be today or later: buckets in force in the past are not rewritten',
    );
  if (input.effectiveFrom > addDays(today, 366)) throw invalidField('effectiveFrom', 'must be within a year');
  input.buckets.forEach((b, i) => {
    const prev = input.buckets[i - 1];
    if (prev && b.fromDays <= prev.fromDays)
      throw invalidField(`buckets.${i}.fromDays`, `must be more than ${prev.fromDays}`, 'bucket_not_rising');
    if (prev && SBP_CLASSES.indexOf(b.sbpClass) < SBP_CLASSES.indexOf(prev.sbpClass))
      throw invalidField(
        `buckets.${i}.sbpClass`,
        `must not be milder than ${prev.sbpClass}`,
        'bucket_class_milder',
      );
  });
  return inTransaction(deps.db, async (trx) => {
    const row = await trx
      .insertInto('arrears_bucket_versions')
      .values({
        effective_from: input.effectiveFrom,
        lower_bounds: input.buckets.map((b) => b.fromDays),
        classes: input.buckets.map((b) => b.sbpClass),
        created_by: actor.kind === 'user' ? actor.userId : null,
        created_at: deps.clock.now(),
      })
      .onConflict((oc) => oc.column('effective_from').where('withdrawn_at', 'is', null).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row)
      throw new AppError('already_exists', `Arrears buckets from ${input.effectiveFrom} already exist`, {
        fields: [{ path: 'effectiveFrom', message: 'already has a version' }],
      });
    const buckets = toBuckets(row as Row);
    await recordChange(trx, actor, deps.clock, {
      action: 'arrears_buckets.added',
      entity: 'arrears_buckets',
      entityId: input.effectiveFrom,
      after: buckets,
    });
    return buckets;
  });
}

/**
 * The admin withdraws a version not yet in force (from a later day than today): the row stays,
 * marked withdrawn, and is no longer listed or used; audited as `arrears_buckets.withdrawn`.
 * A version already in force (today or earlier) is refused 409 naming `effectiveFrom`
 * (`bucket_in_force`); the close of business has labelled loans by it.
 */
export async function withdrawArrearsBuckets(deps: Deps, actor: Actor, effectiveFrom: string): Promise<void> {
  requireRole(actor, 'program_admin');
  const today = karachiDate(deps.clock.now());
  await inTransaction(deps.db, async (trx) => {
    const row = await trx
      .selectFrom('arrears_bucket_versions')
      .selectAll()
      .where('effective_from', '=', effectiveFrom)
      .where('withdrawn_at', 'is', null)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound('Arrears bucket version');
    if (effectiveFrom <= today)
      throw new AppError('conflict', `The buckets in force from ${effectiveFrom} are already in effect`, {
        fields: [
          {
            path: 'effectiveFrom',
            message:
              'is in effect: loans have been labelled by it; add a new version from a later day instead',
            rule: 'bucket_in_force',
          },
        ],
      });
    await trx
      .updateTable('arrears_bucket_versions')
      .set({ withdrawn_at: deps.clock.now(), withdrawn_by: actor.kind === 'user' ? actor.userId : null })
      .where('effective_from', '=', effectiveFrom)
      .where('withdrawn_at', 'is', null)
      .execute();
    await recordChange(trx, actor, deps.clock, {
      action: 'arrears_buckets.withdrawn',
      entity: 'arrears_buckets',
      entityId: effectiveFrom,
      before: toBuckets(row as Row),
    });
  });
}
