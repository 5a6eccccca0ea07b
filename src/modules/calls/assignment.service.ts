import type { Db } from '../../db/connect.ts';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole } from '../../platform/actor.ts';
import { emitEvent } from '../../platform/events/index.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError, type FieldIssue, notFound } from '../../shared/errors.ts';
import { loadCriteria } from './call.repository.ts';
import { evaluationAssigned } from './calls.events.ts';
import { listAssignmentRows, loadScores } from './evaluation.repository.ts';
import type { AutoAssignResult, ScoredAssignment } from './evaluation.schema.ts';
import { applicationScoreMilli } from './ranking.ts';

const actorId = (actor: Actor) => (actor.kind === 'user' ? actor.userId : null);

/** Applications waiting for evaluators, with their owner's organisation and who is already on them. */
async function loadTargets(trx: Db, filter: { callId?: string; applicationId?: string }) {
  let q = trx
    .selectFrom('applications as a')
    .innerJoin('calls as c', 'c.id', 'a.call_id')
    .innerJoin('users as u', 'u.id', 'a.owner_id')
    .select([
      'a.id',
      'a.reference',
      'a.call_id',
      'a.status',
      'a.submitted_at',
      'u.organization_id as owner_org',
      'c.evaluators_per_application as required',
      'c.status as call_status',
    ]);
  if (filter.callId) q = q.where('a.call_id', '=', filter.callId);
  if (filter.applicationId) q = q.where('a.id', '=', filter.applicationId);
  const apps = await q.orderBy('a.submitted_at').orderBy('a.reference').forUpdate('a').execute();
  const ids = apps.map((a) => a.id);
  const existing = ids.length
    ? await trx
        .selectFrom('evaluation_assignments')
        .select(['application_id', 'evaluator_id', 'status'])
        .where('application_id', 'in', ids)
        .execute()
    : [];
  return apps.map((a) => {
    const mine = existing.filter((e) => e.application_id === a.id);
    return {
      ...a,
      everAssigned: new Set(mine.map((e) => e.evaluator_id)),
      active: mine.filter((e) => e.status !== 'recused').length,
    };
  });
}

async function insertAssignment(
  deps: Deps,
  trx: Db,
  actor: Actor,
  app: { id: string; call_id: string; reference: string },
  evaluatorId: string,
  how: 'manual' | 'automatic',
) {
  const row = await trx
    .insertInto('evaluation_assignments')
    .values({
      call_id: app.call_id,
      application_id: app.id,
      evaluator_id: evaluatorId,
      status: 'pending',
      assigned_by: actorId(actor),
      assigned_at: deps.clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordChange(trx, actor, deps.clock, {
    action: 'evaluation.assigned',
    entity: 'evaluation_assignment',
    entityId: row.id,
    details: { applicationId: app.id, reference: app.reference, evaluatorId, how },
  });
  await emitEvent(
    trx,
    deps,
    evaluationAssigned,
    {
      assignmentId: row.id,
      applicationId: app.id,
      callId: app.call_id,
      reference: app.reference,
      evaluatorId,
    },
    actor,
  );
  return row.id;
}

function assignable(status: string, callStatus: string): void {
  if (status !== 'submitted')
    throw new AppError('invalid_state', `Only submitted applications are evaluated; this one is ${status}`);
  if (callStatus === 'decided') throw new AppError('invalid_state', 'The call is already decided');
}

/** The admin chooses evaluators for one application. */
export async function assignEvaluators(
  deps: Deps,
  actor: Actor,
  applicationId: string,
  evaluatorIds: string[],
): Promise<{ created: number }> {
  requireRole(actor, 'program_admin');
  return inTransaction(deps.db, async (trx) => {
    const [app] = await loadTargets(trx, { applicationId });
    if (!app) throw notFound('Application');
    assignable(app.status, app.call_status);
    const fields: FieldIssue[] = [];
    const evaluators = await trx
      .selectFrom('users')
      .select(['id', 'role', 'status', 'organization_id'])
      .where('id', 'in', evaluatorIds)
      .execute();
    const seen = new Set<string>();
    evaluatorIds.forEach((id, i) => {
      const e = evaluators.find((x) => x.id === id);
      const path = `evaluatorIds.${i}`;
      if (seen.has(id)) fields.push({ path, message: 'appears twice' });
      else if (!e) fields.push({ path, message: 'is not an evaluator' });
      else if (e.role !== 'evaluator') fields.push({ path, message: 'is not an evaluator' });
      else if (e.status !== 'active') fields.push({ path, message: 'this account is disabled' });
      else if (app.owner_org && e.organization_id === app.owner_org)
        fields.push({ path, message: "belongs to the applicant's own organisation" });
      seen.add(id);
    });
    if (fields.length)
      throw new AppError('validation_failed', fields.map((f) => `${f.path}: ${f.message}`).join('; '), {
        fields,
      });
    const again = evaluatorIds.filter((id) => app.everAssigned.has(id));
    if (again.length)
      throw new AppError('already_exists', 'An evaluator can be assigned to an application only once', {
        evaluatorIds: again,
      });
    if (app.active + evaluatorIds.length > app.required)
      throw new AppError(
        'invalid_state',
        `The call asks for ${app.required} evaluators per application; ${app.active} are already active`,
      );
    for (const id of evaluatorIds) await insertAssignment(deps, trx, actor, app, id, 'manual');
    return { created: evaluatorIds.length };
  });
}

/**
 * Tops every submitted application of a call up to the call's evaluator count: least-loaded
 * evaluator first (open assignments, then all of this call's), never one from the owner's
 * organisation, never one already on (or recused from) the application. Deterministic.
 */
export async function autoAssign(deps: Deps, actor: Actor, callId: string): Promise<AutoAssignResult> {
  requireRole(actor, 'program_admin');
  return inTransaction(deps.db, async (trx) => {
    const call = await trx
      .selectFrom('calls')
      .select('status')
      .where('id', '=', callId)
      .forUpdate()
      .executeTakeFirst();
    if (!call) throw notFound('Call');
    if (call.status === 'decided' || call.status === 'draft')
      throw new AppError('invalid_state', `The call is ${call.status}; nothing to assign`);
    const evaluators = await trx
      .selectFrom('users')
      .select(['users.id', 'users.organization_id'])
      .select((eb) => [
        eb
          .selectFrom('evaluation_assignments as e')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('e.evaluator_id', '=', 'users.id')
          .where('e.status', 'in', ['pending', 'accepted'])
          .as('open'),
        eb
          .selectFrom('evaluation_assignments as e')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('e.evaluator_id', '=', 'users.id')
          .where('e.call_id', '=', callId)
          .as('in_call'),
      ])
      .where('role', '=', 'evaluator')
      .where('status', '=', 'active')
      .orderBy('users.id')
      .execute();
    const load = new Map(
      evaluators.map((e) => [e.id, [Number(e.open ?? 0), Number(e.in_call ?? 0)] as [number, number]]),
    );
    const targets = (await loadTargets(trx, { callId })).filter((a) => a.status === 'submitted');
    const result: AutoAssignResult = { created: 0, assignments: [], shortfalls: [] };
    for (const app of targets) {
      let missing = app.required - app.active;
      if (missing <= 0) continue;
      const eligible = evaluators
        .filter((e) => !app.everAssigned.has(e.id) && !(app.owner_org && e.organization_id === app.owner_org))
        .sort((x, y) => {
          const [ox, cx] = load.get(x.id)!;
          const [oy, cy] = load.get(y.id)!;
          return ox - oy || cx - cy || (x.id < y.id ? -1 : 1);
        });
      for (const e of eligible.slice(0, missing)) {
        await insertAssignment(deps, trx, actor, app, e.id, 'automatic');
        const l = load.get(e.id)!;
        load.set(e.id, [l[0] + 1, l[1] + 1]);
        result.assignments.push({ applicationId: app.id, reference: app.reference, evaluatorId: e.id });
        result.created++;
        missing--;
      }
      if (missing > 0) result.shortfalls.push({ applicationId: app.id, reference: app.reference, missing });
    }
    return result;
  });
}

/** The evaluators of an application with their declarations and, once submitted, their scores. */
export async function listAssignments(
  deps: Deps,
  actor: Actor,
  applicationId: string,
): Promise<ScoredAssignment[]> {
  requireRole(actor, 'program_admin', 'auditor');
  const rows = await listAssignmentRows(deps.db, { applicationId });
  if (rows.length === 0) return [];
  const criteria = await loadCriteria(deps.db, rows[0]!.callId);
  return Promise.all(
    rows.map(async (a) => {
      const scores = a.status === 'submitted' ? await loadScores(deps.db, a.id) : [];
      return {
        ...a,
        scores,
        weightedScoreMilli:
          a.status === 'submitted'
            ? applicationScoreMilli(criteria, [
                Object.fromEntries(scores.map((s) => [s.criterionKey, s.score])),
              ])
            : null,
      };
    }),
  );
}
