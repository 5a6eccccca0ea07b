import type { Selectable } from 'kysely';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole } from '../../platform/actor.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError, invalidField, notFound } from '../../shared/errors.ts';
import { karachiDate } from '../../shared/time.ts';
import { promiseStatus, STATUS_RULE_EN, STATUS_RULE_UR } from './promise-status.ts';
import type { CreatePromiseInput, PublicPromise } from './transparency.schema.ts';
import type { PromisesTable } from './transparency.table.ts';

type Row = Selectable<PromisesTable>;

function toPromise(row: Row, delivered: number | null, today: string): PublicPromise {
  return {
    id: row.id,
    ref: row.ref,
    announcedOn: row.announced_on,
    announcedPrecision: row.announced_precision,
    announcedBy: row.announced_by,
    sourceName: row.source_name,
    sourceUrl: row.source_url,
    titleEn: row.title_en,
    titleUr: row.title_ur,
    target: row.target_value,
    unit: row.unit,
    figureKey: row.figure_key,
    provinceCode: row.province_code,
    deadline: row.deadline,
    delivered,
    status: promiseStatus({
      target: row.target_value,
      delivered,
      announcedOn: row.announced_on,
      deadline: row.deadline,
      today,
    }),
    supersededBy: row.superseded_by,
    correctionNote: row.correction_note,
    createdAt: row.created_at.toISOString(),
  };
}

/** The register, each promise beside what has been delivered so far (from the live figures). */
export async function listPromises(deps: Deps) {
  const [rows, figures] = await Promise.all([
    deps.db.selectFrom('promises').selectAll().orderBy('announced_on').orderBy('ref').execute(),
    deps.db.selectFrom('public_figures').selectAll().execute(),
  ]);
  const available = new Set(deps.areas.figures.filter((f) => f.compute).map((f) => f.key));
  const fig = new Map(figures.map((f) => [f.key, f]));
  const now = deps.clock.now();
  const today = karachiDate(now);
  const items = rows.map((row) => {
    const f = available.has(row.figure_key) ? fig.get(row.figure_key) : undefined;
    const delivered = f ? (row.province_code ? (f.by_province?.[row.province_code] ?? 0) : f.total) : null;
    return toPromise(row, delivered, today);
  });
  return { items, statusRuleEn: STATUS_RULE_EN, statusRuleUr: STATUS_RULE_UR, asOf: now.toISOString() };
}

async function validate(deps: Deps, input: CreatePromiseInput) {
  if (!deps.areas.figures.some((f) => f.key === input.figureKey))
    throw invalidField('figureKey', 'is not a known public figure');
  if (input.provinceCode) {
    const p = await deps.db
      .selectFrom('provinces')
      .select('code')
      .where('code', '=', input.provinceCode)
      .executeTakeFirst();
    if (!p) throw invalidField('provinceCode', 'is not a province code (PB, SD, KP, ICT, BA, AJK, GB)');
  }
  if (input.deadline && input.deadline < input.announcedOn)
    throw invalidField('deadline', 'must not be before the announcement');
}

async function insertPromise(
  trx: Deps['db'],
  deps: Deps,
  input: CreatePromiseInput,
  correctionNote: string | null,
) {
  const last = await trx
    .selectFrom('promises')
    .select('ref')
    .orderBy('ref', 'desc')
    .limit(1)
    .executeTakeFirst();
  const next = last ? Number(last.ref.slice(2)) + 1 : 1;
  return trx
    .insertInto('promises')
    .values({
      ref: `P-${String(next).padStart(3, '0')}`,
      announced_on: input.announcedOn,
      announced_precision: input.announcedPrecision,
      announced_by: input.announcedBy,
      source_name: input.sourceName,
      source_url: input.sourceUrl ?? null,
      title_en: input.titleEn,
      title_ur: input.titleUr,
      target_value: input.target,
      unit: input.unit,
      figure_key: input.figureKey,
      province_code: input.provinceCode ?? null,
      deadline: input.deadline ?? null,
      correction_note: correctionNote,
      created_at: deps.clock.now(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function createPromise(
  deps: Deps,
  actor: Actor,
  input: CreatePromiseInput,
): Promise<PublicPromise> {
  requireRole(actor, 'program_admin');
  await validate(deps, input);
  return inTransaction(deps.db, async (trx) => {
    const row = await insertPromise(trx, deps, input, null);
    const p = toPromise(row, null, karachiDate(deps.clock.now()));
    await recordChange(trx, actor, deps.clock, {
      action: 'promise.recorded',
      entity: 'promise',
      entityId: row.id,
      after: p,
    });
    return p;
  });
}

/**
 * A correction never edits a promise: it records a new one that says what changed and why, and
 * marks the old one as superseded. Both stay public.
 */
export async function correctPromise(
  deps: Deps,
  actor: Actor,
  id: string,
  input: CreatePromiseInput & { correctionNote: string },
): Promise<PublicPromise> {
  requireRole(actor, 'program_admin');
  await validate(deps, input);
  return inTransaction(deps.db, async (trx) => {
    const old = await trx.selectFrom('promises').selectAll().where('id', '=', id).executeTakeFirst();
    if (!old) throw notFound('Promise');
    if (old.superseded_by)
      throw new AppError(
        'invalid_state',
        `Promise ${old.ref} was already superseded; correct the newer entry`,
      );
    const row = await insertPromise(trx, deps, input, input.correctionNote);
    const updated = await trx
      .updateTable('promises')
      .set({ superseded_by: row.id })
      .where('id', '=', id)
      .where('superseded_by', 'is', null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1)
      throw new AppError('conflict', 'Someone else corrected this promise at the same time');
    const p = toPromise(row, null, karachiDate(deps.clock.now()));
    await recordChange(trx, actor, deps.clock, {
      action: 'promise.corrected',
      entity: 'promise',
      entityId: row.id,
      after: p,
      details: { supersedes: old.ref, note: input.correctionNote },
    });
    return p;
  });
}
