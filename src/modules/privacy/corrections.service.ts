import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole, requireUser } from '../../platform/actor.ts';
import { recordRead } from '../../platform/data-access.ts';
import { emitEvent } from '../../platform/events/index.ts';
import { piiCipher } from '../../platform/keys/index.ts';
import type { CorrectableField } from '../../platform/personal-records.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError, invalidField, notFound } from '../../shared/errors.ts';
import { maskCnic } from '../../shared/mask.ts';
import { correctionDecided } from './privacy.events.ts';
import type { CorrectionStatus } from './privacy.table.ts';

/** Fields whose values are masked in staff lists (shown in full only with a purpose, recorded). */
const MASKS: Record<string, (v: string) => string> = {
  cnic: (v) => maskCnic(v) ?? '',
  date_of_birth: () => '****-**-**',
};

/** Every field any area lets a person correct, by name. */
export function correctableFields(deps: Pick<Deps, 'areas'>): Map<string, CorrectableField> {
  const out = new Map<string, CorrectableField>();
  for (const a of deps.areas.list)
    for (const f of a.personalRecords?.corrections ?? []) if (!out.has(f.field)) out.set(f.field, f);
  return out;
}

const forAudit = (field: string, v: string | null) => (v !== null && MASKS[field] ? MASKS[field]!(v) : v);

const place = (id: string) => ({ table: 'correction_requests', column: 'requested', id });

/** The fields the person can ask to correct, with what Markaz holds now (their own data, in full). */
export async function myCorrectableFields(deps: Deps, actor: Actor) {
  requireUser(actor);
  const out = [];
  for (const f of correctableFields(deps).values())
    out.push({ field: f.field, label: f.label, current: await f.current(deps.db, deps, actor.userId) });
  return { items: out };
}

export type CorrectionInput = { field: string; value: string; reason: string; evidence?: string | undefined };

/** A person asks to correct one field: one open request per field; nothing changes until staff decide. */
export async function requestCorrection(deps: Deps, actor: Actor, input: CorrectionInput) {
  requireUser(actor);
  const f = correctableFields(deps).get(input.field);
  if (!f)
    throw invalidField(
      'field',
      `must be one of ${[...correctableFields(deps).keys()].join(', ')}`,
      'unknown_field',
    );
  const value = f.parse(input.value);
  const current = await f.current(deps.db, deps, actor.userId);
  if (current !== null && current.split(' (')[0] === value)
    throw invalidField('value', 'is what Markaz already holds', 'unchanged');
  const id = randomUUID();
  const pii = await piiCipher(deps);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const open = await trx
      .selectFrom('correction_requests')
      .select('id')
      .where('user_id', '=', actor.userId)
      .where('field', '=', f.field)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (open) throw new AppError('conflict', 'You already asked to correct this field; wait for the answer');
    await trx
      .insertInto('correction_requests')
      .values({
        id,
        user_id: actor.userId,
        field: f.field,
        requested: pii.seal('identity', value, place(id)),
        reason: input.reason,
        evidence: input.evidence?.trim() || null,
        created_at: now,
      })
      .execute();
    await recordChange(trx, actor, deps.clock, {
      action: 'privacy.correction_requested',
      entity: 'correction_request',
      entityId: id,
      // The audit log keeps digests: a CNIC's would be guessable, so it digests the masked value.
      after: { field: f.field, value: forAudit(f.field, value) },
      details: { field: f.field },
    });
  });
  return getMine(deps, actor.userId, id);
}

type Row = Awaited<ReturnType<typeof rows>>[number];
function rows(db: Kysely<Database>, by: { id?: string; userId?: string; status?: CorrectionStatus } = {}) {
  let q = db
    .selectFrom('correction_requests as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .leftJoin('users as d', 'd.id', 'r.decided_by')
    .select([
      'r.id',
      'r.user_id',
      'u.name as user_name',
      'r.field',
      'r.requested',
      'r.reason',
      'r.evidence',
      'r.evidence_file_name',
      'r.evidence_content_type',
      'r.evidence_size_bytes',
      'r.evidence_sha256',
      'r.status',
      'r.created_at',
      'r.decided_at',
      'r.decision_reason',
      'd.name as decided_by_name',
    ])
    .orderBy('r.created_at', 'desc')
    .limit(200);
  if (by.id) q = q.where('r.id', '=', by.id);
  if (by.userId) q = q.where('r.user_id', '=', by.userId);
  if (by.status) q = q.where('r.status', '=', by.status);
  return q.execute();
}

async function shape(deps: Deps, r: Row, show: 'full' | 'masked') {
  const f = correctableFields(deps).get(r.field);
  const value = (await piiCipher(deps)).open(r.requested, place(r.id));
  return {
    id: r.id,
    userId: r.user_id,
    userName: r.user_name,
    field: r.field,
    label: f?.label ?? { en: r.field, ur: r.field },
    requested: show === 'masked' && MASKS[r.field] ? MASKS[r.field]!(value) : value,
    reason: r.reason,
    evidence: r.evidence,
    evidenceFile: r.evidence_file_name
      ? {
          fileName: r.evidence_file_name,
          contentType: r.evidence_content_type!,
          sizeBytes: Number(r.evidence_size_bytes),
          sha256: r.evidence_sha256!,
        }
      : null,
    status: r.status as CorrectionStatus,
    createdAt: r.created_at.toISOString(),
    decidedAt: r.decided_at?.toISOString() ?? null,
    decisionReason: r.decision_reason,
    decidedBy: r.decided_by_name,
  };
}

async function getMine(deps: Deps, userId: string, id: string) {
  const [r] = await rows(deps.db, { id, userId });
  if (!r) throw notFound('Correction request');
  return shape(deps, r, 'full');
}

/** The person withdraws a request staff have not decided yet. */
export async function withdrawCorrection(deps: Deps, actor: Actor, id: string) {
  requireUser(actor);
  await deps.db.transaction().execute(async (trx) => {
    const r = await trx
      .selectFrom('correction_requests')
      .select(['status', 'user_id'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!r || r.user_id !== actor.userId) throw notFound('Correction request');
    if (r.status !== 'pending') throw new AppError('invalid_state', `This request was already ${r.status}`);
    await trx.updateTable('correction_requests').set({ status: 'withdrawn' }).where('id', '=', id).execute();
    await recordChange(trx, actor, deps.clock, {
      action: 'privacy.correction_withdrawn',
      entity: 'correction_request',
      entityId: id,
    });
  });
  return getMine(deps, actor.userId, id);
}

/** The person's own requests, newest first. */
export async function myCorrections(deps: Deps, actor: Actor) {
  requireUser(actor);
  const all = await rows(deps.db, { userId: actor.userId });
  return { items: await Promise.all(all.map((r) => shape(deps, r, 'full'))) };
}

/** Staff's queue: CNICs masked; the full values only through `correctionForReview` with a purpose. */
export async function listCorrections(
  deps: Deps,
  actor: Actor,
  q: { status?: CorrectionStatus | undefined },
) {
  requireRole(actor, 'program_admin');
  const all = await rows(deps.db, q.status ? { status: q.status } : {});
  return { items: await Promise.all(all.map((r) => shape(deps, r, 'masked'))) };
}

/** One request for a decision: the value held now and the value asked for, in full; the look is recorded. */
export async function correctionForReview(deps: Deps, actor: Actor, id: string, purpose: string | undefined) {
  requireRole(actor, 'program_admin');
  const [r] = await rows(deps.db, { id });
  if (!r) throw notFound('Correction request');
  const f = correctableFields(deps).get(r.field);
  await recordRead(deps.db, deps.clock, actor, {
    subjectUserId: r.user_id,
    fields: [r.field],
    purpose,
    via: 'correction request',
  });
  return {
    ...(await shape(deps, r, 'full')),
    current: f ? await f.current(deps.db, deps, r.user_id) : null,
  };
}

/**
 * Approve (the field is written by its area, with an audit entry, in one transaction) or reject
 * with a reason; the person is told through `privacy.correction_decided`.
 */
export async function decideCorrection(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { decision: 'approved' | 'rejected'; reason: string },
) {
  requireRole(actor, 'program_admin');
  if (actor.kind !== 'user') throw new AppError('forbidden', 'Only a person decides corrections');
  const pii = await piiCipher(deps);
  await deps.db.transaction().execute(async (trx) => {
    const r = await trx
      .selectFrom('correction_requests')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!r) throw notFound('Correction request');
    if (r.status !== 'pending') throw new AppError('invalid_state', `This request was already ${r.status}`);
    if (r.user_id === actor.userId) throw new AppError('forbidden', 'Someone else decides your own request');
    const f = correctableFields(deps).get(r.field);
    if (!f) throw new AppError('invalid_state', `No area corrects the field ${r.field} any more`);
    const value = pii.open(r.requested, place(id));
    const before = await f.current(trx, deps, r.user_id);
    if (input.decision === 'approved') await f.apply(trx, deps, r.user_id, value);
    await trx
      .updateTable('correction_requests')
      .set({
        status: input.decision,
        decided_by: actor.userId,
        decided_at: deps.clock.now(),
        decision_reason: input.reason,
      })
      .where('id', '=', id)
      .execute();
    await recordChange(trx, actor, deps.clock, {
      action: `privacy.correction_${input.decision}`,
      entity: 'user',
      entityId: r.user_id,
      ...(input.decision === 'approved'
        ? { before: { [r.field]: forAudit(r.field, before) }, after: { [r.field]: forAudit(r.field, value) } }
        : {}),
      details: { request: id, field: r.field },
    });
    await emitEvent(
      trx,
      deps,
      correctionDecided,
      {
        requestId: id,
        userId: r.user_id,
        field: r.field,
        label: f.label,
        decision: input.decision,
        reason: input.reason,
      },
      actor,
    );
  });
  const [r] = await rows(deps.db, { id });
  return shape(deps, r!, 'masked');
}
