import type { Db } from '../../db/connect.ts';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole } from '../../platform/actor.ts';
import { recordChange } from '../../platform/record-change.ts';
import {
  alreadyDeclared,
  assertAllScored,
  assertMayScore,
  checkDeclaration,
  checkScores,
  type ReviewerState,
  stateAfterDeclaring,
  unscored,
} from '../../platform/review.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { findApplicationRow, toApplication } from './application.repository.ts';
import { loadCriteria } from './call.repository.ts';
import type { Criterion } from './call.schema.ts';
import * as repo from './evaluation.repository.ts';
import type { Assignment, DeclarationInput, ScoresInput } from './evaluation.schema.ts';
import { applicationScoreMilli } from './ranking.ts';

function evaluatorId(actor: Actor): string {
  requireRole(actor, 'evaluator');
  if (actor.kind !== 'user') throw new AppError('forbidden', 'Only an evaluator can do this');
  return actor.userId;
}

/** The evaluator's own assignment; someone else's is not found. */
async function ownAssignment(db: Db, actor: Actor, id: string): Promise<Assignment> {
  const me = evaluatorId(actor);
  const a = await repo.findAssignment(db, id);
  if (!a || a.evaluatorId !== me) throw notFound('Assignment');
  return a;
}

/** The calls' assignment status as a reviewer's state in the shared review rules. */
function reviewerState(status: Assignment['status']): ReviewerState {
  return status === 'pending' ? 'undeclared' : status === 'accepted' ? 'cleared' : status;
}

/** Locks the assignment row and checks it is open for scoring by its owner. */
async function lockForScoring(trx: Db, id: string): Promise<void> {
  const row = await trx
    .selectFrom('evaluation_assignments as e')
    .innerJoin('calls as c', 'c.id', 'e.call_id')
    .select(['e.status', 'c.status as call_status'])
    .where('e.id', '=', id)
    .forUpdate('e')
    .executeTakeFirstOrThrow();
  assertMayScore(reviewerState(row.status));
  if (row.call_status === 'decided') throw new AppError('invalid_state', 'The call is already decided');
}

export async function listMyAssignments(deps: Deps, actor: Actor, status?: Assignment['status']) {
  return repo.listAssignmentRows(deps.db, { evaluatorId: evaluatorId(actor), status });
}

function weighted(criteria: Criterion[], scores: { criterionKey: string; score: number }[]) {
  if (unscored(criteria, scores).length) return null;
  return applicationScoreMilli(criteria, [Object.fromEntries(scores.map((s) => [s.criterionKey, s.score]))]);
}

export async function getEvaluation(deps: Deps, actor: Actor, id: string) {
  const assignment = await ownAssignment(deps.db, actor, id);
  const [criteria, scores] = await Promise.all([
    loadCriteria(deps.db, assignment.callId),
    repo.loadScores(deps.db, id),
  ]);
  const seesDetails = assignment.status === 'accepted' || assignment.status === 'submitted';
  const row = seesDetails ? await findApplicationRow(deps.db, assignment.applicationId) : undefined;
  return {
    assignment,
    criteria,
    scores,
    weightedScoreMilli: weighted(criteria, scores),
    application: row ? await toApplication(deps.db, row) : null,
  };
}

export async function declareConflict(deps: Deps, actor: Actor, id: string, input: DeclarationInput) {
  await ownAssignment(deps.db, actor, id);
  const note = checkDeclaration(input.hasConflict, input.note);
  const now = deps.clock.now();
  await inTransaction(deps.db, async (trx) => {
    const row = await trx
      .updateTable('evaluation_assignments')
      .set({
        status: stateAfterDeclaring(input.hasConflict) === 'recused' ? 'recused' : 'accepted',
        conflict_note: note,
        declared_at: now,
      })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .returning(['application_id'])
      .executeTakeFirst();
    if (!row) throw alreadyDeclared('hasConflict');
    await recordChange(trx, actor, deps.clock, {
      action: input.hasConflict ? 'evaluation.recused' : 'evaluation.no_conflict_declared',
      entity: 'evaluation_assignment',
      entityId: id,
      details: { applicationId: row.application_id, ...(note ? { note } : {}) },
    });
  });
  return getEvaluation(deps, actor, id);
}

/** Saves draft scores; they stay editable until submitted. */
export async function saveScores(deps: Deps, actor: Actor, id: string, input: ScoresInput) {
  const assignment = await ownAssignment(deps.db, actor, id);
  const criteria = await loadCriteria(deps.db, assignment.callId);
  checkScores(criteria, input.scores);
  const now = deps.clock.now();
  await inTransaction(deps.db, async (trx) => {
    await lockForScoring(trx, id);
    for (const s of input.scores) {
      await trx
        .insertInto('evaluation_scores')
        .values({
          assignment_id: id,
          criterion_key: s.criterionKey,
          score: s.score,
          comment: s.comment,
          updated_at: now,
        })
        .onConflict((oc) =>
          oc
            .columns(['assignment_id', 'criterion_key'])
            .doUpdateSet({ score: s.score, comment: s.comment, updated_at: now }),
        )
        .execute();
    }
    await recordChange(trx, actor, deps.clock, {
      action: 'evaluation.scores_saved',
      entity: 'evaluation_assignment',
      entityId: id,
      after: input.scores,
      details: { applicationId: assignment.applicationId, criteria: input.scores.map((s) => s.criterionKey) },
    });
  });
  return getEvaluation(deps, actor, id);
}

/** Submits the scores; after this they are locked. Every criterion must be scored. */
export async function submitEvaluation(deps: Deps, actor: Actor, id: string) {
  const assignment = await ownAssignment(deps.db, actor, id);
  const criteria = await loadCriteria(deps.db, assignment.callId);
  const now = deps.clock.now();
  await inTransaction(deps.db, async (trx) => {
    await lockForScoring(trx, id);
    const scores = await repo.loadScores(trx, id);
    assertAllScored(criteria, scores);
    const row = await trx
      .updateTable('evaluation_assignments')
      .set({ status: 'submitted', submitted_at: now })
      .where('id', '=', id)
      .where('status', '=', 'accepted')
      .returning('id')
      .executeTakeFirst();
    if (!row) throw new AppError('invalid_state', 'Your scores were already submitted');
    await recordChange(trx, actor, deps.clock, {
      action: 'evaluation.submitted',
      entity: 'evaluation_assignment',
      entityId: id,
      after: scores,
      details: { applicationId: assignment.applicationId, weightedScoreMilli: weighted(criteria, scores) },
    });
  });
  return getEvaluation(deps, actor, id);
}
